/**
 * Who holds a grant under the app's scoping policy. An SDK's grant is per process (DSK-4); the
 * CLI's is per terminal session and that session's start time, so that sub-shells of one
 * terminal share it and a new terminal (or a recycled session id) is prompted again
 * (cli-app-integration; DESKTOP.md). The session comes from the peer process as the transport
 * learned it (`/proc/<pid>/stat`), never from the request.
 */
import type { DesktopState } from './state.js';
import type { ProcessIdentity } from './types.js';

/** The key grants of `caller` are held under; falls back to the process when its session is unknown. */
export function holderOf(s: DesktopState, caller: ProcessIdentity): string {
  if (s.settings.policy.scope !== 'terminal' || !caller.session) return caller.key;
  const { id, tty, leaderStartTime } = caller.session;
  return `session:${id}:${leaderStartTime ?? 'unknown'}:tty:${tty}`;
}
