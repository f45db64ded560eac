/**
 * The harness's own speed (issue 18, "The harness"): the full suite at default runs, wall time,
 * requests per run and wall time per area (the report's `timing`), in three runs:
 *
 * 1. `embedded`: `node bin/authprobe.js test` as `npm start` runs it (the mock inside the CLI);
 * 2. `served`: the same mock (`startMock`, demo data, consent auto) in this process, the suite
 *    in a child with `--config` pointing at it;
 * 3. `served + 20 ms`: the same, with the mock's delay scenario queued on every scenario
 *    endpoint (`POST /_mock/scenarios` `{"action": {"delay_ms": 20}}`, mocks/core/scenarios.ts):
 *    token, authorize, revoke, introspect, userinfo, registration, users-token. Metadata, JWKS,
 *    the mock's control API and the desktop socket are not delayed; the table says how many
 *    requests were.
 *
 * Budgets: served + 20 ms takes at most 3x the served run; the embedded run under 5 s.
 *
 *   npx tsx bench/harness.ts [--delay-ms 20] [--rounds 3] [--concurrency N] [--profile P,...] [--json FILE]
 *
 * The three runs go round-robin `--rounds` times (default 3); the table shows each run's
 * median-wall-time round, and a ratio is the median of the per-round ratios: one round's
 * figures swing by a second or more on a 2-core VM.
 *
 * `--concurrency` and `--profile` are passed to `authprobe test` (e.g. `--profile
 * public-client,confidential,users-api,registration` leaves the desktop area out).
 *
 * Reported, not asserted: non-zero exit only when a run cannot start or writes no report.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { targetForMock } from '../bin/mock-target.js';
import { startMock } from '../mocks/index.js';
import { SCENARIO_ENDPOINTS } from '../mocks/core/scenarios.js';
import { describeMachine, machine } from './lib/machine.js';
import { REPO_ROOT, SetupError } from './lib/spawn.js';
import { positive } from './lib/args.js';

const USAGE = 'usage: tsx bench/harness.ts [--delay-ms 20] [--rounds 3] [--concurrency N] [--profile P,...] [--json FILE]';
/** The most a scenario may be queued for (mocks/core/scenarios.ts parseScenario). */
const QUEUED = 100_000;

interface Timing {
  concurrency: number;
  requests: number;
  areas: { area: string; wallMs: number; requests: number }[];
}
interface RunResult {
  name: string;
  wallMs: number;
  exitCode: number;
  /** The report's own duration. */
  reportMs: number;
  timing: Timing | undefined;
  verdict: string;
  /** Requests that met a queued delay (delayed run only). */
  delayed?: number;
}

/** Runs the CLI in a child, measures its wall time, reads its JSON report. */
async function runCli(name: string, args: string[], dir: string): Promise<RunResult> {
  const reportFile = join(dir, `${name.replace(/\W+/g, '-')}.json`);
  process.stderr.write(`${name}: running the suite ... `);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/authprobe.js', 'test', '--quiet', '--json', reportFile, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 16_384) stderr += s;
  });
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  const wallMs = performance.now() - t0;
  let report: { durationMs?: number; timing?: Timing; results?: { status?: string }[]; exitCode?: number };
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as typeof report;
  } catch {
    throw new SetupError(`${name}: authprobe test wrote no report (exit ${exitCode})${stderr.trim() ? `:\n${stderr.trim().slice(0, 2000)}` : ''}`);
  }
  const counts = new Map<string, number>();
  for (const r of report.results ?? []) counts.set(r.status ?? '?', (counts.get(r.status ?? '?') ?? 0) + 1);
  const verdict = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  process.stderr.write(`${(wallMs / 1000).toFixed(1)} s\n`);
  return { name, wallMs, exitCode, reportMs: report.durationMs ?? Number.NaN, timing: report.timing, verdict };
}

async function control(issuer: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${issuer}/_mock${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new SetupError(`${method} /_mock${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

/** The suite against a mock in this process, with the delay scenario queued or not. */
async function served(name: string, delayMs: number, extra: string[], dir: string): Promise<RunResult> {
  const mock = await startMock({ port: 0, consent: 'auto' });
  try {
    const targetFile = join(dir, `target-${delayMs}.json`);
    writeFileSync(targetFile, `${JSON.stringify(targetForMock(mock), null, 2)}\n`, { mode: 0o600 });
    if (delayMs > 0)
      for (const endpoint of SCENARIO_ENDPOINTS) await control(mock.issuer, 'POST', '/scenarios', { endpoint, times: QUEUED, action: { delay_ms: delayMs } });
    const result = await runCli(name, ['--config', targetFile, ...extra], dir);
    if (delayMs > 0) {
      const left = (await control(mock.issuer, 'GET', '/scenarios')) as { remaining?: number; action?: { delay_ms?: number } }[] | { scenarios?: { remaining?: number; action?: { delay_ms?: number } }[] };
      const list = Array.isArray(left) ? left : (left.scenarios ?? []);
      const remaining = list.filter((s) => s.action?.delay_ms === delayMs).reduce((n, s) => n + (s.remaining ?? 0), 0);
      result.delayed = SCENARIO_ENDPOINTS.length * QUEUED - remaining;
    }
    return result;
  } finally {
    await mock.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { 'delay-ms': { type: 'string' }, rounds: { type: 'string' }, concurrency: { type: 'string' }, profile: { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const delayMs = Number(values['delay-ms'] ?? 20);
  if (!Number.isInteger(delayMs) || delayMs <= 0 || delayMs > 60_000) {
    process.stderr.write(`--delay-ms must be a whole number of milliseconds from 1 to 60000\n${USAGE}\n`);
    return 2;
  }
  let rounds: number;
  try {
    rounds = Math.round(positive('rounds', values.rounds, 3));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const extra = [...(values.concurrency ? ['--concurrency', values.concurrency] : []), ...(values.profile ? ['--profile', values.profile] : [])];
  const m = machine();
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-bench-harness-'));
  // Every round: [embedded, served, served + delay].
  const all: RunResult[][] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      if (rounds > 1) process.stderr.write(`round ${round} of ${rounds}\n`);
      all.push([
        await runCli('embedded (npm start)', extra, dir),
        await served('served', 0, extra, dir),
        await served(`served + ${delayMs} ms`, delayMs, extra, dir),
      ]);
    }
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  // The lower middle of a sorted list (as token-endpoint.ts takes its median round).
  const middle = <T>(sorted: T[]): T => sorted[Math.floor((sorted.length - 1) / 2)] as T;
  const median = (xs: number[]) => middle([...xs].sort((a, b) => a - b));
  const runs = [0, 1, 2].map((k) => middle(all.map((r) => r[k] as RunResult).sort((a, b) => a.wallMs - b.wallMs)));
  const [embedded, plain, delayed] = runs as [RunResult, RunResult, RunResult];
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const lines = [
    `The full suite at default runs (authprobe test${extra.length ? ` ${extra.join(' ')}` : ''}, concurrency ${plain.timing?.concurrency ?? '?'}); the delayed run has ${delayMs} ms added to each request of the mock's scenario endpoints.${rounds > 1 ? ` ${rounds} rounds; each run's median round shown, ratios the medians of the per-round ratios.` : ''}`,
    `Machine: ${describeMachine(m)}; load average ${loadAtEnd} at the end.`,
    '',
    '| run | wall s (process) | report s | requests | delayed requests | results | exit |',
    '|---|---:|---:|---:|---:|---|---:|',
    ...runs.map((r) => `| ${r.name} | ${s(r.wallMs)} | ${s(r.reportMs)} | ${r.timing?.requests ?? '-'} | ${r.delayed ?? '-'} | ${r.verdict} | ${r.exitCode} |`),
    '',
    `Wall time per area (first start to last end; areas overlap when requirements run concurrently):`,
    '',
    `| area | requests | ${runs.map((r) => `${r.name} s`).join(' | ')} |`,
    `|---|---:|${runs.map(() => '---:').join('|')}|`,
  ];
  const areas = plain.timing?.areas ?? [];
  for (const a of areas) {
    const cells = runs.map((r) => {
      const x = r.timing?.areas.find((b) => b.area === a.area);
      return x ? s(x.wallMs) : '-';
    });
    lines.push(`| ${a.area} | ${a.requests} | ${cells.join(' | ')} |`);
  }
  const ratio = median(all.map(([, p, d]) => (d as RunResult).wallMs / (p as RunResult).wallMs));
  lines.push('', '| budget | measured | required | met |', '|---|---:|---:|---|');
  lines.push(`| served + ${delayMs} ms / served (process wall time) | ${ratio.toFixed(2)}x | <= 3x | ${ratio <= 3 ? 'yes' : 'NO'} |`);
  // The report's own duration leaves out the CLI's start-up (compiling the sources through tsx).
  const reportRatio = median(all.map(([, p, d]) => (d as RunResult).reportMs / (p as RunResult).reportMs));
  lines.push(`| served + ${delayMs} ms / served (report duration) | ${reportRatio.toFixed(2)}x | <= 3x | ${reportRatio <= 3 ? 'yes' : 'NO'} |`);
  lines.push(`| embedded run wall time | ${s(embedded.wallMs)} s | < 5 s | ${embedded.wallMs < 5000 ? 'yes' : 'NO'} |`);
  if (rounds > 1) lines.push('', `Every round (wall s / report s): ${all.map((r, i) => `round ${i + 1}: ${r.map((x) => `${s(x.wallMs)} / ${s(x.reportMs)}`).join(', ')}`).join('; ')}.`);
  if (delayed.delayed !== undefined && delayed.timing) {
    const floor = (delayed.delayed * delayMs) / 1000 / (delayed.timing.concurrency || 1);
    lines.push('', `The delays alone add ${(delayed.delayed * delayMs / 1000).toFixed(1)} s of waiting; spread over ${delayed.timing.concurrency} requirements in flight, at least ${floor.toFixed(1)} s of wall time.`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (values.json) await writeFile(values.json, `${JSON.stringify({ machine: m, loadAverageAtEnd: loadAtEnd, delayMs, rounds: all, runs, ratio, reportRatio }, null, 2)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
