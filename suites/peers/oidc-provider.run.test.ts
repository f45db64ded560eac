/**
 * The suites against oidc-provider (a certified OpenID Provider nobody here wrote): every row
 * is a PASS, a SKIP with its reason, or a FAIL listed in expected-failures/oidc-provider.json
 * with the clause and the evidence. Any other failure is a suite or launcher bug until shown
 * otherwise; a listed failure that passes makes the list stale. Both fail this test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applyBaseline } from '../baseline/apply.js';
import { requirements } from '../../specs/index.js';
import { EXPIRY_ROWS, runOidcProvider, runOidcProviderNativeLoopback, type TargetRun } from './conformance-run.js';
import { compareWithList, describeMismatch, failingIds, loadExpectedFailures, type ExpectedFailureList } from './expected-failures.js';

/** Areas whose profiles the oidc-provider target does not claim (registration, users-api, desktop). */
const NOT_CLAIMED = requirements.filter((r) => !r.profiles.some((p) => p === 'public-client' || p === 'confidential')).map((r) => r.id);

describe('oidc-provider as a real target (public-client + confidential)', () => {
  let list: ExpectedFailureList;
  let run: TargetRun;

  beforeAll(async () => {
    list = loadExpectedFailures('oidc-provider');
    run = await runOidcProvider({ seed: list.seed });
  }, 240_000);

  it('PKCE-3, DG-2, DG-3, DG-7, CC-5: fails exactly the rows of expected-failures/oidc-provider.json (both directions)', () => {
    const cmp = compareWithList(run.results, list);
    expect(cmp.unexpected.length + cmp.missing.length, describeMismatch('oidc-provider', cmp, run.seed)).toBe(0);
    expect(failingIds(run.results)).toEqual(list.failures.map((f) => f.id));
  });

  it('REG-1..DSK-12: covers every row of the catalogue; every SKIP is a profile the target does not claim, with the reason', () => {
    expect(run.results.map((r) => r.id)).toEqual(requirements.map((r) => r.id));
    // GRACE-1 judges a declared grace window; oidc-provider rotates without one (rotateRefreshToken).
    const skipped = run.results.filter((r) => r.status === 'skip' && r.id !== 'GRACE-1');
    for (const r of skipped) expect(r.message, r.id).toMatch(/^profile not claimed: /);
    expect(run.results.find((r) => r.id === 'GRACE-1')?.message).toMatch(/declares no grace window/);
    // In particular no row of the claimed profiles is skipped for a missing client, TTL or endpoint.
    expect(skipped.map((r) => r.id)).toEqual(NOT_CLAIMED);
  });

  it('CODE-4, EXP-1..EXP-4: the expiry rows ran (short lifetimes) and passed', () => {
    const rows = run.results.filter((r) => EXPIRY_ROWS.includes(r.id));
    expect(rows.map((r) => [r.id, r.status])).toEqual(EXPIRY_ROWS.map((id) => [id, 'pass']));
    expect(rows.every((r) => r.runs > 0)).toBe(true);
  });

  it('TOK-7: oidc-provider raised no server_error during the run', () => {
    expect(run.serverErrors).toEqual([]);
  });

  it('PKCE-3, DG-2, DG-3, DG-7, CC-5: the list, given as --expected-failures, passes the run through the same code a user\'s CI runs', () => {
    const report = { ...run.reports[0]!, results: run.results };
    const judged = applyBaseline(report, { failures: list });
    expect({ new: judged.baseline?.new.map((e) => e.id), stale: judged.baseline?.stale.map((e) => e.id), exitCode: judged.exitCode }).toEqual({ new: [], stale: [], exitCode: 0 });
  });

  it('every expected failure names its clause and carries the evidence (request and answer)', () => {
    for (const f of list.failures) {
      expect(f.clause, f.id).toMatch(/RFC \d+ §/);
      expect(f.evidence?.request, f.id).toMatch(/^curl /);
      expect(f.evidence?.response, f.id).toMatch(/^\d{3} /);
      expect(f.analysis, f.id).toBeTruthy();
    }
  });
});

describe('oidc-provider with native clients (native-loopback)', () => {
  it('RED-1..RED-8, PKCE-8: the loopback port may vary and everything else stays strict', async () => {
    const run = await runOidcProviderNativeLoopback({ seed: loadExpectedFailures('oidc-provider').seed });
    const rows = run.results.filter((r) => r.status !== 'skip' || !r.message?.startsWith('profile not claimed'));
    expect(rows.map((r) => r.id)).toEqual(['RED-1', 'RED-2', 'RED-3', 'RED-4', 'RED-5', 'RED-6', 'RED-7', 'RED-8', 'PKCE-8']);
    const failing = run.results.filter((r) => r.status === 'fail' || r.status === 'warn');
    expect(failing.map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    expect(rows.every((r) => r.status === 'pass')).toBe(true);
    expect(run.serverErrors).toEqual([]);
  }, 120_000);
});
