/**
 * The suites pass every applicable requirement against the conformant mock, and fail the
 * right requirement ID against the mock under each of its defects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defects, demoConfig, startMock, type MockConfig, type RunningMock } from '../../mocks/index.js';
import { AREAS, nativeLoopbackOnly, requirements } from '../../specs/index.js';
import { targetForMock } from '../mock-target.js';
import { defineTarget } from '../../suites/target/load.js';
import { runSuites } from '../../suites/runner/run.js';
import type { Report } from '../../suites/runner/types.js';

/** Every area but the desktop channel's (bin/proof/dsk-conformant.test.ts proves that one). */
const HTTP_AREAS: string[] = AREAS.filter((a) => a !== 'DSK');

/** GRACE-* rows need a declared refresh grace window; with one, ROT-2/3/6 defer to them. */
const withGrace = (ids: readonly string[]) => ids.some((id) => id.startsWith('GRACE-'));
const GRACE_CONFIG: MockConfig = { ...demoConfig, rotation: { grace_seconds: 30 } };
/** RED-8 is judged under native-loopback only: a mock that lets loopback ports vary (RFC 8252 §7.3). */
const LOOPBACK_ONLY: string[] = requirements.filter((r) => nativeLoopbackOnly(r.id)).map((r) => r.id);
const LOOPBACK_CONFIG: MockConfig = { ...demoConfig, loopbackPorts: 'any' };
const configFor = (ids: readonly string[]): MockConfig | undefined =>
  withGrace(ids) ? GRACE_CONFIG : ids.some(nativeLoopbackOnly) ? LOOPBACK_CONFIG : undefined;

describe('against the conformant mock', () => {
  let mock: RunningMock;
  let graceMock: RunningMock;
  let loopbackMock: RunningMock;
  let report: Report;
  beforeAll(async () => {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false });
    graceMock = await startMock({ port: 0, consent: 'auto', desktop: false, config: GRACE_CONFIG });
    const main = await runSuites(defineTarget(targetForMock(mock)), { only: HTTP_AREAS.filter((a) => a !== 'GRACE'), seed: 20260101 });
    const grace = await runSuites(defineTarget(targetForMock(graceMock)), { only: ['GRACE'], seed: 20260101 });
    loopbackMock = await startMock({ port: 0, consent: 'auto', desktop: false, config: LOOPBACK_CONFIG });
    const loopback = await runSuites(defineTarget(targetForMock(loopbackMock)), { only: LOOPBACK_ONLY, seed: 20260101 });
    // The strict mock claims public-client, so its rows of LOOPBACK_ONLY are skips that the loopback mock's rows replace.
    const results = [...main.results.filter((r) => !LOOPBACK_ONLY.includes(r.id)), ...grace.results, ...loopback.results];
    report = { ...main, results, summary: { ...main.summary, skip: results.filter((r) => r.status === 'skip').length } };
  }, 120_000);
  afterAll(async () => {
    await mock?.close();
    await graceMock?.close();
    await loopbackMock?.close();
  });

  for (const req of requirements.filter((r) => HTTP_AREAS.includes(r.area))) {
    it(`${req.id}: passes`, () => {
      const row = report.results.find((r) => r.id === req.id);
      expect(row, `${req.id} has a row`).toBeDefined();
      expect({ id: row?.id, status: row?.status, message: row?.message }).toEqual({ id: req.id, status: 'pass', message: undefined });
      expect(row?.runs).toBeGreaterThan(0);
    });
  }

  it('reports exit code 0 and no skips for a target that names every client', () => {
    expect(report.exitCode).toBe(0);
    expect(report.summary.skip).toBe(0);
  });
});

describe('against the mock under each --defect', () => {
  for (const defect of defects) {
    it(`${defect.breaks.join(', ')}: caught under --defect ${defect.name}`, async () => {
      const config = configFor(defect.breaks);
      const mock = await startMock({ port: 0, consent: 'auto', desktop: false, defects: [defect.name], ...(config ? { config } : {}) });
      try {
        const report = await runSuites(defineTarget(targetForMock(mock)), { only: [...defect.breaks], seed: 7 });
        for (const id of defect.breaks) {
          const row = report.results.find((r) => r.id === id);
          const level = row?.level;
          expect({ id, status: row?.status }).toEqual({ id, status: level === 'SHOULD' ? 'warn' : 'fail' });
          expect(row?.message).toBeTruthy();
          expect(row?.replay).toMatch(new RegExp(`--replay '${id}:7:`));
        }
        const anyMust = defect.breaks.some((id) => report.results.find((r) => r.id === id)?.level === 'MUST');
        expect(report.exitCode).toBe(anyMust ? 1 : 0);
      } finally {
        await mock.close();
      }
    });
  }
});
