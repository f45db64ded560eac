/**
 * The suites' HTTP client (undici). Every request has a timeout, redirects are never followed
 * (the suites read `Location` themselves and never leave the server's origin), answers are cut
 * at a size cap, and every exchange is recorded so that a failure can show it as curl commands.
 *
 * A run's client also stops (every later request fails at once with `RunStopped`) when the
 * target stopped answering — several requests in a row timed out — or the run's deadline
 * (`--max-time`) passed: a dead target ends a run in seconds, not in one timeout per row.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, request } from 'undici';
import type { DriverFetch } from '../drivers/types.js';
import type { UnreachableKind } from '../target/errors.js';
import type { SecretRef } from '../target/types.js';
import { redact, type Exchange } from './exchange.js';

export interface HttpRequest {
  method?: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", " (set-cookie with "\n"). */
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
  truncated: boolean;
  exchange: Exchange;
}

/** The request never got an answer: DNS, refused, TLS, timeout. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly kind: UnreachableKind,
    readonly url: string,
    detail: string,
  ) {
    super(`${kind === 'timeout' ? 'timed out' : kind === 'dns' ? 'DNS lookup failed' : kind === 'refused' ? 'connection refused' : kind === 'tls' ? 'TLS failure' : 'network error'}: ${detail} (${url})`);
  }
}

/** The run's client stopped before this request was sent: see `HttpClient.stopped`. */
export class RunStopped extends TransportError {
  override name = 'RunStopped';
  constructor(
    url: string,
    readonly reason: string,
    detail = `not sent: ${reason}`,
  ) {
    super('timeout', url, detail);
  }
}

/** Why a run's client stops (the row text is `not run: <reason>`). */
export const TARGET_STOPPED_ANSWERING = 'the target stopped answering';
export const INTERRUPTED = 'the run was interrupted';
export const MAX_TIME_REACHED = '--max-time reached';

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH)/;

export function classifyTransportError(err: unknown): { kind: UnreachableKind; detail: string } {
  const chain: Array<{ code?: string; name?: string; message?: string }> = [];
  let e: unknown = err;
  for (let i = 0; e && i < 5; i++) {
    chain.push(e as { code?: string; name?: string; message?: string });
    e = (e as { cause?: unknown }).cause;
  }
  for (const c of chain) {
    const code = c.code ?? '';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { kind: 'dns', detail: `${code}: ${c.message ?? ''}` };
    if (code === 'ECONNREFUSED') return { kind: 'refused', detail: c.message ?? code };
    if (TLS_CODES.test(code)) return { kind: 'tls', detail: `${code}: ${c.message ?? ''}` };
    if (c.name === 'TimeoutError' || /TIMEOUT/.test(code)) return { kind: 'timeout', detail: c.message ?? code };
  }
  const first = chain[0];
  return { kind: 'network', detail: `${first?.code ?? first?.name ?? 'error'}: ${first?.message ?? String(err)}` };
}

export interface HttpClientOptions {
  timeoutMs: number;
  /** Answers larger than this are cut (and flagged); default 1 MiB. */
  maxBodyBytes?: number;
  secrets?: readonly SecretRef[];
  /** Talk HTTP over this Unix socket instead of TCP. */
  socketPath?: string;
  /** Stop after this many requests in a row timed out (`TARGET_STOPPED_ANSWERING`); default never. */
  stopAfterTimeouts?: number;
  /** No request runs past this instant (ms since the epoch); then the client stops (`MAX_TIME_REACHED`). */
  deadline?: number;
}

export interface StopState {
  /** `the target stopped answering`, `--max-time reached`. */
  reason: string;
  /** What made it stop: the timeouts, the deadline. */
  detail: string;
}

function bytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

const MAX_RECORDED = 400;
const RECORDED_BODY = 4096;

/**
 * The recording scopes and request counters of every client, per async context. One storage
 * each for the whole process, keyed by client inside: Node keeps every AsyncLocalStorage ever
 * enabled in a list it walks on each new promise, so one per client made a long process (the
 * multi-seed defect matrix starts a client per row) slower with every run.
 */
const scopeStore = new AsyncLocalStorage<ReadonlyMap<HttpClient, readonly Exchange[][]>>();
const counterStore = new AsyncLocalStorage<ReadonlyMap<HttpClient, { requests: number }>>();

export class HttpClient {
  readonly timeoutMs: number;
  readonly secrets: readonly SecretRef[];
  private readonly maxBodyBytes: number;
  private readonly agent: Agent;
  private readonly stopAfterTimeouts: number | undefined;
  private readonly deadline: number | undefined;
  private timeoutsInARow = 0;
  private stop: StopState | undefined;

  constructor(opts: HttpClientOptions) {
    this.timeoutMs = opts.timeoutMs;
    this.secrets = opts.secrets ?? [];
    this.maxBodyBytes = opts.maxBodyBytes ?? 1024 * 1024;
    this.stopAfterTimeouts = opts.stopAfterTimeouts;
    this.deadline = opts.deadline;
    this.agent = new Agent({
      connect: { timeout: opts.timeoutMs, ...(opts.socketPath ? { socketPath: opts.socketPath } : {}) },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      keepAliveTimeout: 2_000,
    });
  }

  /**
   * Runs `fn` with every exchange it causes (and only those: requirements may run concurrently)
   * also appended to `into`, capped like the client's own record. Scopes nest: an exchange goes
   * to every enclosing scope of the async context that sent it.
   */
  recordingInto<T>(into: Exchange[], fn: () => Promise<T>): Promise<T> {
    const scopes = new Map(scopeStore.getStore());
    scopes.set(this, [...(scopes.get(this) ?? []), into]);
    return scopeStore.run(scopes, fn);
  }

  /**
   * Stops the client at once (the run was interrupted): later requests fail with RunStopped,
   * and requests in flight are aborted, so the run ends in a moment, not after its timeouts.
   */
  halt(reason: string, detail: string): void {
    if (this.stop) return;
    this.stop = { reason, detail };
    void this.agent.destroy().catch(() => undefined);
  }

  /** Why this client stopped sending, once it has (the deadline counts as soon as it passed). */
  get stopped(): StopState | undefined {
    return this.stopState();
  }

  private stopState(): StopState | undefined {
    if (!this.stop && this.deadline !== undefined && Date.now() >= this.deadline) {
      this.stop = { reason: MAX_TIME_REACHED, detail: 'the run reached its time limit' };
    }
    return this.stop;
  }

  /** Runs `fn` counting, in `counter.requests`, the requests it sends (and only those). */
  countingInto<T>(counter: { requests: number }, fn: () => Promise<T>): Promise<T> {
    return counterStore.run(new Map(counterStore.getStore()).set(this, counter), fn);
  }

  private record(ex: Exchange): void {
    const counter = counterStore.getStore()?.get(this);
    if (counter) counter.requests++;
    for (const list of scopeStore.getStore()?.get(this) ?? []) {
      list.push(ex);
      if (list.length > MAX_RECORDED) list.shift();
    }
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = String(req.url);
    const method = req.method ?? 'GET';
    const stopped = this.stopState();
    if (stopped) throw new RunStopped(url, stopped.reason);
    const headers = { ...(req.headers ?? {}) };
    const started = performance.now();
    const exchange: Exchange = { method, url, requestHeaders: headers, durationMs: 0 };
    if (req.body !== undefined) exchange.requestBody = req.body;
    this.record(exchange);
    const own = req.timeoutMs ?? this.timeoutMs;
    const left = this.deadline === undefined ? Infinity : this.deadline - Date.now();
    // The signal bounds the whole exchange, body included: an answer sent byte by byte ends too.
    const signal = AbortSignal.timeout(Math.max(1, Math.min(own, left)));
    try {
      const res = await request(url, { method: method as 'GET', headers, body: req.body, dispatcher: this.agent, signal });
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > this.maxBodyBytes) {
          chunks.push(buf.subarray(0, buf.length - (size - this.maxBodyBytes)));
          truncated = true;
          res.body.destroy();
          break;
        }
        chunks.push(buf);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v === undefined) continue;
        flat[k.toLowerCase()] = Array.isArray(v) ? v.join(k.toLowerCase() === 'set-cookie' ? '\n' : ', ') : v;
      }
      let json: unknown;
      if (!truncated && text.length > 0 && /^\s*[[{]/.test(text)) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      exchange.status = res.statusCode;
      exchange.responseHeaders = flat;
      exchange.responseBody = text.length > RECORDED_BODY ? `${text.slice(0, RECORDED_BODY)}... (${text.length} chars)` : text;
      if (truncated) exchange.cutAt = bytes(this.maxBodyBytes);
      exchange.durationMs = Math.round(performance.now() - started);
      this.timeoutsInARow = 0;
      return { status: res.statusCode, headers: flat, text, json, truncated, exchange };
    } catch (err) {
      const { kind, detail } = classifyTransportError(err);
      exchange.error = `${kind}: ${detail}`;
      exchange.durationMs = Math.round(performance.now() - started);
      if (kind === 'timeout' && this.deadline !== undefined && left <= own && Date.now() >= this.deadline) {
        // Cut by the run's deadline, not by the target: nothing to hold against it.
        exchange.error = `not finished: ${MAX_TIME_REACHED}`;
        const reason = this.stopState()?.reason ?? MAX_TIME_REACHED;
        throw new RunStopped(url, reason, `not finished: ${reason}`);
      }
      if (kind === 'timeout') this.timeoutsInARow++;
      else this.timeoutsInARow = 0;
      if (this.stopAfterTimeouts !== undefined && this.timeoutsInARow >= this.stopAfterTimeouts && !this.stop) {
        this.stop = { reason: TARGET_STOPPED_ANSWERING, detail: `${this.timeoutsInARow} requests in a row timed out after ${own} ms, the last ${method} ${redact(url, this.secrets)}` };
      }
      throw new TransportError(kind, url, detail);
    }
  }

  /** POST application/x-www-form-urlencoded. Pairs keep order and allow repeats. */
  postForm(url: string, params: Record<string, string | undefined> | Array<[string, string]>, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const pairs = Array.isArray(params)
      ? params
      : (Object.entries(params).filter(([, v]) => v !== undefined) as Array<[string, string]>);
    return this.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams(pairs).toString(),
    });
  }

  /** WHATWG fetch for authorization drivers: redirect "manual" always, recorded, timed out, capped. */
  readonly driverFetch: DriverFetch = async (url, init = {}) => {
    const res = await this.send({ url, method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      for (const part of k === 'set-cookie' ? v.split('\n') : [v]) headers.append(k, part);
    }
    const nullBody = [101, 204, 205, 304].includes(res.status);
    return new Response(nullBody ? null : res.text, { status: res.status < 200 ? 200 : res.status, headers });
  };

  /** Ends the client; requests still in flight (a stopped run's) are aborted, not waited for. */
  async close(): Promise<void> {
    if (this.agent.destroyed) return;
    if (this.stop) await this.agent.destroy();
    else await this.agent.close();
  }
}
