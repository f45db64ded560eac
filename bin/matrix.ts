/**
 * The defect matrix: the suites run against the mock switched into each `--defect`, one at a
 * time, and against the conformant mock. A defect is caught when every requirement ID it
 * declares fails (or, for a SHOULD, warns); the conformant mock must fail none.
 *
 *   npm run matrix [-- --json FILE] [--seed N] [--seeds N] [--concurrency N] [--defect NAME ...]
 * `--seeds N` runs the whole matrix on N seeds (from --seed, default 1, upwards: a fixed list,
 * printed) and reports per seed and overall: a defect caught on only some seeds is named with the
 * seeds that missed it (issue 10 §4: a defect must be caught on every seed).
 * (The three-way comparison with oidc-provider and oauth2-mock-server: suites/targets/comparison.ts.)
 *
 * Scope per defect (so that the 76-defect matrix fits a CI budget): an authorization-server
 * defect runs every requirement of the areas its IDs belong to (so collateral failures in the
 * area show too); a desktop defect runs the IDs it declares (the DSK area alone takes ~10 s).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { allDefects, demoConfig, desktopDefects, startMock, type Defect } from '../mocks/index.js';
import { nativeLoopbackOnly, requirementById, type RequirementId } from '../specs/index.js';
import { defineTarget, runSuites, type Report } from '../suites/api.js';
import { targetForMock } from './commands/test.js';
import { UsageError } from './usage.js';

export interface MatrixRow {
  defect: string;
  summary: string;
  declared: RequirementId[];
  /** What was run: areas (authorization-server defects) or IDs (desktop defects). */
  scope: string[];
  /** IDs that failed (or warned, for a SHOULD), in catalogue order. */
  failed: RequirementId[];
  /** Declared IDs that did not fail: the suites missed the defect there. */
  missed: RequirementId[];
  /** From the start of the run to the first failing row; null when nothing failed. */
  firstFailureMs: number | null;
  durationMs: number;
  /** The run could not complete (mock would not start, target error). */
  error?: string;
  /**
   * Errors that escaped a mock while this row ran (a mock crash on some input). They do not
   * decide "caught" (with --concurrency > 1 they may come from the row beside it) but are shown.
   */
  strayErrors?: string[];
}

export interface ConformantRun {
  total: number;
  pass: number;
  skip: number;
  failed: RequirementId[];
  durationMs: number;
}

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
  platform: string;
}

export interface MatrixResult {
  seed: number;
  machine: Machine;
  conformant: ConformantRun;
  rows: MatrixRow[];
  durationMs: number;
  /** Every defect caught and the conformant mock failed nothing. */
  ok: boolean;
}

export interface MatrixOptions {
  /** Default: every defect of `allDefects`. */
  defects?: readonly Defect[];
  /** One seed for every run (default random; printed so a run can be repeated). */
  seed?: number;
  /** Defect runs in flight at once (default 2: they wait on sockets as much as they compute). */
  concurrency?: number;
  /** Skip the conformant full run. */
  skipConformant?: boolean;
  onRow?(row: MatrixRow): void;
}

const desktopNames = new Set<string>(desktopDefects.map((d) => d.name));

export const needsDesktop = (defect: Defect): boolean => desktopNames.has(defect.name);

export function machine(): Machine {
  const list = cpus();
  return { node: process.version, cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length, platform: `${process.platform}-${process.arch}` };
}

/** The requirements a defect's run covers (see the module comment). */
export function scopeFor(defect: Defect): string[] {
  if (needsDesktop(defect)) return [...defect.breaks];
  return [...new Set(defect.breaks.map((id) => requirementById(id)?.area ?? id))];
}

const failing = (report: Report): RequirementId[] => report.results.filter((r) => r.status === 'fail' || r.status === 'warn').map((r) => r.id);

/** Starts a mock (with a desktop socket in its own temp folder when asked) and runs the suites on it. */
async function runOnMock(
  defects: string[],
  desktop: boolean,
  seed: number,
  only: string[] | undefined,
): Promise<{ report: Report; firstFailureMs: number | null; durationMs: number }> {
  const dir = desktop ? mkdtempSync(join(tmpdir(), 'authprobe-matrix-')) : undefined;
  const started = Date.now();
  let firstFailureMs: number | null = null;
  // A grace-window defect shows only where there is a window: those runs declare a 30 s one. A
  // native-loopback defect (RED-8) shows only where loopback ports may vary: those runs use
  // loopbackPorts 'any', so the target claims native-loopback (mock-target.ts).
  const declared = defects.flatMap((name) => allDefects.find((d) => d.name === name)?.breaks ?? []);
  const grace = declared.some((id) => id.startsWith('GRACE-'));
  const loopback = declared.some(nativeLoopbackOnly);
  const mock = await startMock({
    port: 0, consent: 'auto', defects, desktop: dir ? { socketPath: join(dir, 'desktop.sock') } : false,
    ...(grace || loopback ? { config: { ...demoConfig, ...(grace ? { rotation: { grace_seconds: 30 } } : {}), ...(loopback ? { loopbackPorts: 'any' as const } : {}) } } : {}),
  });
  try {
    const spec = defineTarget(targetForMock(mock), { source: defects.length ? `mock --defect ${defects.join(',')}` : 'conformant mock' });
    const report = await runSuites(spec, {
      seed,
      ...(only ? { only } : {}),
      onProgress: (event) => {
        if (event.type === 'result' && firstFailureMs === null && (event.result.status === 'fail' || event.result.status === 'warn')) {
          firstFailureMs = Date.now() - started;
        }
      },
    });
    return { report, firstFailureMs, durationMs: Date.now() - started };
  } finally {
    await mock.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Errors that escaped every handler while the matrix ran (a mock that crashed on some input).
 * Only `main` collects them (`process.on('unhandledRejection')`), so that one crashing mock
 * marks its row as an error instead of ending the whole matrix; under vitest they stay vitest's.
 */
const strayErrors: string[] = [];

export function collectStrayErrors(): void {
  const record = (err: unknown) => strayErrors.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
}

export async function runDefectRow(defect: Defect, seed: number): Promise<MatrixRow> {
  const scope = scopeFor(defect);
  const row: MatrixRow = {
    defect: defect.name,
    summary: defect.summary,
    declared: [...defect.breaks],
    scope,
    failed: [],
    missed: [...defect.breaks],
    firstFailureMs: null,
    durationMs: 0,
  };
  const t0 = Date.now();
  const strayBefore = strayErrors.length;
  try {
    const out = await runOnMock([defect.name], needsDesktop(defect), seed, scope);
    row.failed = failing(out.report);
    row.missed = row.declared.filter((id) => !row.failed.includes(id));
    row.firstFailureMs = out.firstFailureMs;
  } catch (err) {
    row.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  if (strayErrors.length > strayBefore) row.strayErrors = [...new Set(strayErrors.slice(strayBefore))];
  row.durationMs = Date.now() - t0;
  return row;
}

export async function runConformant(seed: number): Promise<ConformantRun> {
  const { report, durationMs } = await runOnMock([], true, seed, undefined);
  return { total: report.summary.total, pass: report.summary.pass, skip: report.summary.skip, failed: failing(report), durationMs };
}

/** Runs `items` through `work` with at most `limit` in flight; results keep the input order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export async function runDefectMatrix(options: MatrixOptions = {}): Promise<MatrixResult> {
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  const list = options.defects ?? allDefects;
  const started = Date.now();
  const conformant: ConformantRun = options.skipConformant
    ? { total: 0, pass: 0, skip: 0, failed: [], durationMs: 0 }
    : await runConformant(seed);
  const rows = await pool(list, options.concurrency ?? 2, async (defect) => {
    const row = await runDefectRow(defect, seed);
    options.onRow?.(row);
    return row;
  });
  const ok = conformant.failed.length === 0 && rows.every((r) => r.missed.length === 0 && !r.error);
  return { seed, machine: machine(), conformant, rows, durationMs: Date.now() - started, ok };
}

/** Several seeds: one matrix per seed, and which defects some seed missed. */
export interface SeedMatrixResult {
  seeds: number[];
  runs: MatrixResult[];
  /** Defects missed (or errored) on at least one seed, with those seeds. */
  missedOnSome: Array<{ defect: string; declared: RequirementId[]; seeds: number[] }>;
  /** Seeds on which the conformant mock failed something. */
  conformantFailedOn: number[];
  durationMs: number;
  /** Every defect caught on every seed and the conformant mock failed nothing on any. */
  ok: boolean;
}

/** The seeds `--seeds N` runs: `first`, `first + 1`, ... (deterministic, so a table can be repeated). */
export function seedList(n: number, first = 1): number[] {
  return Array.from({ length: n }, (_, i) => first + i);
}

export async function runSeedMatrix(seeds: readonly number[], options: Omit<MatrixOptions, 'seed'> & { onSeed?(result: MatrixResult): void } = {}): Promise<SeedMatrixResult> {
  const started = Date.now();
  const runs: MatrixResult[] = [];
  for (const seed of seeds) {
    const result = await runDefectMatrix({ ...options, seed });
    runs.push(result);
    options.onSeed?.(result);
  }
  const missed = new Map<string, { defect: string; declared: RequirementId[]; seeds: number[] }>();
  for (const run of runs) {
    for (const row of run.rows) {
      if (row.missed.length === 0 && !row.error) continue;
      const entry = missed.get(row.defect) ?? { defect: row.defect, declared: row.declared, seeds: [] };
      entry.seeds.push(run.seed);
      missed.set(row.defect, entry);
    }
  }
  const conformantFailedOn = runs.filter((r) => r.conformant.failed.length > 0).map((r) => r.seed);
  return { seeds: [...seeds], runs, missedOnSome: [...missed.values()], conformantFailedOn, durationMs: Date.now() - started, ok: runs.every((r) => r.ok) };
}

const seconds = (ms: number | null): string => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

/** The matrix as a markdown table (what the README shows). */
export function formatMatrix(result: MatrixResult): string {
  const lines = [
    '| Defect | Declared IDs | IDs that failed | Time to first failure | Caught |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of result.rows) {
    const caught = r.error ? `error: ${r.error}` : r.missed.length ? `**missed ${r.missed.join(', ')}**` : 'yes';
    const stray = r.strayErrors ? ` (an error escaped a mock meanwhile: ${r.strayErrors.join(' | ')})` : '';
    lines.push(`| \`${r.defect}\` | ${r.declared.join(', ')} | ${r.failed.join(', ') || '—'} | ${seconds(r.firstFailureMs)} | ${caught}${stray} |`);
  }
  const c = result.conformant;
  const m = result.machine;
  const caught = result.rows.filter((r) => r.missed.length === 0 && !r.error).length;
  lines.push(
    '',
    `Conformant mock (all requirements): ${c.total} rows, ${c.pass} pass, ${c.skip} skip, failed: ${c.failed.join(', ') || 'none'} (${seconds(c.durationMs)}).`,
    `${caught}/${result.rows.length} defects caught; seed ${result.seed}; ${seconds(result.durationMs)} in all on Node ${m.node}, ${m.cores} × ${m.cpu} (${m.platform}).`,
  );
  return `${lines.join('\n')}\n`;
}

/** Per seed: defects caught, conformant failures, time; then the defects some seed missed. */
export function formatSeedMatrix(result: SeedMatrixResult): string {
  const total = result.runs[0]?.rows.length ?? 0;
  const lines = [
    `Seeds: ${result.seeds.join(', ')}`,
    '',
    '| Seed | Defects caught | Missed | Conformant mock failed | Time |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const run of result.runs) {
    const missed = run.rows.filter((r) => r.missed.length > 0 || r.error);
    const caught = run.rows.length - missed.length;
    lines.push(`| ${run.seed} | ${caught}/${run.rows.length} | ${missed.map((r) => `\`${r.defect}\``).join(', ') || '—'} | ${run.conformant.failed.join(', ') || 'none'} | ${seconds(run.durationMs)} |`);
  }
  lines.push('');
  if (result.missedOnSome.length === 0) {
    lines.push(`${total}/${total} defects caught on every one of ${result.seeds.length} seeds.`);
  } else {
    lines.push(`${total - result.missedOnSome.length}/${total} defects caught on every one of ${result.seeds.length} seeds. Missed on some seeds:`);
    for (const m of result.missedOnSome) lines.push(`- \`${m.defect}\` (${m.declared.join(', ')}): missed on seed${m.seeds.length > 1 ? 's' : ''} ${m.seeds.join(', ')}`);
  }
  const stray = new Map<string, Set<string>>();
  for (const run of result.runs) for (const r of run.rows) for (const e of r.strayErrors ?? []) stray.set(e, (stray.get(e) ?? new Set()).add(r.defect));
  for (const [error, rows] of stray) lines.push(`An error escaped a mock (a mock crash, not a suite verdict) while these rows ran: ${[...rows].map((d) => `\`${d}\``).join(', ')}: ${error}`);
  if (result.conformantFailedOn.length > 0) lines.push(`The conformant mock failed a requirement on seed${result.conformantFailedOn.length > 1 ? 's' : ''} ${result.conformantFailedOn.join(', ')}.`);
  const m = result.runs[0]?.machine ?? machine();
  lines.push(`${seconds(result.durationMs)} in all on Node ${m.node}, ${m.cores} × ${m.cpu} (${m.platform}).`);
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  collectStrayErrors();
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'string' },
      seed: { type: 'string' },
      seeds: { type: 'string' },
      concurrency: { type: 'string' },
      defect: { type: 'string', multiple: true },
    },
  });
  const int = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be a whole number ≥ ${min} (got '${v}')`);
    return Number(v);
  };
  const seed = int('seed', values.seed, 0);
  const seedCount = int('seeds', values.seeds, 1);
  const concurrency = int('concurrency', values.concurrency, 1);
  const writeJson = (data: unknown): void => {
    if (!values.json) return;
    const file = resolve(values.json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  };
  let list: readonly Defect[] = allDefects;
  if (values.defect?.length) {
    const names = values.defect.flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean);
    const unknown = names.filter((n) => !allDefects.some((d) => d.name === n));
    if (unknown.length) throw new UsageError(`unknown defect ${unknown.join(', ')} (\`authprobe defects\` lists them)`);
    list = allDefects.filter((d) => names.includes(d.name));
  }
  const onRow = (row: MatrixRow): void => {
    process.stderr.write(`${row.missed.length || row.error ? 'MISSED' : 'caught'} ${row.defect} (${seconds(row.durationMs)})\n`);
  };
  if (seedCount !== undefined) {
    const seeds = seedList(seedCount, seed ?? 1);
    process.stderr.write(`seeds: ${seeds.join(', ')}\n`);
    const result = await runSeedMatrix(seeds, {
      defects: list,
      onRow: (row) => {
        if (row.missed.length || row.error) onRow(row);
      },
      ...(concurrency !== undefined ? { concurrency } : {}),
      onSeed: (run) => {
        const caught = run.rows.filter((r) => r.missed.length === 0 && !r.error).length;
        process.stderr.write(`seed ${run.seed}: ${caught}/${run.rows.length} caught, conformant failed ${run.conformant.failed.join(', ') || 'none'} (${seconds(run.durationMs)})\n`);
      },
    });
    process.stdout.write(formatSeedMatrix(result));
    writeJson(result);
    return result.ok ? 0 : 1;
  }
  const result = await runDefectMatrix({
    defects: list,
    ...(seed !== undefined ? { seed } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    onRow,
  });
  process.stdout.write(formatMatrix(result));
  writeJson(result);
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      process.stderr.write(`matrix: ${err instanceof Error ? err.message : String(err)}\n`);
      if (usage) process.stderr.write('usage: npm run matrix -- [--json FILE] [--seed N] [--seeds N] [--concurrency N] [--defect NAME ...]\n');
      process.exit(usage ? 2 : 1);
    },
  );
}
