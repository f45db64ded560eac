/**
 * Who is on the other end of an accepted Unix socket, learned from the kernel, never from the
 * request. Node exposes no SO_PEERCRED, so on Linux: fstat the accepted descriptor for its
 * inode, find the connected socket whose peer is that inode in `ss -xpn` (iproute2, which asks
 * the kernel's sock_diag) with its owning pid, then read `/proc/<pid>/stat` for the start time.
 * Identity = pid + start time, so a recycled pid is a different process.
 *
 * Fallback (not Linux, no `ss`, or the peer is not visible, e.g. another user's process without
 * privileges): the identity is the connection itself, a random key the client cannot forge;
 * one connection then counts as one process.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fstatSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { ProcessIdentity } from '../../core/desktop/types.js';

const SS_TIMEOUT_MS = 2000;

export function connectionIdentity(): ProcessIdentity {
  return { key: `connection:${randomBytes(16).toString('base64url')}`, pid: null, startTime: null, uid: null, executable: null, source: 'connection' };
}

// One `ss` run at a time, and every connection accepted before a run starts joins it (it appears
// in the output). A burst therefore costs two runs, not one spawn per tick: spawning blocks the
// event loop, and a loop busy spawning stops accepting, so the backlog filled and connects were
// refused (issue 12).
let joinable: Promise<string> | null = null;
let previous: Promise<unknown> = Promise.resolve();
function socketTable(): Promise<string> {
  if (joinable) return joinable;
  const run = new Promise<string>((resolve) => {
    void previous.then(() => setImmediate(() => {
      joinable = null; // connections accepted from now on may be missing from this run's output
      execFile('ss', ['-xpnH'], { timeout: SS_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => resolve(err ? '' : stdout));
    }));
  });
  joinable = run;
  previous = run;
  return run;
}

/** The pid owning the Unix socket whose peer inode is `inode`, from `ss -xpnH` output. */
export function peerPidFromSocketTable(table: string, inode: number): { pid: number; command: string } | null {
  for (const line of table.split('\n')) {
    const m = /\s(\d+)\s+\S+\s+(\d+)\s+users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+),/.exec(line);
    if (!m) continue;
    const [, local, peer, command, pid] = m;
    if (Number(peer) === inode && Number(local) !== inode) return { pid: Number(pid), command: command! };
  }
  return null;
}

/** `/proc/<pid>/stat` field 22 (starttime), field 2 (comm), field 6 (session id) and field 7 (tty_nr). */
export function readProcessStart(pid: number): { startTime: number; comm: string; session: number; tty: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' '); // fields from 3 (state) on
    const startTime = Number(fields[22 - 3]);
    const session = Number(fields[6 - 3]);
    const tty = Number(fields[7 - 3]);
    return Number.isFinite(startTime) ? { startTime, comm, session: Number.isFinite(session) ? session : 0, tty: Number.isFinite(tty) ? tty : 0 } : null;
  } catch {
    return null;
  }
}

function readUid(pid: number): number | null {
  try {
    const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export async function resolvePeerIdentity(socket: Socket): Promise<ProcessIdentity> {
  if (process.platform !== 'linux') return connectionIdentity();
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) return connectionIdentity();
  let inode: number;
  try {
    inode = fstatSync(fd).ino;
  } catch {
    return connectionIdentity();
  }
  const peer = peerPidFromSocketTable(await socketTable(), inode);
  if (!peer) return connectionIdentity();
  const start = readProcessStart(peer.pid);
  if (!start) return connectionIdentity();
  return {
    key: `pid:${peer.pid}:${start.startTime}`,
    pid: peer.pid,
    startTime: start.startTime,
    uid: readUid(peer.pid),
    executable: start.comm || peer.command,
    source: 'peer',
    // The terminal session, for CLI-style scoping: its id, tty and the leader's start time (so
    // that a recycled session id after the terminal closed is a new session).
    ...(start.session > 0 ? { session: { id: start.session, tty: start.tty, leaderStartTime: readProcessStart(start.session)?.startTime ?? null } } : {}),
  };
}
