/**
 * One autocannon run of client_credentials token requests. Latency percentiles come from every
 * response's own timing (autocannon's histogram keeps whole milliseconds, too coarse for
 * sub-millisecond servers); throughput counts 2xx answers only, so a server answering errors
 * cannot look fast.
 */
import autocannon from 'autocannon';
import type { ReadyLine } from '../servers/child.js';
import { SetupError } from './spawn.js';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  durationSeconds: number;
  requests: number;
  ok: number;
  /** 2xx answers per second. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

const FORM = 'grant_type=client_credentials';

/** RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding. */
export function basicAuth(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`;
}

function requestOf(ready: ReadyLine) {
  return {
    method: 'POST',
    headers: {
      authorization: basicAuth(ready.client_id, ready.client_secret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: FORM,
  };
}

/** One request before any load: a server that cannot issue a token is a setup failure. */
export async function probe(ready: ReadyLine): Promise<void> {
  const req = requestOf(ready);
  let res: Response;
  try {
    res = await fetch(ready.token_url, { ...req, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new SetupError(`${ready.name}: the token request failed (${(err as Error).message})`);
  }
  const text = await res.text();
  let body: { access_token?: unknown; token_type?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // reported below
  }
  if (res.status !== 200 || typeof body.access_token !== 'string' || String(body.token_type).toLowerCase() !== 'bearer')
    throw new SetupError(`${ready.name}: the token request answered ${res.status} ${text.slice(0, 200)}; expected 200 with a Bearer access_token`);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}

export async function load(ready: ReadyLine, o: LoadOptions): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 20);
  let n = 0;
  const instance = autocannon({
    url: ready.token_url,
    connections: o.connections,
    duration: o.durationSeconds,
    pipelining: 1,
    timeout: 10,
    ...requestOf(ready),
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    if (n === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[n++] = responseTime;
  });
  const r = await instance;
  const sorted = latencies.subarray(0, n).sort();
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = count;
  const ok = r['2xx'];
  return {
    durationSeconds: r.duration,
    requests: n,
    ok,
    rps: ok / r.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: n > 0 ? (sorted[n - 1] as number) : Number.NaN,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}
