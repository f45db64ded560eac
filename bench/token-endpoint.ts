/**
 * Token-endpoint throughput and latency, side by side in one run (DESIGN.md "Budgets"):
 * client_credentials with HTTP Basic, 10 connections over loopback, each server in its own
 * child process (the load generator keeps the other core), one server after another.
 *
 *   npx tsx bench/token-endpoint.ts [--duration 10] [--warmup 2] [--connections 10] [--rounds 3]
 *                                   [--only bare,mock-opaque,...] [--json FILE] [--cpu-prof DIR]
 *
 * Every server is measured --rounds times (default 3), round-robin, and the round with its
 * median throughput is reported; a ratio is the median of the per-round ratios. One round's
 * ratios swing by a few tenths on a 2-core VM, enough to flip a budget's verdict.
 *
 * Prints a markdown table and the budget checks. A benchmark is reported, not asserted: the
 * exit code is non-zero only when a server cannot be started or cannot issue a token.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { load, probe, type LoadResult } from './lib/load.js';
import { describeMachine, machine } from './lib/machine.js';
import { SetupError, spawnServer } from './lib/spawn.js';
import { SERVERS, type ServerSpec } from './token-endpoint-servers.js';
import { positive } from './lib/args.js';

interface Row {
  key: string;
  label: string;
  /** The round with the median throughput. */
  result?: LoadResult;
  rounds: LoadResult[];
  setupError?: string;
}

interface Budget {
  name: string;
  measured: number | null;
  required: string;
  met: boolean | null;
}

const USAGE = 'usage: tsx bench/token-endpoint.ts [--duration S] [--warmup S] [--connections N] [--rounds N] [--only KEY,...] [--json FILE] [--cpu-prof DIR]';


function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((k) => !SERVERS.some((s) => s.key === k)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown server ${unknown.join(', ')}; known: ${SERVERS.map((s) => s.key).join(', ')}`);
  return {
    help: values.help === true,
    duration: positive('duration', values.duration, 10),
    warmup: values.warmup === '0' ? 0 : positive('warmup', values.warmup, 2),
    connections: Math.round(positive('connections', values.connections, 10)),
    rounds: Math.round(positive('rounds', values.rounds, 3)),
    servers: only ? SERVERS.filter((s) => only.includes(s.key)) : [...SERVERS],
    json: values.json,
    cpuProf: values['cpu-prof'],
  };
}

/** One round of one server: its own process, a probe, warm-up, measurement. */
async function measure(spec: ServerSpec, o: ReturnType<typeof options>): Promise<LoadResult | SetupError> {
  process.stderr.write(`${spec.label}: starting ... `);
  let server;
  try {
    server = await spawnServer({
      script: spec.script,
      args: spec.args ?? [],
      // The profile is written when the child exits (after the measurement), one file per server and round.
      nodeArgs: o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProf] : [],
    });
  } catch (err) {
    process.stderr.write('setup failed\n');
    return err instanceof SetupError ? err : new SetupError((err as Error).message);
  }
  try {
    await probe(server.ready);
    if (o.warmup > 0) {
      process.stderr.write(`warm-up ${o.warmup} s ... `);
      await load(server.ready, { connections: o.connections, durationSeconds: o.warmup });
    }
    process.stderr.write(`measuring ${o.duration} s ... `);
    const result = await load(server.ready, { connections: o.connections, durationSeconds: o.duration });
    process.stderr.write(`${Math.round(result.rps)} req/s\n`);
    return result;
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    process.stderr.write('setup failed\n');
    return err;
  } finally {
    await server.stop();
  }
}

const rpsOf = (rows: Row[], key: string): number | undefined => rows.find((r) => r.key === key)?.result?.rps;

function budgets(rows: Row[]): Budget[] {
  const ratio = (a: string, b: string, min: number, name: string): Budget => {
    // The median of the per-round ratios: the two servers of one round ran a minute apart at
    // most, so a ratio within a round is less exposed to the machine's load shifting between rounds.
    const ra = rows.find((r) => r.key === a)?.rounds ?? [];
    const rb = rows.find((r) => r.key === b)?.rounds ?? [];
    const perRound = ra.flatMap((x, i) => {
      const y = rb[i];
      return y && y.rps > 0 ? [x.rps / y.rps] : [];
    }).sort((p, q) => p - q);
    const measured = perRound.length > 0 ? (perRound[Math.floor((perRound.length - 1) / 2)] as number) : null;
    return { name, measured, required: `>= ${min}x`, met: measured === null ? null : measured >= min };
  };
  const p99 = (key: string, label: string, maxMs: number): Budget => {
    const r = rows.find((row) => row.key === key)?.result;
    return { name: `${label}: p99 latency (ms)`, measured: r ? r.p99 : null, required: `<= ${maxMs} ms`, met: r ? r.p99 <= maxMs && r.non2xx === 0 && r.errors === 0 : null };
  };
  // Issue 18's budgets (opaque against the unsigned floor, JWT against the signed one), then DESIGN.md's.
  return [
    ratio('mock-opaque', 'bare', 0.5, 'mock opaque / bare node:http'),
    ratio('mock-opaque', 'oidc-provider-opaque', 3, 'mock opaque / oidc-provider opaque'),
    p99('mock-opaque', 'mock opaque', 2),
    ratio('mock-jwt', 'bare-es256', 0.85, 'mock JWT / bare node:http + ES256'),
    ratio('mock-jwt', 'oidc-provider-jwt', 2.5, 'mock JWT / oidc-provider JWT'),
    ratio('mock-jwt', 'oauth2-mock-server', 5, 'mock JWT / oauth2-mock-server'),
    ratio('mock-opaque', 'oauth2-mock-server', 5, 'mock opaque / oauth2-mock-server'),
    p99('mock-jwt', 'mock JWT', 5),
  ];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');
const times = (x: number | undefined, y: number | undefined) => (x !== undefined && y !== undefined && y > 0 ? `${(x / y).toFixed(2)}x` : '-');

function table(rows: Row[]): string {
  const opaque = rpsOf(rows, 'mock-opaque');
  const jwt = rpsOf(rows, 'mock-jwt');
  const lines = [
    '| server | req/s (2xx) | p50 ms | p99 ms | max ms | non-2xx | errors | mock opaque ÷ this | mock JWT ÷ this |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const r = row.result;
    if (!r) {
      lines.push(`| ${row.label} | setup failed | | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${row.label} | ${int(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.non2xx} | ${r.errors + r.timeouts} | ${times(opaque, r.rps)} | ${times(jwt, r.rps)} |`,
    );
  }
  return lines.join('\n');
}

function budgetTable(list: Budget[]): string {
  const lines = ['| budget | measured | required | met |', '|---|---:|---:|---|'];
  for (const b of list) {
    const measured = b.measured === null ? '-' : b.name.includes('p99') ? `${b.measured.toFixed(2)} ms` : `${b.measured.toFixed(2)}x`;
    lines.push(`| ${b.name} | ${measured} | ${b.required} | ${b.met === null ? 'not measured' : b.met ? 'yes' : 'NO'} |`);
  }
  return lines.join('\n');
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
    process.stdout.write(`${USAGE}\nservers: ${SERVERS.map((s) => s.key).join(', ')}\n`);
    return 0;
  }
  const m = machine();
  const rows: Row[] = o.servers.map((s) => ({ key: s.key, label: s.label, rounds: [] }));
  for (let round = 1; round <= o.rounds; round++) {
    if (o.rounds > 1) process.stderr.write(`round ${round} of ${o.rounds}\n`);
    for (const [i, spec] of o.servers.entries()) {
      const row = rows[i] as Row;
      if (row.setupError) continue;
      const r = await measure(spec, o);
      if (r instanceof SetupError) row.setupError = r.message;
      else row.rounds.push(r);
    }
  }
  for (const row of rows) {
    const byRps = [...row.rounds].sort((a, b) => a.rps - b.rps);
    row.result = byRps[Math.floor((byRps.length - 1) / 2)];
  }
  const loadAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const checks = budgets(rows);

  const out = [
    `Token endpoint, client_credentials + HTTP Basic, ${o.connections} connections, ${o.duration} s each after ${o.warmup} s warm-up, loopback${o.rounds > 1 ? `, median of ${o.rounds} rounds` : ''}.`,
    `Machine: ${describeMachine(m)}; load average ${loadAtEnd} at the end.`,
    '',
    table(rows),
    '',
    budgetTable(checks),
  ];
  for (const row of rows) if (row.setupError) out.push('', `${row.label}: ${row.setupError}`);
  process.stdout.write(`${out.join('\n')}\n`);

  if (o.json) {
    const options_ = { duration: o.duration, warmup: o.warmup, connections: o.connections, rounds: o.rounds };
    const raw = { machine: m, loadAverageAtEnd: loadAtEnd, options: options_, results: rows, budgets: checks };
    await writeFile(o.json, `${JSON.stringify(raw, null, 2)}\n`);
  }
  return rows.some((r) => r.setupError) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
