/**
 * Mutation testing's test command (`npm run mutate`, stryker/stryker.config.mjs): the
 * conformance suites, run in-process against the mock whose core Stryker has mutated. One
 * vitest test per requirement ID, so per-test coverage lets Stryker run only the requirements
 * whose probes executed a mutant. Not part of `npm test` (the main vitest include does not
 * reach stryker/); run on its own with `npx vitest run --config stryker/vitest.config.ts`.
 *
 * Three mocks: the demo mock with the desktop channel (every area, strict loopback ports); a
 * second one with `loopbackPorts: 'any'` for the RED area under the native-loopback profile,
 * so the RFC 8252 §7.3 port-variance branch of redirect matching is probed too; and a third
 * with a refresh grace window (`rotation.grace_seconds`), so the GRACE rows probe the grace
 * branch of the refresh grant (the demo mock declares none, and they skip there); and a fourth
 * whose confidential client is registered for client_secret_post, so DG-3 and DG-7 probe the
 * body-secret branch of client authentication (every demo confidential client uses Basic).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../mocks/index.js';
import { requirements } from '../specs/index.js';
import { targetForMock } from '../bin/mock-target.js';
import { defineTarget } from '../suites/target/load.js';
import { runSuites } from '../suites/runner/run.js';
import type { TargetSpec } from '../suites/target/types.js';

/** One fixed seed: a mutant is killed or not reproducibly, so incremental reruns stay valid. */
const SEED = Number(process.env.AUTHPROBE_MUTATE_SEED ?? 20260101);

let mock: RunningMock;
let loopbackMock: RunningMock;
let graceMock: RunningMock;
let postMock: RunningMock;
let dir: string;
let target: TargetSpec;
let loopbackTarget: TargetSpec;
let graceTarget: TargetSpec;
let postTarget: TargetSpec;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authprobe-mutate-'));
  mock = await startMock({ port: 0, consent: 'auto', desktop: { socketPath: join(dir, 'desktop.sock') } });
  loopbackMock = await startMock({ port: 0, consent: 'auto', desktop: false, config: { ...mock.config, loopbackPorts: 'any' } });
  target = defineTarget(targetForMock(mock));
  loopbackTarget = defineTarget(targetForMock(loopbackMock));
  graceMock = await startMock({ port: 0, consent: 'auto', desktop: false, config: { ...mock.config, rotation: { grace_seconds: 30 } } });
  graceTarget = defineTarget(targetForMock(graceMock));
  const clients = mock.config.clients.map((c) => (c.client_id === 'demo-confidential' ? { ...c, token_endpoint_auth_method: 'client_secret_post' as const } : c));
  postMock = await startMock({ port: 0, consent: 'auto', desktop: false, config: { ...mock.config, clients } });
  postTarget = defineTarget(targetForMock(postMock));
}, 30_000);

afterAll(async () => {
  await Promise.all([mock?.close(), loopbackMock?.close(), graceMock?.close(), postMock?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function expectPass(t: () => TargetSpec, id: string): Promise<void> {
  const report = await runSuites(t(), { only: [id], seed: SEED });
  const row = report.results.find((r) => r.id === id);
  // A requirement the catalogue has but no suite probes yet, or whose profile the demo target
  // does not claim or configure (e.g. no grace window), kills nothing (its mutants show as survivors); it must not fail the dry run.
  if (row?.status === 'skip' && /^(no property for|profile not claimed|the target declares no)/.test(row.message ?? '')) return;
  expect({ id: row?.id, status: row?.status, message: row?.message }).toEqual({ id, status: 'pass', message: undefined });
  expect(row?.runs).toBeGreaterThan(0);
}

// Test names are matched by Stryker as unanchored regexes: 'DSK-1 passes' must not be a
// substring of another test's name (as 'DSK-1' is of 'DSK-10').
describe('suites against the (mutated) mock', () => {
  for (const req of requirements) {
    it(`${req.id} passes`, () => expectPass(() => target, req.id), 60_000);
  }
});

describe('RED under native-loopback (loopbackPorts: any)', () => {
  for (const req of requirements.filter((r) => r.area === 'RED' && r.profiles.includes('native-loopback'))) {
    it(`${req.id} (native-loopback) passes`, () => expectPass(() => loopbackTarget, req.id), 60_000);
  }
});

describe('GRACE with a refresh grace window (rotation.grace_seconds: 30)', () => {
  for (const req of requirements.filter((r) => r.area === 'GRACE')) {
    it(`${req.id} (grace window) passes`, () => expectPass(() => graceTarget, req.id), 60_000);
  }
});

describe('DG with a confidential client registered for client_secret_post', () => {
  for (const id of ['DG-3', 'DG-7']) {
    it(`${id} (client_secret_post) passes`, () => expectPass(() => postTarget, id), 60_000);
  }
});
