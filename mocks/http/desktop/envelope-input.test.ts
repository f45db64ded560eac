import { connect } from 'node:net';
import { endianness } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initBody, startHarness, type DesktopHarness } from '../../testing/desktop-harness.js';
import { encodeFrame, readFrameLength } from './raw-envelope.js';

let h: DesktopHarness;
beforeEach(async () => { h = await startHarness({ policy: { mode: 'approve' } }); });
afterEach(async () => { await h.close(); });

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
/** A frame around arbitrary bytes, with the length in the machine's byte order. */
function frameOf(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(4);
  if (endianness() === 'LE') head.writeUInt32LE(body.length);
  else head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Writes `bytes` on one connection; collects replies until `n` arrived or the server closed. */
function exchange(bytes: Buffer, n: number): Promise<{ replies: any[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = connect(h.socketPath);
    let buf = Buffer.alloc(0);
    const replies: any[] = [];
    const done = (closed: boolean) => { clearTimeout(timer); s.destroy(); resolve({ replies, closed }); };
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + readFrameLength(buf)) {
        const len = readFrameLength(buf);
        replies.push(JSON.parse(buf.subarray(4, 4 + len).toString('utf8')));
        buf = buf.subarray(4 + len);
      }
      if (replies.length >= n) done(false);
    });
    s.on('close', () => done(true));
    s.on('error', () => undefined);
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`only ${replies.length} of ${n} replies`)); }, 8000);
    s.write(bytes);
  });
}

describe('malformed envelopes get an error reply or a closed connection, never a crash', () => {
  const bad: Array<[string, Buffer, string]> = [
    ['not JSON', frameOf('{"kind": init'), 'InvalidRequest'],
    ['an empty frame', frameOf(''), 'InvalidRequest'],
    ['a JSON value that is not a message', frameOf('[1,2,3]'), 'InvalidRequest'],
    ['a payload that is not base64', encodeFrame({ kind: 'init_client', account_name: 'Demo Account', payload: '%%% not base64 %%%' }), 'InvalidRequest'],
    ['base64 of something that is not JSON', encodeFrame({ kind: 'init_client', account_name: 'Demo Account', payload: Buffer.from('nope').toString('base64') }), 'InvalidRequest'],
    ['an unknown kind', encodeFrame({ kind: 'delete_everything', account_name: 'Demo Account', payload: b64({}) }), 'InvalidRequest'],
    ['an invoke with no invocation', encodeFrame({ kind: 'invoke', account_name: '', payload: b64({}) }), 'InvalidRequest'],
    ['an invoke naming a client that does not exist', encodeFrame({ kind: 'invoke', account_name: '', payload: b64({ invocation: { clientId: 12345, parameters: { name: 'VaultsList', parameters: {} } } }) }), 'DesktopSessionExpired'],
  ];
  for (const [what, bytes, name] of bad) {
    it(`${what}: {success:false, payload:{name: ${name}, message}}, and the connection keeps serving`, async () => {
      const good = encodeFrame({ kind: 'init_client', account_name: 'Demo Account', payload: b64(initBody()) });
      const { replies } = await exchange(Buffer.concat([bytes, good]), 2);
      expect(replies[0]).toMatchObject({ success: false, payload: { name, message: expect.any(String) } });
      expect(replies[1]).toMatchObject({ success: true, payload: { clientId: expect.any(Number) } });
    });
  }

  it('an oversize length is answered PayloadTooLarge and the connection closed; other connections are served', async () => {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(0xffff_ff00); // in either byte order, far past 1 MB
    const { replies, closed } = await exchange(head, 1);
    expect(replies[0]).toMatchObject({ success: false, payload: { name: 'PayloadTooLarge' } });
    expect(closed || replies.length === 1).toBe(true);
    expect((await h.call('POST', '/v1/clients', initBody())).status).toBe(201);
  });

  it('a peer that closes mid-frame leaves the server serving', async () => {
    await new Promise<void>((resolve) => {
      const s = connect(h.socketPath, () => { s.end(encodeFrame({ kind: 'init_client' }).subarray(0, 9)); });
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    const { replies } = await exchange(encodeFrame({ kind: 'init_client', account_name: 'acme.example.com', payload: b64({ ...initBody(), account_name: undefined }) }), 1);
    expect(replies[0]).toMatchObject({ success: true, payload: { account: { name: 'Demo Account' } } });
  });
});

