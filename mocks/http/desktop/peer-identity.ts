/**
 * Who is on the other end of an accepted Unix socket, learned from the kernel, never from the
 * request. On Linux: the peer's pid from SO_PEERCRED (peer-credentials.ts), or where that cannot
 * be read from the socket table (peer-socket-table.ts, one `ss` run), then `/proc/<pid>/stat`
 * for the start time. Identity = pid + start time, so a recycled pid is a different process.
 *
 * Fallback (not Linux, neither way available, or the peer is not visible, e.g. another user's
 * process without privileges): the identity is the connection itself, a random key the client
 * cannot forge; one connection then counts as one process.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { ProcessIdentity } from '../../core/desktop/types.js';
import { peerCredentials } from './peer-credentials.js';
import { peerFromSocketTable } from './peer-socket-table.js';

export function connectionIdentity(): ProcessIdentity {
  return { key: `connection:${randomBytes(16).toString('base64url')}`, pid: null, startTime: null, uid: null, executable: null, source: 'connection' };
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
  const cred = peerCredentials(fd);
  const peer = cred ?? await peerFromSocketTable(fd);
  if (!peer) return connectionIdentity();
  const start = readProcessStart(peer.pid);
  if (!start) return connectionIdentity();
  return {
    key: `pid:${peer.pid}:${start.startTime}`,
    pid: peer.pid,
    startTime: start.startTime,
    uid: cred ? cred.uid : readUid(peer.pid),
    executable: start.comm || ('command' in peer ? peer.command : null),
    source: 'peer',
    // The terminal session, for CLI-style scoping: its id, tty and the leader's start time (so
    // that a recycled session id after the terminal closed is a new session).
    ...(start.session > 0 ? { session: { id: start.session, tty: start.tty, leaderStartTime: readProcessStart(start.session)?.startTime ?? null } } : {}),
  };
}
