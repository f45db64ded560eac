/** A misbehaving target becomes a failed row with the evidence: never a hang, never a crash. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { targetForMock } from '../mock-target.js';
import { defineTarget } from '../../suites/target/load.js';
import { runSuites } from '../../suites/runner/run.js';

describe('misbehaving targets', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false });
  });
  afterAll(() => mock?.close());

  async function scenario(body: unknown): Promise<void> {
    await fetch(`${mock.issuer}/_mock/scenarios`, { method: 'DELETE' });
    const res = await fetch(`${mock.issuer}/_mock/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBeLessThan(300);
  }

  it('PKCE-8: a token endpoint that hangs fails the row with "did not answer", within the request timeout', async () => {
    await scenario({ endpoint: 'token', times: 1000, action: { delay_ms: 5_000 } });
    const started = Date.now();
    const report = await runSuites(defineTarget({ ...targetForMock(mock), timeouts: { request_ms: 300 } }), { only: ['PKCE-8'], runs: 3, seed: 1 });
    const row = report.results[0];
    expect(row).toMatchObject({ id: 'PKCE-8', status: 'fail' });
    expect(row?.message).toMatch(/the target did not answer: timed out/);
    expect(row?.exchanges?.at(-1)?.answer).toMatch(/timeout/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.exitCode).toBe(1);
  });

  it('CC-1: a token endpoint that drops the connection fails the row, and the run goes on', async () => {
    await scenario({ endpoint: 'token', times: 1000, action: { drop: true } });
    const report = await runSuites(defineTarget(targetForMock(mock)), { only: ['PKCE-9', 'CC-1'], runs: 2, seed: 1 });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([['PKCE-9', 'pass'], ['CC-1', 'fail']]);
    expect(report.results[1]?.message).toMatch(/did not answer/);
  });

  it('TOK-2: a 500 with an HTML body is reported with the body, not a crash', async () => {
    await scenario({ endpoint: 'token', times: 1000, action: { error: 'server_error', status: 500 } });
    const report = await runSuites(defineTarget(targetForMock(mock)), { only: ['TOK-2'], runs: 2, seed: 1 });
    expect(report.results[0]).toMatchObject({ id: 'TOK-2', status: 'fail' });
    expect(report.results[0]?.message).toMatch(/500/);
    await fetch(`${mock.issuer}/_mock/scenarios`, { method: 'DELETE' });
  });
});
