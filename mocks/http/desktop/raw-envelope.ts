/**
 * The real channel's framing on the same socket, over the same core: each message is a 4-byte
 * native-endian length (at most 1 MB) followed by JSON.
 *   request  {"kind": "init_client"|"invoke"|"release_client", "account_name": "...", "payload": "<base64 JSON>"}
 *   response {"success": true, "payload": <JSON value>} | {"success": false, "payload": {"name", "message"}}
 * Payloads: init_client = the client configuration -> {"clientId" (a number, as the real channel's), "account"};
 * invoke = {"invocation": {"clientId", "parameters": {"name", "parameters"}}} -> the method's result;
 * release_client = {"clientId"} (or the bare id) -> null.
 * Frames on one connection are answered in order.
 */
import type { Socket } from 'node:net';
import { endianness } from 'node:os';
import type { DesktopChannel } from '../../core/desktop/channel.js';
import { DesktopError, invalidRequest } from '../../core/desktop/errors.js';
import type { ProcessIdentity } from '../../core/desktop/types.js';
import { MAX_FRAME_BYTES } from '../body-limit.js';
import { lockSoon } from './data-plane.js';

export { MAX_FRAME_BYTES };

/** HTTP starts with an upper-case method; a frame's 4th byte is 0 (length < 16 MB). */
export function looksLikeRawFrame(first: Buffer): boolean {
  const c = first[0] ?? 0;
  if (c < 0x41 || c > 0x5a) return true;
  return first.length >= 4 && first[3] === 0;
}

/** The real channel frames with the machine's own byte order. */
const NATIVE_LE = endianness() === 'LE';
export const readFrameLength = (b: Buffer): number => (NATIVE_LE ? b.readUInt32LE(0) : b.readUInt32BE(0));

export function encodeFrame(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const head = Buffer.alloc(4);
  if (NATIVE_LE) head.writeUInt32LE(body.length, 0);
  else head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

function decodePayload(payload: unknown): unknown {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload !== 'string') throw invalidRequest('"payload" must be base64-encoded JSON');
  // Node's decoder skips characters outside the alphabet; the channel's does not.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 === 1) throw invalidRequest('"payload" is not base64 (standard alphabet, optional = padding)');
  try {
    return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    throw invalidRequest('"payload" is not base64-encoded JSON');
  }
}

function clientIdOf(channel: DesktopChannel, v: unknown): string {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return channel.clientIdOfNumber(v);
  throw invalidRequest('the message needs a "clientId"');
}

async function answer(channel: DesktopChannel, caller: ProcessIdentity, message: unknown, signal: AbortSignal, hooks: RawHooks): Promise<unknown> {
  if (typeof message !== 'object' || message === null) throw invalidRequest('a frame must hold a JSON object {kind, account_name, payload}');
  const { kind, account_name, payload } = message as Record<string, unknown>;
  const body = decodePayload(payload);
  switch (kind) {
    case 'init_client': {
      const config = { ...(typeof body === 'object' && body !== null ? body : {}) } as Record<string, unknown>;
      if (config.account_name === undefined && typeof account_name === 'string') config.account_name = account_name;
      const { clientNumber, account } = await channel.initClient(caller, config, signal);
      return { clientId: clientNumber, account };
    }
    case 'invoke': {
      const inv = (body as { invocation?: { clientId?: unknown; parameters?: { name?: unknown; parameters?: unknown } } } | undefined)?.invocation;
      if (!inv) throw invalidRequest('invoke needs {"invocation": {"clientId", "parameters": {"name", "parameters"}}}');
      const id = clientIdOf(channel, inv.clientId);
      if (hooks.takeLockInFlight?.()) return channel.invokeInFlight(caller, id, inv.parameters?.name, inv.parameters?.parameters, () => lockSoon(channel));
      return channel.invoke(caller, id, inv.parameters?.name, inv.parameters?.parameters);
    }
    case 'release_client':
      channel.releaseClient(caller, clientIdOf(channel, typeof body === 'object' && body !== null ? (body as { clientId?: unknown }).clientId : body));
      return null;
    default:
      throw invalidRequest(`"kind" must be init_client, invoke or release_client (got ${JSON.stringify(kind)})`);
  }
}

export interface RawHooks {
  shouldDrop(): boolean;
  /** The silent scenario: read the frame, never answer it. */
  takeSilent?(): boolean;
  /** The lock-in-flight scenario (data-plane.ts `lockSoon`). */
  takeLockInFlight?(): boolean;
}

/**
 * What one caller may hold of the server (issue 12): a frame must arrive whole within `stallMs`
 * once it has begun, and a caller's unfinished frames, over all its connections, may buffer at
 * most `maxBufferedBytes`. `buffered` is shared by a server's connections, keyed by caller.
 */
export interface EnvelopeLimits {
  stallMs: number;
  maxBufferedBytes: number;
  buffered: Map<string, number>;
}

export const DEFAULT_STALL_MS = 10_000;
/** Four whole frames: a caller with several connections can send big frames on each at once. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * MAX_FRAME_BYTES + 16;

export function envelopeLimits(o: Partial<EnvelopeLimits> = {}): EnvelopeLimits {
  return { stallMs: o.stallMs ?? DEFAULT_STALL_MS, maxBufferedBytes: o.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES, buffered: o.buffered ?? new Map() };
}

const refusal = (name: 'InvalidRequest' | 'RateLimitExceeded', message: string) => encodeFrame({ success: false, payload: { name, message } });

/** `caller` was learned from the socket before its first frame was read (server.ts). */
export function serveRawEnvelope(channel: DesktopChannel, socket: Socket, caller: ProcessIdentity, hooks: RawHooks, limits: EnvelopeLimits = envelopeLimits()): void {
  let buffered = Buffer.alloc(0);
  let held = 0; // this connection's share of limits.buffered[caller.key]
  let queue = Promise.resolve();
  const hangUp = new AbortController();
  const account = (now: number) => {
    const total = (limits.buffered.get(caller.key) ?? 0) - held + now;
    held = now;
    if (total <= 0) limits.buffered.delete(caller.key);
    else limits.buffered.set(caller.key, total);
    return total;
  };
  const refuse = (frame: Buffer) => {
    account(0);
    buffered = Buffer.alloc(0);
    socket.setTimeout(0);
    if (!socket.destroyed && !socket.writableEnded) socket.end(frame);
    // A peer that keeps the socket half-open after the refusal is not waited for.
    setTimeout(() => socket.destroy(), 1000).unref();
  };
  socket.on('timeout', () => refuse(refusal('InvalidRequest', `the frame was not completed within ${limits.stallMs} ms; the connection is closed`)));
  socket.on('close', () => {
    account(0);
    hangUp.abort();
  });
  socket.on('data', (chunk: Buffer) => {
    if (socket.writableEnded) return;
    buffered = Buffer.concat([buffered, chunk]);
    drain();
    if (socket.writableEnded) return;
    if (account(buffered.length) > limits.maxBufferedBytes)
      return refuse(refusal('RateLimitExceeded', `this caller has over ${limits.maxBufferedBytes} bytes of unfinished frames across its connections`));
    // Mid-frame: the rest must come within stallMs; between frames a connection may idle.
    socket.setTimeout(buffered.length > 0 ? limits.stallMs : 0);
  });
  const drain = () => {
    while (buffered.length >= 4) {
      const length = readFrameLength(buffered);
      if (length > MAX_FRAME_BYTES) {
        refuse(encodeFrame({ success: false, payload: { name: 'PayloadTooLarge', message: `frames are at most ${MAX_FRAME_BYTES} bytes` } }));
        return;
      }
      if (buffered.length < 4 + length) return;
      const text = buffered.subarray(4, 4 + length).toString('utf8');
      buffered = buffered.subarray(4 + length);
      queue = queue.then(async () => {
        if (hooks.shouldDrop()) {
          if (!channel.defects.on('desktop-drop-hangs')) socket.destroy(); // defect: breaks DSK-9
          return;
        }
        if (hooks.takeSilent?.()) return;
        let reply: unknown;
        try {
          reply = { success: true, payload: (await answer(channel, caller, JSON.parse(text), hangUp.signal, hooks)) ?? null };
        } catch (e) {
          const error = e instanceof DesktopError ? e : invalidRequest(e instanceof SyntaxError ? 'the frame is not valid JSON' : 'the message could not be handled');
          reply = { success: false, payload: error.toJSON() };
        }
        if (!socket.destroyed && !socket.writableEnded) socket.write(encodeFrame(reply));
      });
    }
  };
}
