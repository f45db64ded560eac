/**
 * The DSK suite's client of the real channel: the length-prefixed envelope
 * (../http/desktop-envelope.ts) behind the same `DesktopAnswer` the HTTP dialect gives, so that
 * every DSK property runs over either protocol. The envelope carries no status: an answer gets
 * the status the HTTP dialect gives the same error name (openapi/desktop-ipc.yaml), and a
 * failure without a known name gets 0, so a property's check on status and name judges the
 * name the app sent; an invocation's result is given as `{result}`, as the dialect does. Client
 * ids are the app's numbers; the properties hold them as strings.
 */
import { EnvelopeTransportError, envelopeMessage, sendEnvelope, type EnvelopeKind, type EnvelopeReply } from '../http/desktop-envelope.js';
import { DesktopConnectionError, type DesktopAnswer, type InitConfiguration } from './socket-client.js';

/** The HTTP dialect's status for each error name the channel documents. */
const STATUS_OF: Record<string, number> = {
  InvalidRequest: 400, UnsupportedMethod: 400, invalidSecretReference: 400, tooManyVaults: 400, tooManyItems: 400, tooManyMatchingFields: 400,
  DesktopSessionExpired: 401, AuthorizationDenied: 403, AccountNotFound: 404, vaultNotFound: 404, itemNotFound: 404, fieldNotFound: 404,
  AuthorizationTimeout: 408, PayloadTooLarge: 413, RateLimitExceeded: 429, IntegrationDisabled: 503,
};
const OK_STATUS: Record<EnvelopeKind, number> = { init_client: 201, invoke: 200, release_client: 204 };
const cut = (s: string) => (s.length > 240 ? `${s.slice(0, 240)}...` : s);

export class EnvelopeChannel {
  readonly protocol = 'envelope' as const;
  readonly #log: string[] = [];

  constructor(
    readonly socketPath: string,
    readonly timeoutMs: number,
  ) {}

  recent(n = 6): string[] {
    return this.#log.slice(-n);
  }

  init(config: InitConfiguration, timeoutMs?: number): Promise<DesktopAnswer> {
    return this.#send('init_client', config.account_name, config, timeoutMs);
  }

  invoke(clientId: string, name: string, parameters: Record<string, unknown> = {}): Promise<DesktopAnswer> {
    return this.#send('invoke', '', { invocation: { clientId: wireId(clientId), parameters: { name, parameters } } });
  }

  release(clientId: string): Promise<DesktopAnswer> {
    return this.#send('release_client', '', { clientId: wireId(clientId) });
  }

  async #send(kind: EnvelopeKind, accountName: string, payload: unknown, timeoutMs = this.timeoutMs): Promise<DesktopAnswer> {
    const started = Date.now();
    const what = `${kind} ${cut(JSON.stringify(payload))}`;
    let reply;
    try {
      reply = await sendEnvelope(this.socketPath, envelopeMessage({ kind, account_name: accountName, payload }), { timeoutMs });
    } catch (err) {
      if (!(err instanceof EnvelopeTransportError)) throw err;
      const k = err.kind === 'refused' ? 'refused' : err.kind === 'timeout' ? 'timeout' : 'dropped';
      const e = new DesktopConnectionError(k, kind, Date.now() - started, err.message);
      this.#log.push(`${what} -> ${e.message}`);
      throw e;
    }
    this.#log.push(`${what} -> ${cut(JSON.stringify(reply))}`);
    return answerOfReply(kind, reply)!;
  }

  async close(): Promise<void> {}
}

/** A reply in the HTTP dialect's terms (status for the error name); null when it is not the envelope. */
export function answerOfReply(kind: EnvelopeKind, reply: unknown): DesktopAnswer | null {
  const r = reply as Partial<EnvelopeReply> | null;
  if (typeof r !== 'object' || r === null || typeof r.success !== 'boolean') return null;
  const line = `${kind} -> ${cut(JSON.stringify(reply))}`;
  // The HTTP dialect answers an invocation {result}; the properties read it so.
  if (r.success) return { status: OK_STATUS[kind], body: kind === 'invoke' ? { result: r.payload ?? null } : (r.payload ?? undefined), line };
  const p = r.payload as { name?: unknown; message?: unknown } | null;
  const name = typeof p?.name === 'string' ? p.name : undefined;
  return {
    status: name ? (STATUS_OF[name] ?? 400) : 0,
    body: r.payload,
    line,
    ...(name ? { name } : {}),
    ...(typeof p?.message === 'string' ? { message: p.message } : {}),
  };
}

/** The app's numeric ids travel as numbers; anything else (a fabricated id) as it is. */
export const wireId = (id: string): string | number => (/^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id);
