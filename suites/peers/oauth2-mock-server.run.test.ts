/**
 * The suites against oauth2-mock-server, a mock that validates little by design: the run must
 * fail exactly the rows of expected-failures/oauth2-mock-server.json (each with its clause and
 * evidence), no more and no fewer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applyBaseline } from '../baseline/apply.js';
import { requirements } from '../../specs/index.js';
import { runOauth2MockServer, type TargetRun } from './conformance-run.js';
import { compareWithList, describeMismatch, failingIds, loadExpectedFailures, underRules, type ExpectedFailureList } from './expected-failures.js';

describe('oauth2-mock-server expected-failure run', () => {
  let list: ExpectedFailureList;
  let run: TargetRun;

  beforeAll(async () => {
    list = loadExpectedFailures('oauth2-mock-server');
    run = await runOauth2MockServer({ seed: list.seed });
  }, 120_000);

  it('RED-1..EXP-4: fails exactly the rows of expected-failures/oauth2-mock-server.json (both directions)', () => {
    const cmp = compareWithList(run.results, list);
    expect(cmp.unexpected.length + cmp.missing.length, describeMismatch('oauth2-mock-server', cmp, run.seed)).toBe(0);
    expect(failingIds(run.results)).toEqual(list.failures.map((f) => f.id));
  });

  it('CODE-2, DG-7: the SHOULDs it breaks are WARN, every other listed row a FAIL', () => {
    for (const f of list.failures) {
      const row = run.results.find((r) => r.id === f.id)!;
      expect([f.id, row.status]).toEqual([f.id, requirements.find((r) => r.id === f.id)!.level === 'SHOULD' ? 'warn' : 'fail']);
    }
  });

  it('every SKIP says why: a profile not claimed, a lifetime too long to wait for without a clock, or (AZ-3..AZ-5) no page to judge', () => {
    for (const r of run.results.filter((x) => x.status === 'skip')) {
      expect(r.message, r.id).toMatch(/profile not claimed|no clock|does not advertise|advertises no|declares no ttl|declares no grace window|reached no consent or login page|shows no consent page/);
    }
    expect(run.reports[0]!.exitCode).toBe(1);
  });

  it('RED-1..EXP-4: the list, given as --expected-failures, passes the run through the same code a user\'s CI runs', () => {
    const report = { ...run.reports[0]!, results: run.results };
    const judged = applyBaseline(report, { failures: list });
    expect({ new: judged.baseline?.new.map((e) => e.id), stale: judged.baseline?.stale.map((e) => e.id), exitCode: judged.exitCode }).toEqual({ new: [], stale: [], exitCode: 0 });
  });

  it('every expected failure names its clause and carries the evidence', () => {
    for (const f of list.failures) {
      expect(f.clause, f.id).toMatch(/RFC \d+ §|users-api-token/);
      expect(f.evidence?.response, f.id).toBeTruthy();
    }
  });

  it('RED-1..EXP-4 under --rules rfc: fails exactly the RFC and BCP rows of the list; product-rule rows are not judged', async () => {
    const rfc = await runOauth2MockServer({ seed: list.seed, rules: 'rfc' });
    const expected = underRules(list, 'rfc');
    expect(expected.failures.length).toBeLessThan(list.failures.length);
    const cmp = compareWithList(rfc.results, expected);
    expect(cmp.unexpected.length + cmp.missing.length, describeMismatch('oauth2-mock-server (rules rfc)', cmp, rfc.seed)).toBe(0);
    for (const r of rfc.results.filter((x) => x.message?.includes('product rule'))) expect(r.status, r.id).toBe('skip');
  }, 120_000);
});
