/**
 * The defect matrix as a test: the suites catch every `--defect` of the mock, naming at least
 * the IDs it declares, and fail nothing on the conformant mock.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allDefects, desktopDefects } from '../mocks/index.js';
import { formatMatrix, main, runDefectMatrix, scopeFor, type MatrixResult } from './matrix.js';

describe('defect matrix', () => {
  let result: MatrixResult;

  beforeAll(async () => {
    result = await runDefectMatrix({ concurrency: 2 });
    // The seed (and, when something is missed, the table) so a red run can be repeated with
    // `npm run matrix -- --seed N`.
    const table = formatMatrix(result);
    process.stdout.write(result.ok ? `${table.trimEnd().split('\n').at(-1)}\n` : table);
  }, 300_000);

  it('the conformant mock fails none of the 69 requirements (zero false failures)', () => {
    expect(result.conformant.failed, `seed ${result.seed}`).toEqual([]);
    expect(result.conformant.total).toBe(69);
    expect(result.conformant.pass + result.conformant.skip).toBe(69);
  });

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
    await expect(main(['--nope'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });
});
