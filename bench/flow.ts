/**
 * Full flows per second, side by side in one run (issue 18): authorization request with PKCE
 * (RFC 7636, S256), the code redeemed at the token endpoint, then one refresh (RFC 6749 §6),
 * by a public client, against the authprobe mock and against oidc-provider, each in its own
 * child process (the parent, which drives the flows, keeps the other core).
 *
 *   npx tsx bench/flow.ts [--duration 10] [--warmup 2] [--concurrency 10] [--rounds 1]
 *                         [--only mock,oidc-provider] [--json FILE] [--cpu-prof DIR]
 *
 * The mock runs as `authprobe serve` does (consent auto: the authorization request answers the
 * code at once). oidc-provider runs as the suites run it (suites/peers/oidc-provider.ts): each
 * flow starts without cookies, so it signs in and consents on oidc-provider's pages, passed by
 * the suites' driver (suites/drivers/oidc-provider.mjs) — what a conformance run does.
 *
 * Reported, not asserted: the exit code is non-zero only when a server cannot be started or
 * cannot complete one flow.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { describeMachine, machine } from './lib/machine.js';
import { SetupError, spawnServer } from './lib/spawn.js';
import { isMain, type FlowTarget } from './servers/child.js';
import { positive } from './lib/args.js';
// The suites' own driver for oidc-provider's login and consent pages.
import { createOidcProviderDriver } from '../suites/drivers/oidc-provider.mjs';

interface FlowServer {
  key: string;
  label: string;
  script: string;
  args?: string[];
}

export const FLOW_SERVERS: readonly FlowServer[] = [
  { key: 'mock', label: 'authprobe mock (ES256 JWT, consent auto)', script: 'bench/servers/mock.ts', args: ['--format', 'jwt'] },
  { key: 'oidc-provider', label: 'oidc-provider (sign-in + consent pages)', script: 'bench/servers/oidc-provider.ts' },
];

export interface FlowResult {
  durationSeconds: number;
  flows: number;
  failed: number;
  /** Completed flows per second. */
  fps: number;
  /** HTTP requests per flow (authorization hops + 2 token requests), averaged. */
  requestsPerFlow: number;
  p50: number;
  p99: number;
  firstFailure?: string;
}

const USAGE = 'usage: tsx bench/flow.ts [--duration S] [--warmup S] [--concurrency N] [--rounds N] [--only mock,oidc-provider] [--json FILE] [--cpu-prof DIR]';

type Http = (url: string | URL, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;

class FlowFailed extends Error {
  override name = 'FlowFailed';
}

/*
 * The flows' HTTP client: node:http over keep-alive connections, answers wrapped in a Fetch
 * Response (what the oidc-provider driver reads). It runs in this process beside the flows, so
 * it is kept cheaper than fetch (undici), whose per-request cost otherwise caps the figure of
 * the faster server.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function send(url: string | URL, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const req = request(url, { method: init.method ?? 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
        const status = res.statusCode ?? 0;
        const noBody = status === 204 || status === 304;
        resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: h }));
      });
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${String(url)} within 10 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Counts requests, never follows redirects (the flow reads each Location itself). */
function counting(): { http: Http; count: () => number } {
  let n = 0;
  return {
    http: (url, init = {}) => {
      n++;
      return send(url, init);
    },
    count: () => n,
  };
}

const driveOidcProvider = createOidcProviderDriver();

async function tokenRequest(http: Http, t: FlowTarget, form: Record<string, string>, what: string): Promise<Record<string, unknown>> {
  const res = await http(t.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // reported below
  }
  if (res.status !== 200 || typeof body.access_token !== 'string') throw new FlowFailed(`${what} answered ${res.status} ${text.slice(0, 200)}`);
  return body;
}

/** One flow: authorize (PKCE S256) → code → tokens → one refresh. Returns the number of requests. */
export async function oneFlow(t: FlowTarget): Promise<number> {
  const { http, count } = counting();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL(t.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: t.client_id,
    redirect_uri: t.redirect_uri,
    scope: t.scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  let landed: string;
  if (t.interaction === 'oidc-provider') landed = await driveOidcProvider(url.href, http);
  else {
    const res = await http(url);
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (res.status !== 302 && res.status !== 303) throw new FlowFailed(`the authorization request answered ${res.status}, not a redirect`);
    if (!location) throw new FlowFailed('the authorization redirect has no Location');
    landed = new URL(location, url).href;
  }
  const back = new URL(landed);
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state) throw new FlowFailed(`the authorization ended at ${landed.slice(0, 200)} without a code and the state`);

  const tokens = await tokenRequest(http, t, { grant_type: 'authorization_code', code, redirect_uri: t.redirect_uri, client_id: t.client_id, code_verifier: verifier }, 'the code redemption');
  if (typeof tokens.refresh_token !== 'string') throw new FlowFailed('the code redemption issued no refresh_token');
  await tokenRequest(http, t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: t.client_id }, 'the refresh');
  return count();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** `concurrency` flows in flight until `seconds` have passed. */
export async function runFlows(t: FlowTarget, o: { concurrency: number; seconds: number }): Promise<FlowResult> {
  const start = performance.now();
  const deadline = start + o.seconds * 1000;
  const latencies: number[] = [];
  let requests = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const n = await oneFlow(t);
        requests += n;
        latencies.push(performance.now() - t0);
      } catch (err) {
        failed++;
        firstFailure ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const durationSeconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    durationSeconds,
    flows: latencies.length,
    failed,
    fps: latencies.length / durationSeconds,
    requestsPerFlow: latencies.length > 0 ? requests / latencies.length : Number.NaN,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ...(firstFailure !== undefined ? { firstFailure } : {}),
  };
}


function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((k) => !FLOW_SERVERS.some((s) => s.key === k)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown server ${unknown.join(', ')}; known: ${FLOW_SERVERS.map((s) => s.key).join(', ')}`);
  return {
    help: values.help === true,
    duration: positive('duration', values.duration, 10),
    warmup: values.warmup === '0' ? 0 : positive('warmup', values.warmup, 2),
    concurrency: Math.round(positive('concurrency', values.concurrency, 10)),
    rounds: Math.round(positive('rounds', values.rounds, 1)),
    servers: only ? FLOW_SERVERS.filter((s) => only.includes(s.key)) : [...FLOW_SERVERS],
    json: values.json,
    cpuProf: values['cpu-prof'],
  };
}

async function measure(spec: FlowServer, o: ReturnType<typeof options>): Promise<FlowResult | SetupError> {
  process.stderr.write(`${spec.label}: starting ... `);
  let server;
  try {
    server = await spawnServer({ script: spec.script, args: spec.args ?? [], nodeArgs: o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProf] : [] });
  } catch (err) {
    process.stderr.write('setup failed\n');
    return err instanceof SetupError ? err : new SetupError((err as Error).message);
  }
  try {
    const target = server.ready.flow;
    if (!target) return new SetupError(`${spec.script} offers no authorization code flow (no "flow" in its ready line)`);
    try {
      await oneFlow(target);
    } catch (err) {
      return new SetupError(`${spec.label}: one flow failed: ${(err as Error).message}`);
    }
    if (o.warmup > 0) {
      process.stderr.write(`warm-up ${o.warmup} s ... `);
      await runFlows(target, { concurrency: o.concurrency, seconds: o.warmup });
    }
    process.stderr.write(`measuring ${o.duration} s ... `);
    const r = await runFlows(target, { concurrency: o.concurrency, seconds: o.duration });
    process.stderr.write(`${r.fps.toFixed(1)} flows/s\n`);
    return r;
  } finally {
    await server.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  let o: ReturnType<typeof options>;
  try {
    o = options(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const m = machine();
  const rows = o.servers.map((s) => ({ key: s.key, label: s.label, rounds: [] as FlowResult[], result: undefined as FlowResult | undefined, setupError: undefined as string | undefined }));
  for (let round = 1; round <= o.rounds; round++) {
    if (o.rounds > 1) process.stderr.write(`round ${round} of ${o.rounds}\n`);
    for (const [i, spec] of o.servers.entries()) {
      const row = rows[i]!;
      if (row.setupError) continue;
      const r = await measure(spec, o);
      if (r instanceof SetupError) {
        process.stderr.write(`${r.message}\n`);
        row.setupError = r.message;
      } else row.rounds.push(r);
    }
  }
  for (const row of rows) {
    const byFps = [...row.rounds].sort((a, b) => a.fps - b.fps);
    row.result = byFps[Math.floor((byFps.length - 1) / 2)];
  }
  const loadAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const mock = rows.find((r) => r.key === 'mock')?.result;
  const peer = rows.find((r) => r.key === 'oidc-provider')?.result;
  // The median of the per-round ratios, as bench/token-endpoint.ts does: the two servers of one
  // round ran within a minute of each other.
  const mockRounds = rows.find((r) => r.key === 'mock')?.rounds ?? [];
  const peerRounds = rows.find((r) => r.key === 'oidc-provider')?.rounds ?? [];
  const perRound = mockRounds.flatMap((x, i) => (peerRounds[i] && peerRounds[i].fps > 0 ? [x.fps / peerRounds[i].fps] : [])).sort((a, b) => a - b);
  const ratio = mock && peer && perRound.length > 0 ? (perRound[Math.floor((perRound.length - 1) / 2)] as number) : null;

  const lines = [
    `Full flows (authorization request + PKCE S256, code redemption, one refresh; public client), ${o.concurrency} flows in flight, ${o.duration} s each after ${o.warmup} s warm-up, loopback${o.rounds > 1 ? `, median of ${o.rounds} rounds` : ''}.`,
    `Machine: ${describeMachine(m)}; load average ${loadAtEnd} at the end.`,
    '',
    '| server | flows/s | requests per flow | p50 ms | p99 ms | failed flows |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const r = row.result;
    if (!r) lines.push(`| ${row.label} | setup failed | | | | |`);
    else lines.push(`| ${row.label} | ${r.fps.toFixed(1)} | ${r.requestsPerFlow.toFixed(1)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failed} |`);
  }
  lines.push('', '| budget | measured | required | met |', '|---|---:|---:|---|');
  lines.push(`| mock flows/s / oidc-provider flows/s | ${ratio === null ? '-' : `${ratio.toFixed(2)}x`} | >= 3x | ${ratio === null ? 'not measured' : ratio >= 3 ? 'yes' : 'NO'} |`);
  for (const row of rows) {
    if (row.setupError) lines.push('', `${row.label}: ${row.setupError}`);
    else if (row.result?.firstFailure) lines.push('', `${row.label}: first failed flow: ${row.result.firstFailure}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (o.json) {
    await writeFile(o.json, `${JSON.stringify({ machine: m, loadAverageAtEnd: loadAtEnd, options: { duration: o.duration, warmup: o.warmup, concurrency: o.concurrency, rounds: o.rounds }, results: rows, ratio }, null, 2)}\n`);
  }
  agent.destroy();
  return rows.some((r) => r.setupError) ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
