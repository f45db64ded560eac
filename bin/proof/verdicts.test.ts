/**
 * Verdicts a vendor can be held to: which rule a failure breaks, the worst evidence first,
 * counterexamples a person can read and a replay token that reproduces them, and no PASS for a
 * run that tested nothing. Each test drives the real suites against the mock over a socket.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { basic } from '../../suites/oauth/clients.js';
import { expectRefused, expectTokens } from '../../suites/runner/failure.js';
import { parseReplay } from '../../suites/runner/replay.js';
import type { AreaSuite } from '../../suites/runner/types.js';
import { runSuites } from '../../suites/runner/run.js';
import { defineTarget } from '../../suites/target/load.js';
import { formatReport } from '../../suites/report/console.js';
import { targetForMock } from '../mock-target.js';
import { runCli } from './cli.test-support.js';

async function withMock<T>(defects: string[], fn: (mock: RunningMock) => Promise<T>): Promise<T> {
  const mock = await startMock({ port: 0, consent: 'auto', desktop: false, defects });
  try {
    return await fn(mock);
  } finally {
    await mock.close();
  }
}

describe('whose rule a failure breaks', () => {
  it('PKCE-2: a product-rule failure says so, and --rules rfc does not judge it', async () => {
    await withMock(['pkce-plain-accepted'], async (mock) => {
      const spec = defineTarget(targetForMock(mock));
      const all = await runSuites(spec, { only: ['PKCE-2', 'PKCE-5'], seed: 11 });
      const row = all.results.find((r) => r.id === 'PKCE-2');
      expect([row?.status, row?.rule]).toEqual(['fail', 'public-clients']);
      expect(row?.message).toContain('[product rule: public-clients, not an RFC requirement]');
      expect(formatReport(all)).toContain('FAIL PKCE-2 (MUST, product rule: public-clients)');

      const rfc = await runSuites(spec, { only: ['PKCE-2', 'PKCE-5'], seed: 11, rules: 'rfc' });
      expect(rfc.rules).toBe('rfc');
      expect(rfc.results.map((r) => [r.id, r.status])).toEqual([['PKCE-2', 'skip'], ['PKCE-5', 'pass']]);
      expect(rfc.results[0]?.message).toMatch(/product rule \(public-clients\): not judged under --rules rfc/);
      expect(rfc.exitCode).toBe(0);
    });
  });

  it('RED-1: under --rules rfc a loopback port change is allowed (RFC 8252 §7.3), by default it is not', async () => {
    await withMock(['loopback-port-ignored'], async (mock) => {
      const spec = defineTarget(targetForMock(mock));
      const strict = await runSuites(spec, { only: ['RED-1'], seed: 3 });
      expect(strict.results[0]?.status).toBe('fail');
      expect(strict.results[0]?.message).toMatch(/port/);
      const rfc = await runSuites(spec, { only: ['RED-1'], seed: 3, rules: 'rfc' });
      expect(rfc.results[0]?.status).toBe('pass');
    });
  });
});

describe('the evidence', () => {
  it('RED-1: the most severe accepted mutation is reported, not a loopback port change, with the others counted', async () => {
    await withMock(['loopback-port-ignored', 'redirect-prefix-match'], async (mock) => {
      for (const seed of [1, 2, 3]) {
        const report = await runSuites(defineTarget(targetForMock(mock)), { only: ['RED-1'], seed });
        const row = report.results[0];
        expect(row?.status).toBe('fail');
        const first = (row?.message ?? '').split('\n')[0] ?? '';
        expect(first, `seed ${seed}`).not.toMatch(/changed in its port \(http:\/\/127\.0\.0\.1/);
        expect(row?.message, `seed ${seed}`).toMatch(/more failing case/);
      }
    });
  });

  it('PKCE-5: the counterexample is plain JSON and the replay token is short and reproduces the failure', async () => {
    await withMock(['pkce-any-verifier'], async (mock) => {
      const spec = defineTarget(targetForMock(mock));
      const report = await runSuites(spec, { only: ['PKCE-5'], seed: 5 });
      const row = report.results[0];
      expect(row?.status).toBe('fail');
      expect(() => JSON.parse(row?.counterexample ?? '')).not.toThrow();
      expect(row?.counterexample).not.toMatch(/undefined|replayPath/);
      const token = /--replay '([^']+)'/.exec(row?.replay ?? '')?.[1] ?? '';
      expect(token.length).toBeLessThan(80);
      const again = await runSuites(spec, { replay: parseReplay(token) });
      expect(again.results.map((r) => [r.id, r.status])).toEqual([['PKCE-5', 'fail']]);
      expect(again.results[0]?.counterexample).toBe(row?.counterexample);
    });
  });
});

describe('a run that tested nothing', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false });
  });
  afterAll(() => mock?.close());

  it('exits 2 with "nothing was tested" and the reasons when no selected requirement applies', async () => {
    const report = await runSuites(defineTarget(targetForMock(mock)), { only: ['RED'], profiles: ['users-api'], seed: 1 });
    expect(report.summary.skip).toBe(report.summary.total);
    expect(report.exitCode).toBe(2);
    expect(report.verdict).toMatch(/^Nothing was tested: every selected requirement was skipped \(8 × profile not claimed\)/);
  });

  it('warns that a pass says little when most rows of a claimed profile were skipped', async () => {
    const target = targetForMock(mock);
    delete target.registration;
    const report = await runSuites(defineTarget(target), { only: ['REG', 'CC-1'], seed: 1 });
    expect(report.exitCode).toBe(0);
    expect(report.warnings.join('\n')).toMatch(/10 of 10 requirements of the claimed profile registration were skipped/);
    expect(formatReport(report)).toMatch(/Warning: 10 of 10 requirements/);
  });

  it('the CLI exits 2 and says so', async () => {
    const out = await runCli(['test', '--only', 'RED', '--profile', 'users-api', '--seed', '1']);
    expect(out.code).toBe(2);
    expect(out.stdout).toMatch(/Nothing was tested/);
  });

  it('the CLI refuses an unknown --rules mode with the modes it knows', async () => {
    const out = await runCli(['test', '--rules', 'strict']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--rules: unknown mode 'strict'\. Modes: all .*rfc/);
  });
});

describe('the positive-control rule, enforced', () => {
  it('TOK-6: a refusal asserted before anything was granted in the run fails the row naming the harness rule; with its control first, it passes', async () => {
    await withMock([], async (mock) => {
      const spec = defineTarget(targetForMock(mock));
      const refusal = (withControl: boolean): AreaSuite => ({
        area: 'TOK',
        properties: [
          {
            id: 'TOK-6',
            runs: 1,
            property: (ctx) =>
              ctx.forAll(fc.constant(0), async () => {
                const endpoint = ctx.target.endpoints.token_endpoint as string;
                if (withControl) expectTokens(await ctx.http.postForm(endpoint, [['grant_type', 'client_credentials']], { authorization: basic('demo-confidential', 'demo-confidential-secret') }), 'client_credentials');
                expectRefused(await ctx.http.send({ method: 'GET', url: endpoint }), 'GET at the token endpoint');
              }),
          },
        ],
      });
      const without = await runSuites(spec, { only: ['TOK-6'], seed: 1, suites: [refusal(false)] });
      expect(without.results[0]?.status).toBe('fail');
      expect(without.results[0]?.message).toMatch(/harness rule: "GET at the token endpoint" asserts a refusal before the target granted anything/);
      const withIt = await runSuites(spec, { only: ['TOK-6'], seed: 1, suites: [refusal(true)] });
      expect(withIt.results[0]?.status).toBe('pass');
    });
  });
});
