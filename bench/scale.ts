/**
 * Latency as the store grows (issue 18, "Scale"): token, refresh and introspection requests
 * against the mock holding 1e3, 1e5 and 1e6 live access tokens, token families and refresh
 * tokens each, then the purge of a million expired ones and how long it blocks the event loop.
 *
 *   npx tsx bench/scale.ts [--sizes 1000,100000,1000000] [--requests 1000] [--purge 1000000] [--json FILE]
 *
 * The mock runs in a child (bench/servers/scale-child.ts, --max-old-space-size=4096) whose
 * store is filled over IPC. Requests go one at a time over one keep-alive connection, so each
 * latency is one request's own, not a queue's:
 * - token: client_credentials, opaque access tokens (each one an insert into the large table);
 * - refresh: a distinct filled refresh token each time (a look-up, the rotation's inserts);
 * - introspection: a random filled access token (look-ups in both token tables).
 * Flat means each p50 at the largest size is within 20% of the smallest size's.
 *
 * The purge: `--purge` entries per table (access tokens, families, refresh tokens) filled as
 * already expired, then purged the way the server's timer does it (one `purgeSlice` per
 * event-loop turn), with `monitorEventLoopDelay` measuring the longest block (budget: 50 ms);
 * then the same again in one `purgeExpired` call, for comparison.
 *
 * Reported, not asserted: non-zero exit only when the mock cannot be started or a request fails.
 */
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { basicAuth } from './lib/load.js';
import { describeMachine, machine } from './lib/machine.js';
import { SetupError, spawnServer, type SpawnedServer } from './lib/spawn.js';
import type { ScaleAnswer, ScaleCommand } from './servers/scale-child.js';

const USAGE = 'usage: tsx bench/scale.ts [--sizes N,N,...] [--requests N] [--purge N] [--json FILE]';

interface Latency {
  p50: number;
  p99: number;
}
interface SizeRow {
  size: number;
  entries: number;
  heapUsedMiB: number;
  token: Latency;
  refresh: Latency;
  introspect: Latency;
}

function ask(server: SpawnedServer, cmd: ScaleCommand, timeoutMs: number): Promise<ScaleAnswer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SetupError(`the scale child did not answer ${cmd.type} within ${timeoutMs / 1000} s`)), timeoutMs);
    const onMessage = (msg: ScaleAnswer) => {
      if (msg?.type !== 'filled' && msg?.type !== 'purged') return;
      clearTimeout(timer);
      server.child.off('message', onMessage);
      resolve(msg);
    };
    server.child.on('message', onMessage);
    server.child.send(cmd);
  });
}

// Replaced after each fill: the mock closes a connection idle for 5 s (its keep-alive timeout),
// and a fill of a million entries takes longer than that.
let agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(url: URL, body: string, authorization?: string): Promise<{ status: number; text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...(authorization ? { authorization } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => (text += s));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - t0 }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

function summarise(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))] as number;
  return { p50: at(50), p99: at(99) };
}

async function timed(n: number, one: (k: number) => Promise<{ status: number; text: string; ms: number }>, what: string): Promise<Latency> {
  const ms: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = await one(k);
    if (r.status !== 200) throw new SetupError(`${what} answered ${r.status}: ${r.text.slice(0, 200)}`);
    ms.push(r.ms);
  }
  return summarise(ms);
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { sizes: { type: 'string' }, requests: { type: 'string' }, purge: { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const int = (name: string, v: string | undefined, d: number) => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${v}"`);
    return n;
  };
  const sizes = (values.sizes ?? '1000,100000,1000000').split(',').map((s) => int('sizes', s.trim(), 0));
  if (sizes.some((a, i) => i > 0 && a <= (sizes[i - 1] as number))) throw new Error('--sizes must grow, e.g. 1000,100000,1000000');
  return { help: values.help === true, sizes, requests: int('requests', values.requests, 1000), purge: int('purge', values.purge, 1_000_000), json: values.json };
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
  const rows: SizeRow[] = [];
  let purgeSliced: Extract<ScaleAnswer, { type: 'purged' }> | undefined;
  let purgeOneGo: Extract<ScaleAnswer, { type: 'purged' }> | undefined;
  let server: SpawnedServer | undefined;
  try {
    server = await spawnServer({ script: 'bench/servers/scale-child.ts', nodeArgs: ['--max-old-space-size=4096'], exposeGc: true });
    const tokenUrl = new URL(server.ready.token_url);
    const introspectUrl = new URL('/oauth/introspect', tokenUrl);
    const confidential = basicAuth(server.ready.client_id, server.ready.client_secret);
    let filled = 0;
    let nextRefresh = 0;
    const usedRefresh = new Set<number>();
    let chain: string | undefined;
    for (const size of o.sizes) {
      process.stderr.write(`${size.toLocaleString('en-US')} live entries per table: filling ... `);
      const f = (await ask(server, { type: 'fill', n: size - filled, expired: false }, 600_000)) as Extract<ScaleAnswer, { type: 'filled' }>;
      filled = size;
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
      process.stderr.write('measuring ... ');
      const random = () => Math.floor(Math.random() * filled);
      const token = () => post(tokenUrl, 'grant_type=client_credentials', confidential);
      // Each filled refresh token once (rotation retires it), picked across the whole table (an odd
      // multiplier not divisible by 5 permutes 0..10^n-1); when the table has too few unused ones,
      // the chain goes on with the token the last refresh issued.
      const refresh = async () => {
        let value = chain;
        while (usedRefresh.size < filled) {
          const i = (nextRefresh++ * 2654435761) % filled;
          if (usedRefresh.has(i)) continue;
          usedRefresh.add(i);
          value = `sr-${i}`;
          break;
        }
        const r = await post(tokenUrl, `grant_type=refresh_token&client_id=demo-public&refresh_token=${value}`);
        if (r.status === 200) chain = (JSON.parse(r.text) as { refresh_token?: string }).refresh_token;
        return r;
      };
      const introspect = () => post(introspectUrl, `token=sa-${random()}`, confidential);
      // Warm-up: the code paths compiled before any figure is taken.
      const warm = Math.max(300, o.requests / 2);
      await timed(warm, token, "token");
      await timed(warm, refresh, "refresh");
      await timed(warm, introspect, "introspection");
      const row: SizeRow = {
        size,
        entries: f.entries,
        heapUsedMiB: f.heapUsedMiB,
        token: await timed(o.requests, token, 'the token request'),
        refresh: await timed(o.requests, refresh, 'the refresh request'),
        introspect: await timed(o.requests, introspect, 'the introspection request'),
      };
      rows.push(row);
      process.stderr.write(`token p50 ${row.token.p50.toFixed(3)} ms\n`);
    }
    // The purge check in a fresh child, so the live entries above do not mix in.
    await server.stop();
    server = await spawnServer({ script: 'bench/servers/scale-child.ts', nodeArgs: ['--max-old-space-size=4096'], exposeGc: true });
    for (const mode of ['slices', 'one-go'] as const) {
      process.stderr.write(`purge (${mode}): filling ${o.purge.toLocaleString('en-US')} expired entries per table ... `);
      await ask(server, { type: 'fill', n: o.purge, expired: true }, 600_000);
      process.stderr.write('purging ... ');
      const p = (await ask(server, { type: 'purge', mode }, 600_000)) as Extract<ScaleAnswer, { type: 'purged' }>;
      if (mode === 'slices') purgeSliced = p;
      else purgeOneGo = p;
      process.stderr.write(`longest block ${p.maxBlockMs.toFixed(1)} ms\n`);
    }
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    process.stderr.write(`\n${err.message}\n`);
    return 1;
  } finally {
    await server?.stop();
    agent.destroy();
  }

  const loadAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const f3 = (n: number) => n.toFixed(3);
  const lines = [
    `Store scale: latency of one request at a time over one keep-alive connection, ${o.requests} requests per figure; purge of ${o.purge.toLocaleString('en-US')} expired entries per table.`,
    `Machine: ${describeMachine(m)}; load average ${loadAtEnd} at the end.`,
    '',
    '| live tokens and families | entries stored | heap MiB | token p50 / p99 ms | refresh p50 / p99 ms | introspection p50 / p99 ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size.toLocaleString('en-US')} | ${r.entries.toLocaleString('en-US')} | ${r.heapUsedMiB} | ${f3(r.token.p50)} / ${f3(r.token.p99)} | ${f3(r.refresh.p50)} / ${f3(r.refresh.p99)} | ${f3(r.introspect.p50)} / ${f3(r.introspect.p99)} |`),
    '',
    '| budget | measured | required | met |',
    '|---|---:|---:|---|',
  ];
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last && rows.length > 1) {
    for (const k of ['token', 'refresh', 'introspect'] as const) {
      const change = last[k].p50 / first[k].p50 - 1;
      // Slower by more than 20% fails; faster (a warmer JIT, a quieter moment) does not.
      lines.push(`| ${k} p50 at ${last.size.toLocaleString('en-US')} vs ${first.size.toLocaleString('en-US')} | ${change >= 0 ? '+' : ''}${(100 * change).toFixed(1)}% | at most +20% | ${change <= 0.2 ? 'yes' : 'NO'} |`);
    }
  }
  if (purgeSliced) lines.push(`| purge of ${(3 * o.purge).toLocaleString('en-US')} expired entries, in slices: longest event-loop block | ${purgeSliced.maxBlockMs.toFixed(1)} ms | <= 50 ms | ${purgeSliced.maxBlockMs <= 50 ? 'yes' : 'NO'} |`);
  lines.push('');
  if (purgeSliced)
    lines.push(
      `Purge in slices (the server's timer): ${purgeSliced.purged.toLocaleString('en-US')} entries in ${purgeSliced.slices.toLocaleString('en-US')} slices, ${purgeSliced.ms.toFixed(0)} ms in all; longest event-loop block ${purgeSliced.maxBlockMs.toFixed(1)} ms, longest slice ${purgeSliced.maxSliceMs.toFixed(1)} ms; the same child idle for 1 s just before: longest block ${purgeSliced.idleMaxBlockMs.toFixed(1)} ms (what the machine adds by itself).`,
    );
  if (purgeOneGo) lines.push(`Purge in one call (purgeExpired, for comparison): ${purgeOneGo.purged.toLocaleString('en-US')} entries, longest block ${purgeOneGo.maxBlockMs.toFixed(1)} ms.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (o.json) await writeFile(o.json, `${JSON.stringify({ machine: m, loadAverageAtEnd: loadAtEnd, options: o, rows, purgeSliced, purgeOneGo }, null, 2)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
