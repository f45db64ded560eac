/**
 * The defect matrix as a test: the suites catch every `--defect` of the mock, naming at least
 * the IDs it declares (the conformant mock failing nothing is proven in bin/proof/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allDefects, desktopDefects } from '../mocks/index.js';
import { requirements } from '../specs/index.js';
import { formatMatrix, formatSeedMatrix, main, runDefectMatrix, runSeedMatrix, scopeFor, seedList, type MatrixResult, type SeedMatrixResult } from './matrix.js';

describe('defect matrix', () => {
  let result: MatrixResult;

  beforeAll(async () => {
    // The conformant mock's full run is proven per ID by bin/proof/conformant.test.ts (HTTP
    // areas, with and without a grace window) and bin/proof/dsk-conformant.test.ts (DSK); here it
    // would repeat both. `npm run matrix` still runs it.
    result = await runDefectMatrix({ concurrency: 2, skipConformant: true });
    // The seed (and, when something is missed, the table) so a red run can be repeated with
    // `npm run matrix -- --seed N`.
    const table = formatMatrix(result);
    process.stdout.write(result.ok ? `${table.trimEnd().split('\n').at(-1)}\n` : table);
  }, 300_000);

  it('covers every defect of allDefects, one row each', () => {
    expect(result.rows.map((r) => r.defect)).toEqual(allDefects.map((d) => d.name));
  });

  it.each(allDefects.map((d) => [d.breaks.join(','), d.name] as const))('%s: defect %s is caught', (_ids, name) => {
    const row = result.rows.find((r) => r.defect === name)!;
    expect(row.error, `seed ${result.seed}`).toBeUndefined();
    expect(row.failed, `seed ${result.seed}: ${name} must fail ${row.declared.join(', ')}`).toEqual(expect.arrayContaining(row.declared));
    expect(row.firstFailureMs).not.toBeNull();
  });

  it('REG-1..DSK-12: the markdown table has a row per defect and the machine line', () => {
    const table = formatMatrix(result);
    expect(table.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(allDefects.length);
    expect(table).toContain(`seed ${result.seed}`);
    expect(table).toContain(`Node ${process.version}`);
  });
});

describe('defect matrix scope and command line', () => {
  it('DSK-1: desktop defects run their declared IDs; authorization-server defects their whole areas', () => {
    expect(scopeFor(desktopDefects[0]!)).toEqual(['DSK-1']);
    expect(scopeFor(allDefects.find((d) => d.name === 'code-reusable')!)).toEqual(['CODE']);
    expect(scopeFor(allDefects.find((d) => d.name === 'old-refresh-valid')!)).toEqual(['ROT']);
  });

  it('PKCE-2: a missed defect makes the matrix not ok (a defect that breaks nothing the suites probe)', async () => {
    // A defect declaring an ID its switch does not break stands for a suite that misses it.
    const wrong = { name: 'pkce-plain-accepted', breaks: ['PKCE-2', 'PKCE-5'] as const, summary: 'declared wrongly on purpose' };
    const out = await runDefectMatrix({ defects: [wrong], skipConformant: true, seed: 1 });
    expect(out.rows[0]).toMatchObject({ failed: ['PKCE-2'], missed: ['PKCE-5'] });
    expect(out.ok).toBe(false);
    expect(formatMatrix(out)).toContain('**missed PKCE-5**');
  }, 60_000);

  it('TOK-7: unknown defect names and bad numbers are usage errors', async () => {
    await expect(main(['--defect', 'no-such-defect'])).rejects.toThrow(/unknown defect no-such-defect/);
    await expect(main(['--seed', 'x'])).rejects.toThrow(/--seed must be a whole number/);
    await expect(main(['--seeds', '0'])).rejects.toThrow(/--seeds must be a whole number ≥ 1/);
    await expect(main(['--nope'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });
});

describe('defect matrix on several seeds (--seeds N)', () => {
  it('PKCE-2: the seed list is fixed and printed; a defect missed on every seed is named with those seeds', async () => {
    expect(seedList(3)).toEqual([1, 2, 3]);
    expect(seedList(2, 40)).toEqual([40, 41]);
    const wrong = { name: 'pkce-plain-accepted', breaks: ['PKCE-2', 'PKCE-5'] as const, summary: 'declared wrongly on purpose' };
    const out = await runSeedMatrix([7, 8], { defects: [wrong], skipConformant: true });
    expect(out.runs.map((r) => r.seed)).toEqual([7, 8]);
    expect(out.missedOnSome).toEqual([{ defect: 'pkce-plain-accepted', declared: ['PKCE-2', 'PKCE-5'], seeds: [7, 8] }]);
    expect(out.ok).toBe(false);
    const table = formatSeedMatrix(out);
    expect(table).toContain('Seeds: 7, 8');
    expect(table).toContain('| 7 | 0/1 | `pkce-plain-accepted` |');
    expect(table).toContain('`pkce-plain-accepted` (PKCE-2, PKCE-5): missed on seeds 7, 8');
  }, 60_000);

  it('ROT-2: a defect caught on only some seeds is named with the seeds that missed it; the others count as caught on every seed', () => {
    const run = (seed: number, missedRot: boolean): MatrixResult => ({
      seed,
      machine: { node: process.version, cpu: 'cpu', cores: 2, platform: 'linux-x64' },
      conformant: { total: 69, pass: 69, skip: 0, failed: [], durationMs: 1 },
      rows: [
        { defect: 'old-refresh-valid', summary: '', declared: ['ROT-2', 'ROT-3'], scope: ['ROT'], failed: missedRot ? ['ROT-3'] : ['ROT-2', 'ROT-3'], missed: missedRot ? ['ROT-2'] : [], firstFailureMs: 1, durationMs: 1 },
        { defect: 'code-reusable', summary: '', declared: ['CODE-1', 'CODE-2'], scope: ['CODE'], failed: ['CODE-1', 'CODE-2'], missed: [], firstFailureMs: 1, durationMs: 1 },
      ],
      durationMs: 1,
      ok: !missedRot,
    });
    const result: SeedMatrixResult = {
      seeds: [1, 2, 3],
      runs: [run(1, false), run(2, true), run(3, false)],
      missedOnSome: [{ defect: 'old-refresh-valid', declared: ['ROT-2', 'ROT-3'], seeds: [2] }],
      conformantFailedOn: [],
      durationMs: 3,
      ok: false,
    };
    const table = formatSeedMatrix(result);
    expect(table).toContain('| 2 | 1/2 | `old-refresh-valid` | none |');
    expect(table).toContain('1/2 defects caught on every one of 3 seeds. Missed on some seeds:');
    expect(table).toContain('`old-refresh-valid` (ROT-2, ROT-3): missed on seed 2');
  });
});
