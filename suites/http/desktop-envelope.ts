/**
 * The real desktop channel's framing, as the SDKs speak it (DESKTOP.md): over the app's Unix
 * socket, each message is a 4-byte native-endian length (at most 1 MB) and that many bytes of
 * JSON. Requests are `{kind, account_name, payload: base64(JSON)}`; replies `{success, payload}`,
 * with `{name, message}` as the payload of a failure.
 *
 * One request = one connection, as an SDK's call into the app's library is: a held `init_client`
 * (the prompt) then cannot hold up anything else. Everything has a bound: connecting, the
 * answer, and the frame; a partial frame is waited for, an oversize length, a peer that closes
 * mid-frame and a reply that is not the envelope are errors that say which.
 */
import { connect } from 'node:net';
import { endianness } from 'node:os';

export const MAX_ENVELOPE_FRAME_BYTES = 1024 * 1024;
const NATIVE_LE = endianness() === 'LE';

export type EnvelopeKind = 'init_client' | 'invoke' | 'release_client';

export interface EnvelopeRequest {
  kind: EnvelopeKind;
  account_name: string;
  /** JSON value, sent base64-encoded. */
  payload: unknown;
}

/** What the app answered. */
export interface EnvelopeReply {
  success: boolean;
  payload: unknown;
}

/** No reply: the app is not there, dropped the connection, said nothing in time, or sent a broken frame. */
export class EnvelopeTransportError extends Error {
  override readonly name = 'LostConnectionToApp';
  constructor(
    readonly kind: 'refused' | 'dropped' | 'timeout' | 'oversize' | 'malformed',
    message: string,
    readonly elapsedMs: number,
  ) {
    super(message);
  }
}

export function encodeEnvelopeFrame(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const head = Buffer.alloc(4);
  if (NATIVE_LE) head.writeUInt32LE(body.length, 0);
  else head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

export const readEnvelopeLength = (b: Buffer): number => (NATIVE_LE ? b.readUInt32LE(0) : b.readUInt32BE(0));

export function envelopeMessage(req: EnvelopeRequest): { kind: EnvelopeKind; account_name: string; payload: string } {
  return { kind: req.kind, account_name: req.account_name, payload: Buffer.from(JSON.stringify(req.payload ?? null), 'utf8').toString('base64') };
}

/**
 * Sends one frame (or, for tests of the app's robustness, raw bytes) on a fresh connection and
 * reads one reply frame. Resolves with the parsed reply; rejects with EnvelopeTransportError.
 */
export function sendEnvelope(socketPath: string, message: unknown, opts: { timeoutMs: number; connectMs?: number; raw?: Buffer }): Promise<EnvelopeReply> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let buffered: Buffer = Buffer.alloc(0);
    let connected = false;
    let settled = false;
    const socket = connect(socketPath);
    const finish = (err: EnvelopeTransportError | null, reply?: EnvelopeReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(reply!);
    };
    const fail = (kind: EnvelopeTransportError['kind'], why: string) => {
      const elapsed = Date.now() - started;
      finish(new EnvelopeTransportError(kind, `${why} (after ${elapsed} ms)`, elapsed));
    };
    let timer = setTimeout(() => fail('timeout', `could not connect to ${socketPath} in time`), opts.connectMs ?? opts.timeoutMs);
    socket.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (buffered.length > 0) fail('timeout', `the app sent ${buffered.length} bytes of a frame and then nothing more`);
        else fail('timeout', 'the app did not answer in time');
      }, opts.timeoutMs);
      socket.write(opts.raw ?? encodeEnvelopeFrame(message));
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return; // a partial length: wait for the rest
      const length = readEnvelopeLength(buffered);
      if (length > MAX_ENVELOPE_FRAME_BYTES) return fail('oversize', `the app announced a ${length}-byte frame; frames are at most ${MAX_ENVELOPE_FRAME_BYTES} bytes`);
      if (buffered.length < 4 + length) return; // a partial frame: wait for the rest
      let reply: unknown;
      try {
        reply = JSON.parse(buffered.subarray(4, 4 + length).toString('utf8'));
      } catch {
        return fail('malformed', `the app's ${length}-byte reply is not JSON`);
      }
      const r = reply as Partial<EnvelopeReply> | null;
      if (typeof r !== 'object' || r === null || typeof r.success !== 'boolean') {
        return fail('malformed', `the app's reply is not {success, payload}: ${JSON.stringify(reply).slice(0, 200)}`);
      }
      finish(null, { success: r.success, payload: r.payload ?? null });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (!connected) return fail('refused', `nothing listens on ${socketPath} (${e.code ?? e.message}): is the desktop app running, with "Integrate with other apps" turned on?`);
      fail('dropped', `the connection was unexpectedly dropped (${e.code ?? e.message})`);
    });
    socket.on('close', () => {
      if (!connected) return fail('refused', `nothing listens on ${socketPath}`);
      if (buffered.length === 0) return fail('dropped', 'the app closed the connection without an answer');
      const want = buffered.length >= 4 ? 4 + readEnvelopeLength(buffered) : 4;
      fail('dropped', `the app closed the connection mid-frame, after ${buffered.length} of ${want} bytes`);
    });
  });
}
