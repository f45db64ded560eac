/**
 * The defect matrix: the suites run against the mock switched into each `--defect`, one at a
 * time, and against the conformant mock. A defect is caught when every requirement ID it
 * declares fails (or, for a SHOULD, warns); the conformant mock must fail none.
 *
 *   npm run matrix [-- --json FILE] [--seed N] [--concurrency N] [--defect NAME ...]
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
import { allDefects, desktopDefects, startMock, type Defect } from '../mocks/index.js';
import { requirementById, type RequirementId } from '../specs/index.js';
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
  const mock = await startMock({ port: 0, consent: 'auto', defects, desktop: dir ? { socketPath: join(dir, 'desktop.sock') } : false });
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
  try {
    const out = await runOnMock([defect.name], needsDesktop(defect), seed, scope);
    row.failed = failing(out.report);
    row.missed = row.declared.filter((id) => !row.failed.includes(id));
    row.firstFailureMs = out.firstFailureMs;
  } catch (err) {
    row.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
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

const seconds = (ms: number | null): string => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

/** The matrix as a markdown table (what the README shows). */
export function formatMatrix(result: MatrixResult): string {
  const lines = [
    '| Defect | Declared IDs | IDs that failed | Time to first failure | Caught |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of result.rows) {
    const caught = r.error ? `error: ${r.error}` : r.missed.length ? `**missed ${r.missed.join(', ')}**` : 'yes';
    lines.push(`| \`${r.defect}\` | ${r.declared.join(', ')} | ${r.failed.join(', ') || '—'} | ${seconds(r.firstFailureMs)} | ${caught} |`);
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

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'string' },
      seed: { type: 'string' },
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
  const result = await runDefectMatrix({
    defects: list,
    ...(seed !== undefined ? { seed } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    onRow: (row) => process.stderr.write(`${row.missed.length || row.error ? 'MISSED' : 'caught'} ${row.defect} (${seconds(row.durationMs)})\n`),
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
      if (usage) process.stderr.write('usage: npm run matrix -- [--json FILE] [--seed N] [--concurrency N] [--defect NAME ...]\n');
      process.exit(usage ? 2 : 1);
    },
  );
}
