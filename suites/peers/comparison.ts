/**
 * Requirement by requirement: authprobe's own mock vs oidc-provider vs oauth2-mock-server, each
 * run the way CI runs it. The mock is run through the command line (`authprobe test`, every
 * profile, desktop included): suites never import the mock.
 *
 *   npx tsx suites/peers/comparison.ts [--json FILE]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { requirements, type Level, type RequirementId } from '../../specs/index.js';
import type { Report, RequirementResult, Status } from '../runner/types.js';
import { runOauth2MockServer, runOidcProvider } from './conformance-run.js';
import { loadExpectedFailures } from './expected-failures.js';

type Column = 'mock' | 'oidcProvider' | 'oauth2MockServer';

export interface ComparisonRow {
  id: RequirementId;
  level: Level;
  mock: Status;
  oidcProvider: Status;
  oauth2MockServer: Status;
  /** Why a cell is SKIP, per target. */
  skips: Partial<Record<Column, string>>;
}

export interface Comparison {
  machine: { node: string; cpu: string; cores: number; platform: string };
  seeds: Record<Column, number>;
  durationsMs: Record<Column, number>;
  rows: ComparisonRow[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `authprobe test --json` against the embedded (conformant) mock. */
async function runMockThroughCli(seed: number): Promise<{ report: Report; durationMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-comparison-'));
  const file = join(dir, 'mock.json');
  const t0 = Date.now();
  try {
    await new Promise<void>((done, reject) => {
      execFile(process.execPath, [join(ROOT, 'bin/authprobe.js'), 'test', '--seed', String(seed), '--json', file], { cwd: ROOT, timeout: 180_000 }, (error, _out, stderr) => {
        // Exit 1 (a failed row) still writes the report; anything else is a broken run.
        if (error && error.code !== 1) reject(new Error(`authprobe test against the mock failed (${String(error.code)}): ${stderr}`));
        else done();
      });
    });
    return { report: JSON.parse(readFileSync(file, 'utf8')) as Report, durationMs: Date.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runComparison(mockSeed = 1): Promise<Comparison> {
  const mock = await runMockThroughCli(mockSeed);
  const oidcSeed = loadExpectedFailures('oidc-provider').seed;
  const oidc = await runOidcProvider({ seed: oidcSeed });
  const o2mSeed = loadExpectedFailures('oauth2-mock-server').seed;
  const o2m = await runOauth2MockServer({ seed: o2mSeed });
  const find = (results: readonly RequirementResult[], id: string) => results.find((r) => r.id === id);
  const rows = requirements.map((req): ComparisonRow => {
    const cells: Record<Column, RequirementResult | undefined> = {
      mock: find(mock.report.results, req.id),
      oidcProvider: find(oidc.results, req.id),
      oauth2MockServer: find(o2m.results, req.id),
    };
    const skips: ComparisonRow['skips'] = {};
    for (const [k, r] of Object.entries(cells)) if (r?.status === 'skip') skips[k as Column] = r.message ?? '';
    return {
      id: req.id,
      level: req.level,
      mock: cells.mock?.status ?? 'skip',
      oidcProvider: cells.oidcProvider?.status ?? 'skip',
      oauth2MockServer: cells.oauth2MockServer?.status ?? 'skip',
      skips,
    };
  });
  const list = cpus();
  return {
    machine: { node: process.version, cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length, platform: `${process.platform}-${process.arch}` },
    seeds: { mock: mockSeed, oidcProvider: oidcSeed, oauth2MockServer: o2mSeed },
    durationsMs: { mock: mock.durationMs, oidcProvider: oidc.durationMs, oauth2MockServer: o2m.durationMs },
    rows,
  };
}

/** A SKIP cell with its short reason: profile not claimed, a lifetime that cannot be waited out, metadata. */
function cell(status: Status, skip: string | undefined): string {
  if (status !== 'skip') return status.toUpperCase();
  if (!skip || skip.startsWith('profile not claimed')) return 'SKIP (profile)';
  if (/no clock|declares no ttl/.test(skip)) return 'SKIP (TTL)';
  if (/does not advertise/.test(skip)) return 'SKIP (metadata)';
  return 'SKIP';
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function formatComparison(c: Comparison): string {
  const lines = ['| Requirement | Level | authprobe mock | oidc-provider | oauth2-mock-server |', '| --- | --- | --- | --- | --- |'];
  for (const r of c.rows) {
    lines.push(`| ${r.id} | ${r.level} | ${cell(r.mock, r.skips.mock)} | ${cell(r.oidcProvider, r.skips.oidcProvider)} | ${cell(r.oauth2MockServer, r.skips.oauth2MockServer)} |`);
  }
  const count = (k: Column, s: Status) => c.rows.filter((r) => r[k] === s).length;
  const total = (k: Column) => `${count(k, 'pass')} pass, ${count(k, 'fail')} fail, ${count(k, 'warn')} warn, ${count(k, 'skip')} skip`;
  lines.push(
    `| **total** | | ${total('mock')} | ${total('oidcProvider')} | ${total('oauth2MockServer')} |`,
    '',
    `Seeds: mock ${c.seeds.mock}, oidc-provider ${c.seeds.oidcProvider}, oauth2-mock-server ${c.seeds.oauth2MockServer}. ` +
      `Run times: ${seconds(c.durationsMs.mock)}, ${seconds(c.durationsMs.oidcProvider)}, ${seconds(c.durationsMs.oauth2MockServer)} ` +
      `on Node ${c.machine.node}, ${c.machine.cores} × ${c.machine.cpu} (${c.machine.platform}).`,
  );
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), strict: true, allowPositionals: false, options: { json: { type: 'string' }, seed: { type: 'string' } } });
    if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new Error(`--seed must be a whole number (got '${values.seed}')`);
    const comparison = await runComparison(values.seed === undefined ? undefined : Number(values.seed));
    process.stdout.write(formatComparison(comparison));
    if (values.json) {
      const file = resolve(values.json);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(comparison, null, 2)}\n`);
    }
  } catch (err) {
    process.stderr.write(`comparison: ${(err as Error).message}\nusage: npx tsx suites/peers/comparison.ts [--json FILE] [--seed N]\n`);
    process.exitCode = 2;
  }
}
