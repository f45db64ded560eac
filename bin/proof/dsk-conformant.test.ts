/**
 * The DSK area against the conformant mock (HTTP + desktop socket on one clock, as `startMock`
 * runs them): every requirement passes; without a clock or an app side, the requirements that
 * need them SKIP with the reason. (Here in bin/proof because it joins the mock and the suites.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { defineTarget, runSuites, type RequirementResult } from '../../suites/api.js';

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-suite-'));
  mock = await startMock({ port: 0, consent: 'auto', desktop: { socketPath: join(dir, 'desktop.sock') } });
});

afterAll(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

function target(overrides: { clock?: boolean; prompts?: boolean } = {}) {
  return defineTarget({
    issuer: mock.issuer,
    profiles: ['desktop'],
    desktop: {
      socket: mock.desktopSocket!,
      account: 'Demo Account',
      ...(overrides.prompts === false ? {} : { prompts: { mode: 'mock', url: `${mock.issuer}/_mock/desktop` } }),
    },
    ...(overrides.clock === false ? {} : { clock: { mode: 'mock', url: `${mock.issuer}/_mock/clock` } }),
    timeouts: { request_ms: 2000 },
  });
}

const table = (rows: RequirementResult[]) => rows.map((r) => `${r.id} ${r.status} ${r.message ?? ''}`).join('\n');

describe('DSK area against the conformant mock', () => {
  it('DSK-1..DSK-12: every requirement passes', async () => {
    const report = await runSuites(target(), { only: ['DSK'], seed: 20260101 });
    expect(report.results.map((r) => r.id)).toEqual(['DSK-1', 'DSK-2', 'DSK-3', 'DSK-4', 'DSK-5', 'DSK-6', 'DSK-7', 'DSK-8', 'DSK-9', 'DSK-10', 'DSK-11', 'DSK-12']);
    const notPassing = report.results.filter((r) => r.status !== 'pass');
    expect(notPassing, table(notPassing)).toEqual([]);
    for (const r of report.results) expect(r.runs, r.id).toBeGreaterThan(0);
    expect(report.exitCode).toBe(0);
  }, 60_000);

  it('DSK-3, DSK-5, DSK-12: without a clock they SKIP with the reason; DSK-1 still runs', async () => {
    const report = await runSuites(target({ clock: false }), { only: ['DSK-1', 'DSK-3', 'DSK-5', 'DSK-12'], runs: 2, seed: 1 });
    const by = new Map(report.results.map((r) => [r.id, r]));
    expect(by.get('DSK-1')?.status, table(report.results)).toBe('pass');
    for (const id of ['DSK-3', 'DSK-5', 'DSK-12'] as const) {
      expect(by.get(id)?.status, table(report.results)).toBe('skip');
      expect(by.get(id)?.message).toMatch(/clock/);
    }
  });

  it('DSK-1..DSK-12: without an app side (desktop.prompts) every requirement SKIPs with the reason', async () => {
    const report = await runSuites(target({ prompts: false }), { only: ['DSK'], runs: 1, seed: 1 });
    for (const r of report.results) {
      expect(r.status, r.id).toBe('skip');
      expect(r.message, r.id).toMatch(/desktop\.prompts/);
    }
  });
});
