/** The expected-failure lists: loaded with their evidence, and compared with a run both ways. */
import { describe, expect, it } from 'vitest';
import type { RequirementResult } from '../runner/types.js';
import { compareWithList, describeMismatch, failingIds, loadExpectedFailures, type ExpectedFailureList } from './expected-failures.js';

const row = (id: string, status: RequirementResult['status'], message?: string): RequirementResult =>
  ({ id, area: id.split('-')[0], level: 'MUST', text: '', source: '', status, runs: 1, durationMs: 1, ...(message ? { message } : {}) }) as RequirementResult;

const list: ExpectedFailureList = {
  target: 'example',
  version: '1.0.0',
  seed: 1,
  failures: [
    { id: 'DG-6', rule: 'RFC', clause: 'RFC 6749 §2.3', summary: 'accepts the other secret method' },
    { id: 'CODE-2', rule: 'RFC', clause: 'RFC 6749 §4.1.2', summary: 'replay keeps tokens' },
  ],
};

describe('expected-failure lists', () => {
  it('DG-6, CODE-2: a run failing exactly the listed rows matches (a WARN counts as failing)', () => {
    const results = [row('DG-5', 'pass'), row('DG-6', 'fail'), row('CODE-2', 'warn'), row('REG-1', 'skip')];
    expect(compareWithList(results, list)).toEqual({ unexpected: [], missing: [] });
    expect(failingIds(results)).toEqual(['DG-6', 'CODE-2']);
  });

  it('DG-5: an unlisted failure is reported with its message', () => {
    const cmp = compareWithList([row('DG-5', 'fail', 'public client got a token'), row('DG-6', 'fail'), row('CODE-2', 'warn')], list);
    expect(cmp.unexpected.map((r) => r.id)).toEqual(['DG-5']);
    expect(describeMismatch('example', cmp, 1)).toMatch(/DG-5 FAIL but not in expected-failures\/example\.json: public client got a token/);
  });

  it('DG-6: a listed row that passes (or did not run) is reported as missing', () => {
    const cmp = compareWithList([row('DG-6', 'pass'), row('CODE-2', 'warn')], list);
    expect(cmp.missing.map((m) => m.expected.id)).toEqual(['DG-6']);
    expect(describeMismatch('example', cmp, 1)).toMatch(/DG-6 expected to fail \(accepts the other secret method\) but was PASS/);
    expect(compareWithList([row('DG-6', 'fail')], list).missing.map((m) => [m.expected.id, m.row])).toEqual([['CODE-2', undefined]]);
  });

  it('the checked-in lists load: IDs valid and unique, each with clause, summary and evidence', () => {
    for (const name of ['oidc-provider', 'oauth2-mock-server']) {
      const loaded = loadExpectedFailures(name);
      expect(loaded.target).toBe(name);
      expect(Number.isInteger(loaded.seed)).toBe(true);
      for (const f of loaded.failures) expect(f.evidence?.response, `${name} ${f.id}`).toBeTruthy();
    }
    expect(() => loadExpectedFailures('no-such-target')).toThrow(/cannot read .*no-such-target\.json/);
  });
});
