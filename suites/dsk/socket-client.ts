/**
 * The DSK suite's own client of the desktop channel (openapi/desktop-ipc.yaml): HTTP/1.1 JSON
 * over the target's Unix socket, every request with a timeout. It answers what the channel
 * said (status, `{name, message}`), and connection failures as `DesktopConnectionError`
 * (`LostConnectionToApp`), so that a property can tell an answer from a dropped connection.
 */
import { HttpClient, TransportError, type HttpResponse } from '../http/client.js';

/** What the channel answered. */
export interface DesktopAnswer {
  status: number;
  /** `name` of an error answer `{name, message}`. */
  name?: string;
  message?: string;
  body: unknown;
  /** `METHOD path -> status body`, for failure messages. */
  line: string;
}

/** The request got no answer: refused, dropped, or timed out. */
export class DesktopConnectionError extends Error {
  override name = 'LostConnectionToApp';
  constructor(
    readonly kind: 'refused' | 'dropped' | 'timeout',
    readonly request: string,
    readonly elapsedMs: number,
    detail: string,
  ) {
    super(`${request}: ${kind === 'timeout' ? 'no answer in time' : kind === 'refused' ? 'the app is not accepting connections' : 'the connection was dropped'} after ${elapsedMs} ms (${detail})`);
  }
}

export interface InitConfiguration {
  account_name: string;
  integrationName: string;
  integrationVersion: string;
  [key: string]: string;
}

const BASE = 'http://desktop.invalid';
const cut = (s: string) => (s.length > 240 ? `${s.slice(0, 240)}...` : s);

export class DesktopSocket {
  readonly protocol = 'http' as const;
  readonly #http: HttpClient;
  readonly #log: string[] = [];

  constructor(
    readonly socketPath: string,
    readonly timeoutMs: number,
  ) {
    this.#http = new HttpClient({ timeoutMs, socketPath });
  }

  /** The last `n` exchanges over the socket, one line each. */
  recent(n = 6): string[] {
    return this.#log.slice(-n);
  }

  /** `init_client`: held by the app until its prompt is answered. */
  init(config: InitConfiguration, timeoutMs?: number): Promise<DesktopAnswer> {
    return this.#send('POST', '/v1/clients', config, timeoutMs);
  }

  invoke(clientId: string, name: string, parameters: Record<string, unknown> = {}): Promise<DesktopAnswer> {
    return this.#send('POST', `/v1/clients/${encodeURIComponent(clientId)}/invoke`, { name, parameters });
  }

  release(clientId: string): Promise<DesktopAnswer> {
    return this.#send('DELETE', `/v1/clients/${encodeURIComponent(clientId)}`);
  }

  async #send(method: string, path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<DesktopAnswer> {
    const started = Date.now();
    const what = `${method} ${path}`;
    let res: HttpResponse;
    try {
      res = await this.#http.send({
        method,
        url: BASE + path,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs,
      });
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      const kind = err.kind === 'timeout' ? 'timeout' : err.kind === 'refused' || /ENOENT|ECONNREFUSED/.test(err.message) ? 'refused' : 'dropped';
      const e = new DesktopConnectionError(kind, what, Date.now() - started, err.message);
      this.#log.push(`${what} -> ${e.message}`);
      throw e;
    }
    const json = res.json as { name?: unknown; message?: unknown } | undefined;
    const answer: DesktopAnswer = { status: res.status, body: res.json ?? res.text, line: `${what} -> ${res.status} ${cut(res.text.replace(/\s+/g, ' ')) || '(empty)'}` };
    if (res.status >= 400 && typeof json?.name === 'string') answer.name = json.name;
    if (res.status >= 400 && typeof json?.message === 'string') answer.message = json.message;
    this.#log.push(body === undefined ? answer.line : `${what} ${cut(JSON.stringify(body))} -> ${answer.line.slice(what.length + 4)}`);
    return answer;
  }

  close(): Promise<void> {
    return this.#http.close();
  }
}

/** A request in flight whose outcome can be looked at without waiting for it. */
export interface Pending<T> {
  readonly promise: Promise<T>;
  readonly settled: boolean;
}

export function track<T>(promise: Promise<T>): Pending<T> {
  const state = { settled: false };
  const p = promise.finally(() => {
    state.settled = true;
  });
  p.catch(() => undefined);
  return {
    promise: p,
    get settled() {
      return state.settled;
    },
  };
}
