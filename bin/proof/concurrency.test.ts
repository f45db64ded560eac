/**
 * `--concurrency` against the mock: what the run reports does not depend on it (rows, messages,
 * each failed row's own exchanges), and a property that moves the clock while sharing the run is
 * refused by the harness itself. (Here in bin/proof because it joins the mock and the suites.)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { targetForMock } from '../mock-target.js';
import { defineTarget } from '../../suites/target/load.js';
import { runSuites } from '../../suites/runner/run.js';
import type { ConformanceProperty, Report } from '../../suites/runner/types.js';

describe('runSuites with --concurrency against the mock under two defects', () => {
  let mock: RunningMock;
  const reports: Record<number, Report> = {};
  beforeAll(async () => {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false, defects: ['pkce-plain-accepted', 'redirect-prefix-match'] });
    const target = defineTarget(targetForMock(mock));
    for (const concurrency of [1, 4]) reports[concurrency] = await runSuites(target, { only: ['RED', 'PKCE', 'CODE', 'TOK'], seed: 99, runs: 2, concurrency });
  }, 180_000);
  afterAll(async () => { await mock?.close(); });

  it('PKCE-2, RED-1: the same rows, in catalogue order, with the same verdicts and messages', () => {
    // The codes the server issued are its own random values; everything else must match.
    const rows = (r: Report) => r.results.map((x) => ({ id: x.id, status: x.status, message: x.message?.replace(/code=[^&\s)]+/g, 'code=…'), runs: x.runs }));
    expect(rows(reports[4]!)).toEqual(rows(reports[1]!));
    expect(reports[4]!.results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(expect.arrayContaining(['PKCE-2', 'RED-1']));
  });

  it('PKCE-2, RED-1: a failed row shows its own exchanges only, as in the run one at a time', () => {
    const shape = (r: Report, id: string) => r.results.find((x) => x.id === id)!.exchanges!.map((e) => e.curl.split(' ').find((w) => w.startsWith("'http"))?.replace(/\?.*$/, ''));
    for (const id of ['PKCE-2', 'RED-1']) {
      expect(shape(reports[4]!, id).length, id).toBeGreaterThan(0);
      expect(shape(reports[4]!, id), id).toEqual(shape(reports[1]!, id));
    }
  });

  it('REV-1: a property that moves the clock while others share the run fails with the harness rule; run alone it may', async () => {
    const moves = (alone: boolean): ConformanceProperty => ({ id: 'REV-1', runs: 1, alone, property: (ctx) => ctx.forAll(fc.constant(0), async () => { await ctx.time.pass(1); }) });
    const beside: ConformanceProperty = { id: 'REV-2', runs: 1, property: (ctx) => ctx.forAll(fc.constant(0), async () => undefined) };
    const run = (alone: boolean) => runSuites(defineTarget(targetForMock(mock)), { only: ['REV-1', 'REV-2'], concurrency: 2, suites: [{ area: 'REV', properties: [moves(alone), beside] }] });
    const shared = (await run(false)).results.find((r) => r.id === 'REV-1');
    expect(shared?.status).toBe('fail');
    expect(shared?.message).toMatch(/harness rule: a property moved the clock while other requirements run beside it/);
    expect((await run(true)).results.find((r) => r.id === 'REV-1')?.status).toBe('pass');
  }, 60_000);

  it('RED-1..TOK-6: the timing names the concurrency, each area\'s requests and the total', () => {
    const t = reports[4]!.timing!;
    expect(t.concurrency).toBe(4);
    expect(t.areas.map((a) => a.area)).toEqual(['RED', 'PKCE', 'CODE', 'TOK']);
    expect(t.requests).toBe(t.areas.reduce((n, a) => n + a.requests, 0));
    expect(t.requests).toBe(reports[4]!.results.reduce((n, r) => n + (r.requests ?? 0), 0));
    for (const a of t.areas) expect(a.requests, a.area).toBeGreaterThan(0);
  });
});

describe('runSuites with --concurrency: the desktop lane beside the OAuth requirements', () => {
  let mock: RunningMock;
  const reports: Record<number, Report> = {};
  beforeAll(async () => {
    mock = await startMock({ port: 0, consent: 'auto', defects: ['pkce-plain-accepted', 'desktop-no-activity-log'] });
    const target = defineTarget(targetForMock(mock));
    // DSK-1, -2, -8 and -10 share the desktop lane; DSK-3 moves the clock and runs alone.
    for (const concurrency of [1, 4]) reports[concurrency] = await runSuites(target, { only: ['PKCE', 'DSK-1', 'DSK-2', 'DSK-3', 'DSK-8', 'DSK-10'], seed: 7, runs: 2, concurrency });
  }, 180_000);
  afterAll(async () => { await mock?.close(); });

  it('PKCE-2, DSK-10: the same rows and verdicts with the desktop requirements in their lane as one at a time', () => {
    const rows = (r: Report) => r.results.map((x) => ({ id: x.id, status: x.status, runs: x.runs }));
    expect(rows(reports[4]!)).toEqual(rows(reports[1]!));
    expect(reports[4]!.results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(expect.arrayContaining(['PKCE-2', 'DSK-10']));
    expect(reports[4]!.results.filter((r) => r.id.startsWith('DSK') && r.id !== 'DSK-10').map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });
});
