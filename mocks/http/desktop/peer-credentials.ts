/**
 * The kernel's SO_PEERCRED for an accepted Unix socket: unix(7), "the credentials of the peer
 * process connected to this socket", as they were at connect(2). Node has no getsockopt for it,
 * so it is read through `peercred`, a small native module and an optional dependency: it is
 * compiled when installed (node-gyp) and may be missing where no compiler was found. Then, and
 * where the kernel does not answer, this returns null and the caller falls back to the socket
 * table (peer-socket-table.ts), which costs one `ss` process per lookup.
 */
import { createRequire } from 'node:module';

export interface PeerCredentials {
  pid: number;
  uid: number;
}

type FromFd = (fd: number) => { pid?: unknown; uid?: unknown; errno?: unknown };

function load(): FromFd | null {
  if (process.platform !== 'linux') return null; // elsewhere the module gives no pid
  try {
    const mod = createRequire(import.meta.url)('peercred') as { fromFd?: FromFd };
    return typeof mod.fromFd === 'function' ? mod.fromFd : null;
  } catch {
    return null;
  }
}

// Loaded on first use, in the thread that serves the socket: the module is not context-aware,
// so Node loads it into one thread per process only, and a second thread would get null here.
let fromFd: FromFd | null | undefined;

/** Whether SO_PEERCRED can be read in this thread; false means every lookup goes to the socket table. */
export function peerCredentialsAvailable(): boolean {
  fromFd ??= load();
  return fromFd !== null;
}

/** The peer's pid and uid, or null (no module, not a Unix socket, or a peer outside our pid namespace: pid 0). */
export function peerCredentials(fd: number): PeerCredentials | null {
  if (!peerCredentialsAvailable() || !fromFd) return null;
  let answer: ReturnType<FromFd>;
  try {
    answer = fromFd(fd); // on failure the module answers { errno } instead of throwing
  } catch {
    return null;
  }
  const { pid, uid } = answer;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
  if (typeof uid !== 'number' || !Number.isInteger(uid) || uid < 0) return null;
  return { pid, uid };
}
