/**
 * The prompts-module interface (suites/dsk/prompts.ts): a module that drives the app side — here a small
 * .mjs over the mock's control plane, as UI automation would drive a real app — serves the
 * DSK properties like the control plane does; what it lacks makes exactly those requirements
 * SKIP with the reason. (Here in bin/proof because it joins the mock and the suites.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockPromptsModule } from './dsk-prompts.test-support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { defineTarget, runSuites, type RequirementResult } from '../../suites/api.js';

let mock: RunningMock;
let dir: string;

const fullModule = (control: string) =>
  mockPromptsModule(
    control,
    `export const accounts = ['Demo Account', 'Work Account'];
export const promptTimeoutSeconds = 60;
`,
  );

/** A robot that can only press Approve on whatever prompt shows next. */
const approveOnlyModule = (control: string) => `
const control = ${JSON.stringify(control)};
export async function reset() {
  await fetch(control + '/reset', { method: 'POST' });
  await fetch(control + '/policy', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"mode":"manual"}' });
}
export async function approveNext() {
  for (let i = 0; i < 200; i++) {
    const { prompts } = await (await fetch(control + '/prompts')).json();
    if (prompts[0]) { await fetch(control + '/prompts/' + prompts[0].id + '/approve', { method: 'POST' }); return; }
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error('no prompt showed');
}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-module-'));
  mock = await startMock({ port: 0, consent: 'auto', desktop: { socketPath: join(dir, 'desktop.sock') } });
  writeFileSync(join(dir, 'prompts.mjs'), fullModule(`${mock.issuer}/_mock/desktop`));
  writeFileSync(join(dir, 'robot.mjs'), approveOnlyModule(`${mock.issuer}/_mock/desktop`));
});

afterAll(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = (module: string) =>
  defineTarget(
    {
      issuer: mock.issuer,
      profiles: ['desktop'],
      desktop: { socket: mock.desktopSocket!, account: 'Demo Account', prompts: { mode: 'module', module } },
      clock: { mode: 'mock', url: `${mock.issuer}/_mock/clock` },
      timeouts: { request_ms: 2000 },
    },
    { baseDir: dir },
  );

const rows = (results: RequirementResult[]) => new Map(results.map((r) => [r.id, r]));
const table = (results: RequirementResult[]) => results.map((r) => `${r.id} ${r.status} ${r.message ?? ''}`).join('\n');

describe('DSK prompts module', () => {
  it('DSK-1, DSK-2, DSK-3, DSK-6, DSK-11: a module with nextPrompt/answer/reset/lock/unlock serves them; DSK-8, DSK-9, DSK-10 SKIP with the missing export', async () => {
    const report = await runSuites(target('./prompts.mjs'), { only: ['DSK-1', 'DSK-2', 'DSK-3', 'DSK-6', 'DSK-8', 'DSK-9', 'DSK-10', 'DSK-11'], runs: 2, seed: 5 });
    const by = rows(report.results);
    for (const id of ['DSK-1', 'DSK-2', 'DSK-3', 'DSK-6', 'DSK-11'] as const) expect(by.get(id)?.status, table(report.results)).toBe('pass');
    expect(by.get('DSK-8')?.message).toMatch(/setIntegration/);
    expect(by.get('DSK-9')?.message).toMatch(/mock/);
    expect(by.get('DSK-10')?.message).toMatch(/activity\(\)/);
    for (const id of ['DSK-8', 'DSK-9', 'DSK-10'] as const) expect(by.get(id)?.status).toBe('skip');
  }, 30_000);

  it('DSK-1, DSK-2: an approve-only robot serves DSK-1; DSK-2 and DSK-3 SKIP (prompt contents unseen, no deny)', async () => {
    const report = await runSuites(target('./robot.mjs'), { only: ['DSK-1', 'DSK-2', 'DSK-3'], runs: 2, seed: 5 });
    const by = rows(report.results);
    expect(by.get('DSK-1')?.status, table(report.results)).toBe('pass');
    expect(by.get('DSK-2')?.status).toBe('skip');
    expect(by.get('DSK-2')?.message).toMatch(/nextPrompt/);
    expect(by.get('DSK-3')?.status).toBe('skip');
  }, 30_000);
});
