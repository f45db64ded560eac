/**
 * The real channel's framing on the same socket, over the same core: each message is a 4-byte
 * little-endian length (at most 1 MB) followed by JSON.
 *   request  {"kind": "init_client"|"invoke"|"release_client", "account_name": "...", "payload": "<base64 JSON>"}
 *   response {"success": true, "payload": <JSON value>} | {"success": false, "payload": {"name", "message"}}
 * Payloads: init_client = the client configuration -> {"clientId", "account"};
 * invoke = {"invocation": {"clientId", "parameters": {"name", "parameters"}}} -> the method's result;
 * release_client = {"clientId"} (or the bare id) -> null.
 * Frames on one connection are answered in order.
 */
import type { Socket } from 'node:net';
import type { DesktopChannel } from '../../core/desktop/channel.js';
import { DesktopError, invalidRequest } from '../../core/desktop/errors.js';
import type { ProcessIdentity } from '../../core/desktop/types.js';
import { MAX_FRAME_BYTES } from '../body-limit.js';

export { MAX_FRAME_BYTES };

/** HTTP starts with an upper-case method; a frame's 4th byte is 0 (length < 16 MB). */
export function looksLikeRawFrame(first: Buffer): boolean {
  const c = first[0] ?? 0;
  if (c < 0x41 || c > 0x5a) return true;
  return first.length >= 4 && first[3] === 0;
}

export function encodeFrame(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

function decodePayload(payload: unknown): unknown {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload !== 'string') throw invalidRequest('"payload" must be base64-encoded JSON');
  try {
    return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    throw invalidRequest('"payload" is not base64-encoded JSON');
  }
}

function clientIdOf(v: unknown): string {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number') return String(v);
  throw invalidRequest('the message needs a "clientId"');
}

async function answer(channel: DesktopChannel, caller: ProcessIdentity, message: unknown, signal: AbortSignal): Promise<unknown> {
  if (typeof message !== 'object' || message === null) throw invalidRequest('a frame must hold a JSON object {kind, account_name, payload}');
  const { kind, account_name, payload } = message as Record<string, unknown>;
  const body = decodePayload(payload);
  switch (kind) {
    case 'init_client': {
      const config = { ...(typeof body === 'object' && body !== null ? body : {}) } as Record<string, unknown>;
      if (config.account_name === undefined && typeof account_name === 'string') config.account_name = account_name;
      return channel.initClient(caller, config, signal);
    }
    case 'invoke': {
      const inv = (body as { invocation?: { clientId?: unknown; parameters?: { name?: unknown; parameters?: unknown } } } | undefined)?.invocation;
      if (!inv) throw invalidRequest('invoke needs {"invocation": {"clientId", "parameters": {"name", "parameters"}}}');
      return channel.invoke(caller, clientIdOf(inv.clientId), inv.parameters?.name, inv.parameters?.parameters);
    }
    case 'release_client':
      channel.releaseClient(caller, clientIdOf(typeof body === 'object' && body !== null ? (body as { clientId?: unknown }).clientId : body));
      return null;
    default:
      throw invalidRequest(`"kind" must be init_client, invoke or release_client (got ${JSON.stringify(kind)})`);
  }
}

export interface RawHooks { shouldDrop(): boolean }

/** `caller` was learned from the socket before its first frame was read (server.ts). */
export function serveRawEnvelope(channel: DesktopChannel, socket: Socket, caller: ProcessIdentity, hooks: RawHooks): void {
  let buffered = Buffer.alloc(0);
  let queue = Promise.resolve();
  const hangUp = new AbortController();
  socket.on('close', () => hangUp.abort());
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32LE(0);
      if (length > MAX_FRAME_BYTES) {
        socket.end(encodeFrame({ success: false, payload: { name: 'PayloadTooLarge', message: `frames are at most ${MAX_FRAME_BYTES} bytes` } }));
        buffered = Buffer.alloc(0);
        return;
      }
      if (buffered.length < 4 + length) return;
      const text = buffered.subarray(4, 4 + length).toString('utf8');
      buffered = buffered.subarray(4 + length);
      queue = queue.then(async () => {
        if (hooks.shouldDrop()) { socket.destroy(); return; }
        let reply: unknown;
        try {
          reply = { success: true, payload: (await answer(channel, caller, JSON.parse(text), hangUp.signal)) ?? null };
        } catch (e) {
          const error = e instanceof DesktopError ? e : invalidRequest(e instanceof SyntaxError ? 'the frame is not valid JSON' : 'the message could not be handled');
          reply = { success: false, payload: error.toJSON() };
        }
        if (!socket.destroyed) socket.write(encodeFrame(reply));
      });
    }
  });
}
