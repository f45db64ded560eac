/**
 * The socket file: default path, stale-file replacement, and listening with mode 0600.
 */
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let serial = 0;

/** `$XDG_RUNTIME_DIR/authprobe-<pid>.sock` (else the temp dir); later servers of one process get `-2`, `-3`. */
export function defaultSocketPath(): string {
  serial += 1;
  const dir = process.env.XDG_RUNTIME_DIR || tmpdir();
  return join(dir, `authprobe-${process.pid}${serial > 1 ? `-${serial}` : ''}.sock`);
}

export class SocketInUseError extends Error {
  override readonly name = 'SocketInUseError';
}

function somebodyListens(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    const done = (live: boolean) => { s.destroy(); resolve(live); };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(1000, () => done(true)); // an answer too slow to tell: do not steal it
  });
}

/** A stale socket file (nobody listening) is removed; a live one or a non-socket file is an error. */
export async function clearStaleSocket(path: string): Promise<void> {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return; // nothing there
  }
  if (!stat.isSocket()) {
    throw new SocketInUseError(`${path} exists and is not a socket; choose another path (--desktop-socket) or remove the file`);
  }
  if (await somebodyListens(path)) {
    throw new SocketInUseError(`another process is listening on ${path}; stop it or choose another path (--desktop-socket)`);
  }
  unlinkSync(path);
}

/** Listens on `path`, created with mode 0600 (umask while binding where allowed, then chmod). */
export async function listenOnSocket(server: Server, path: string): Promise<void> {
  await clearStaleSocket(path);
  let previous: number | undefined;
  try { previous = process.umask(0o177); } catch { /* worker threads cannot set the umask; chmod below */ }
  // listen() binds synchronously for a path, so the umask is restored before anything else runs.
  const listening = new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    // A burst of connections waits in the backlog while earlier callers' peers are looked up (peer-identity.ts).
    server.listen({ path, backlog: 1024 }, () => { server.off('error', onError); resolve(); });
  });
  if (previous !== undefined) process.umask(previous);
  await listening;
  chmodSync(path, 0o600);
}
