/**
 * The two ways to the peer of an accepted Unix socket (DSK-6: sessions are per process, and the
 * process is learned from the kernel): SO_PEERCRED and the `ss` socket table must both name the
 * process that connected, here a child process, so that the fallback is right where it is used.
 * Linux only, as the lookups are.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { peerCredentials, peerCredentialsAvailable } from './peer-credentials.js';
import { resolvePeerIdentity } from './peer-identity.js';
import { peerFromSocketTable } from './peer-socket-table.js';

const fdOf = (s: Socket) => (s as unknown as { _handle: { fd: number } })._handle.fd;

let cleanup: Array<() => void> = [];
afterEach(() => { for (const c of cleanup.splice(0)) c(); });

/** A server on a fresh socket, and a child process that connects to it and waits. */
async function acceptFromChild(): Promise<{ socket: Socket; child: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-peer-'));
  const path = join(dir, 's.sock');
  const accepted = new Promise<Socket>((resolve) => {
    const server: Server = createServer(resolve);
    server.listen(path);
    cleanup.push(() => { server.close(); rmSync(dir, { recursive: true, force: true }); });
  });
  const child = spawn(process.execPath, ['-e', `require('node:net').connect(${JSON.stringify(path)}); setTimeout(() => {}, 60000)`], { stdio: 'ignore' });
  cleanup.push(() => child.kill());
  const socket = await accepted;
  cleanup.push(() => socket.destroy());
  return { socket, child };
}

describe.skipIf(process.platform !== 'linux')('the peer of an accepted Unix socket (DSK-6)', () => {
  it('DSK-6: the socket table (ss) names the connecting child process', async () => {
    const { socket, child } = await acceptFromChild();
    expect((await peerFromSocketTable(fdOf(socket)))?.pid).toBe(child.pid);
  });

  it.runIf(peerCredentialsAvailable())('DSK-6: SO_PEERCRED names the connecting child process and its uid', async () => {
    const { socket, child } = await acceptFromChild();
    expect(peerCredentials(fdOf(socket))).toEqual({ pid: child.pid, uid: process.getuid!() });
  });

  it.runIf(peerCredentialsAvailable())('DSK-6: SO_PEERCRED on a descriptor that is not a socket answers null, not a pid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-peer-'));
    const fd = openSync(join(dir, 'f'), 'w');
    try {
      expect(peerCredentials(fd)).toBeNull();
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DSK-6: the identity is the child\'s pid and start time, not the connection', async () => {
    const { socket, child } = await acceptFromChild();
    const identity = await resolvePeerIdentity(socket);
    expect(identity).toMatchObject({ source: 'peer', pid: child.pid, uid: process.getuid!() });
    expect(identity.key).toMatch(new RegExp(`^pid:${child.pid}:\\d+$`));
  });
});
