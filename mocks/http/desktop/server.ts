// Placeholder until the desktop channel lands; the desktop issue replaces this file.
import type { Clock } from '../../core/clock.js';
import type { MountedRoute } from '../routes.js';

export interface DesktopServerOptions {
  clock: Clock;
  /** Unix socket path; default under $XDG_RUNTIME_DIR, else the temp dir. */
  socketPath?: string;
  /** The `desktop` section of the mock config (accounts, vaults, items, policy). */
  config?: unknown;
}

export interface RunningDesktopServer {
  readonly socketPath: string;
  /** Mounted by the HTTP server under `/_mock/desktop/`. */
  readonly controlRoute: MountedRoute;
  /** Resets desktop state (called by `POST /_mock/reset`). */
  reset(): void;
  close(): Promise<void>;
}

export async function startDesktopServer(_options: DesktopServerOptions): Promise<RunningDesktopServer | null> {
  return null;
}
