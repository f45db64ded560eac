/**
 * Memory under sustained load (DESIGN.md "Budgets": flat, because expired codes and tokens
 * are purged). Runs the mock in a child process with --expose-gc, drives requests at it for
 * the whole run, moves its clock past the lifetimes of what it issues every few seconds
 * (POST /_mock/clock {"advance_seconds": N}) so everything issued so far expires, and samples
 * the child's memory after a forced GC together with the size of its store tables.
 * The mock purges on a 30 s timer, so the tables are a sawtooth; flat means their peaks and
 * the heap do not keep climbing. After the load stops, one more advance and purge show what
 * is left.
 *
 * Flows: `cc` (default) — client_credentials, one access token stored per request with
 * opaque tokens; `code` — authorize (consent auto) then redeem the code, storing a code, a
 * family, a refresh token and an access token per flow; the clock then moves past the
 * refresh-token lifetime (30 days) so that all of it expires.
 *
 *   npx tsx bench/memory.ts [--duration 120] [--flow cc|code] [--format opaque|jwt]
 *                           [--advance-every 10] [--sample-every 5] [--connections 10] [--json FILE]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { basicAuth, probe } from './lib/load.js';
import { describeMachine, machine } from './lib/machine.js';
import { SetupError, spawnServer, type SpawnedServer } from './lib/spawn.js';

interface Sample {
  seconds: number;
  phase: 'before load' | 'under load' | 'after load' | 'after purge';
  requests: number;
  rssMiB: number;
  heapUsedMiB: number;
  accessTokens: number | null;
  /** Entries in every store table together (codes, access and refresh tokens, families, consents). */
  stored: number | null;
}

/** Past the demo access-token lifetime (3600 s) and the code lifetime (60 s). */
const CC_ADVANCE_SECONDS = 3601;
/** Past the demo refresh-token lifetime (30 days), which also ends the family. */
const CODE_ADVANCE_SECONDS = 30 * 24 * 3600 + 1;
const REDIRECT_URI = 'https://confidential.example.com/callback';
/** The mock's purge period (mocks/http/oauth-server.ts), plus slack. */
const PURGE_WAIT_MS = 40_000;

const USAGE =
  'usage: tsx bench/memory.ts [--duration S] [--flow cc|code] [--format opaque|jwt] [--advance-every S] [--sample-every S] [--connections N] [--json FILE]';

function num(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`);
  return n;
}

async function advance(server: SpawnedServer, seconds: number): Promise<void> {
  const url = server.ready.clock_url;
  if (!url) throw new SetupError(`${server.ready.name} has no clock URL`);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance_seconds: seconds }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new SetupError(`POST ${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

interface Options {
  duration: number;
  format: 'opaque' | 'jwt';
  flow: 'cc' | 'code';
  advanceEvery: number;
  sampleEvery: number;
  connections: number;
  json: string | undefined;
}

function ccLoad(server: SpawnedServer, o: Options): Parameters<typeof autocannon>[0] {
  return {
    url: server.ready.token_url,
    connections: o.connections,
    duration: o.duration,
    timeout: 10,
    method: 'POST',
    headers: { authorization: basicAuth(server.ready.client_id, server.ready.client_secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  };
}

/** Authorize (consent auto answers 302 with a code), then redeem the code at the token endpoint. */
function codeLoad(server: SpawnedServer, o: Options): Parameters<typeof autocannon>[0] {
  const token = new URL(server.ready.token_url);
  const authorize = new URLSearchParams({
    response_type: 'code',
    client_id: server.ready.client_id,
    redirect_uri: REDIRECT_URI,
    scope: 'openid offline_access',
    state: 'bench',
  });
  const headers = { authorization: basicAuth(server.ready.client_id, server.ready.client_secret), 'content-type': 'application/x-www-form-urlencoded' };
  return {
    url: token.origin,
    connections: o.connections,
    duration: o.duration,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        path: `/oauth/authorize?${authorize.toString()}`,
        onResponse: (_status, _body, context, h) => {
          const location = Object.entries(h).find(([k]) => k.toLowerCase() === 'location')?.[1];
          context.code = typeof location === 'string' ? (new URL(location).searchParams.get('code') ?? '') : '';
        },
      },
      {
        method: 'POST',
        path: token.pathname,
        headers,
        setupRequest: (req, context) => ({
          ...req,
          body: new URLSearchParams({ grant_type: 'authorization_code', code: String(context.code ?? ''), redirect_uri: REDIRECT_URI }).toString(),
        }),
      },
    ],
  };
}

async function main(argv: string[]): Promise<number> {
  let o: Options;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        duration: { type: 'string' },
        format: { type: 'string' },
        flow: { type: 'string' },
        'advance-every': { type: 'string' },
        'sample-every': { type: 'string' },
        connections: { type: 'string' },
        json: { type: 'string' },
      },
    });
    const format = values.format ?? 'opaque';
    if (format !== 'opaque' && format !== 'jwt') throw new Error(`--format must be opaque or jwt, got "${format}"`);
    const flow = values.flow ?? 'cc';
    if (flow !== 'cc' && flow !== 'code') throw new Error(`--flow must be cc or code, got "${flow}"`);
    o = {
      duration: num('duration', values.duration, 120),
      format,
      flow,
      advanceEvery: num('advance-every', values['advance-every'], 10),
      sampleEvery: num('sample-every', values['sample-every'], 5),
      connections: Math.round(num('connections', values.connections, 10)),
      json: values.json,
    };
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const m = machine();
  let server: SpawnedServer;
  try {
    server = await spawnServer({ script: 'bench/servers/mock.ts', args: ['--format', o.format, '--internals'], exposeGc: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const samples: Sample[] = [];
  let requests = 0;
  let non2xx = 0;
  let maxLatency = 0;
  const started = Date.now();
  const take = async (phase: Sample['phase']): Promise<void> => {
    const r = await server.memory();
    const s: Sample = {
      seconds: Math.round((Date.now() - started) / 100) / 10,
      phase,
      requests,
      rssMiB: mib(r.usage.rss),
      heapUsedMiB: mib(r.usage.heapUsed),
      accessTokens: r.stats.accessTokens ?? null,
      stored: Object.keys(r.stats).length > 0 ? Object.values(r.stats).reduce((a, b) => a + b, 0) : null,
    };
    samples.push(s);
    process.stderr.write(`${s.seconds.toFixed(1)} s ${phase}: rss ${s.rssMiB} MiB, heap ${s.heapUsedMiB} MiB, access tokens ${s.accessTokens ?? '-'}, all entries ${s.stored ?? '-'}\n`);
  };

  try {
    await probe(server.ready);
    await take('before load');
    const instance = autocannon(o.flow === 'cc' ? ccLoad(server, o) : codeLoad(server, o));
    instance.on('response', (_c, status, _b, ms) => {
      requests++;
      // The code flow's authorize step answers 302 by design.
      // In the code flow a redemption also fails when an advance expired its code in between.
      if (status < 200 || status > (o.flow === 'code' ? 399 : 299)) non2xx++;
      if (ms > maxLatency) maxLatency = ms;
    });
    let failure: Error | undefined;
    const advanceSeconds = o.flow === 'cc' ? CC_ADVANCE_SECONDS : CODE_ADVANCE_SECONDS;
    const advancer = setInterval(() => advance(server, advanceSeconds).catch((err: Error) => (failure ??= err)), o.advanceEvery * 1000);
    const sampler = setInterval(() => take('under load').catch((err: Error) => (failure ??= err)), o.sampleEvery * 1000);
    const result = await instance;
    clearInterval(advancer);
    clearInterval(sampler);
    if (failure) throw failure;
    await take('after load');
    await advance(server, advanceSeconds);
    process.stderr.write(`clock advanced; sampling until the mock's purge timer has run (up to ${PURGE_WAIT_MS / 1000} s) ...\n`);
    for (let waited = 0; waited < PURGE_WAIT_MS; waited += o.sampleEvery * 1000) {
      await new Promise((r) => setTimeout(r, o.sampleEvery * 1000));
      await take('after load');
      if (samples[samples.length - 1]?.stored === 0) break;
    }
    (samples[samples.length - 1] as Sample).phase = 'after purge';

    const loaded = samples.filter((s) => s.phase === 'under load');
    const first = loaded[0];
    const mid = loaded[Math.floor(loaded.length / 2)];
    const last = loaded[loaded.length - 1];
    const baseline = samples[0] as Sample;
    const settled = samples[samples.length - 1] as Sample;
    const peak = samples.reduce((a, s) => (s.heapUsedMiB > a.heapUsedMiB ? s : a), baseline);
    const lines = [
      `Mock memory under sustained load: ${o.format} access tokens, ${o.flow === 'cc' ? 'client_credentials' : 'authorize + code redemption'}, ${o.connections} connections, ${o.duration} s; clock advanced ${advanceSeconds} s every ${o.advanceEvery} s; memory after a forced GC.`,
      `Machine: ${describeMachine(m)}`,
      `Load: ${Math.round(result['2xx'] / result.duration).toLocaleString('en-US')} token responses/s (2xx), ${non2xx} unexpected statuses${o.flow === 'code' ? ' (a redemption whose code an advance expired answers 400)' : ''}, ${result.errors} errors, max latency ${maxLatency.toFixed(1)} ms.`,
      '',
      '| t (s) | phase | requests so far | RSS MiB | heap used MiB | access tokens stored | all entries stored |',
      '|---:|---|---:|---:|---:|---:|---:|',
      ...samples.map(
        (s) => `| ${s.seconds.toFixed(1)} | ${s.phase} | ${s.requests.toLocaleString('en-US')} | ${s.rssMiB} | ${s.heapUsedMiB} | ${s.accessTokens ?? '-'} | ${s.stored ?? '-'} |`,
      ),
      '',
      `Heap used: ${baseline.heapUsedMiB} MiB before load; ${first?.heapUsedMiB ?? '-'} / ${mid?.heapUsedMiB ?? '-'} / ${last?.heapUsedMiB ?? '-'} MiB at start / middle / end of the load; peak ${peak.heapUsedMiB} MiB; ${settled.heapUsedMiB} MiB after the final purge (${settled.stored ?? '-'} entries left).`,
      // Flat: once expired entries are purged the heap is back near where it began.
      `Flat: ${settled.heapUsedMiB <= baseline.heapUsedMiB * 1.2 + 10 ? 'yes' : 'NO'} (after-purge heap within 20% + 10 MiB of the heap before load).`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (o.json) {
      const raw = { machine: m, options: o, load: { rps: result['2xx'] / result.duration, non2xx, errors: result.errors, maxLatencyMs: maxLatency }, samples };
      await writeFile(o.json, `${JSON.stringify(raw, null, 2)}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  } finally {
    await server.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
