/**
 * The fallback way to the peer of an accepted Unix socket, where SO_PEERCRED cannot be read
 * (peer-credentials.ts): fstat the accepted descriptor for its inode, then find the connected
 * socket whose peer is that inode in `ss -xpn` (iproute2, which asks the kernel's sock_diag),
 * with its owning pid. One `ss` process per lookup, so every connection waiting for a lookup
 * joins the next run.
 */
import { execFile } from 'node:child_process';
import { fstatSync } from 'node:fs';

const SS_TIMEOUT_MS = 2000;

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

/** The peer of the accepted socket `fd` by way of `ss`, or null where it cannot be seen. */
export async function peerFromSocketTable(fd: number): Promise<{ pid: number; command: string } | null> {
  let inode: number;
  try {
    inode = fstatSync(fd).ino;
  } catch {
    return null;
  }
  return peerPidFromSocketTable(await socketTable(), inode);
}
