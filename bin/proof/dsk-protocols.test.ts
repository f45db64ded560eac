/**
 * The desktop channel probed over its real protocol, as a new user would: `authprobe serve` in a
 * process of its own, a desktop-only target file (no issuer) whose prompts are answered by a
 * module, and `authprobe test`. Every DSK requirement passes over the envelope and over the HTTP
 * dialect; under each desktop defect (in-process mocks, for time) the declared IDs fail, over
 * both protocols. (Here in bin/proof because it joins the mock and the suites.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockPromptsModule } from './dsk-prompts.test-support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopDefects, startMock } from '../../mocks/index.js';
import { requirementById, requirements } from '../../specs/index.js';
import { defineTarget, runSuites, type Report } from '../../suites/api.js';
import { runCli, startCli } from './cli.test-support.js';

const PROTOCOLS = ['envelope', 'http'] as const;
const DSK_IDS = requirements.filter((r) => r.area === 'DSK').map((r) => r.id);

/** The app side as UI automation of a real app would drive it; here over the mock's control plane. */
const promptsModule = (control: string) =>
  mockPromptsModule(
    control,
    `export const setIntegration = (enabled) => call('POST', '/integration', { enabled });
export const activity = async () => (await call('GET', '/activity')).activity;
export const accounts = async () => (await call('GET', '/accounts')).accounts;
export const faults = (input) => call('POST', '/scenarios', input);
export const promptTimeoutSeconds = 60;
`,
  );

function desktopOnlyTarget(dir: string, socket: string, issuer: string, protocol: string): Record<string, unknown> {
  writeFileSync(join(dir, 'prompts.mjs'), promptsModule(`${issuer}/_mock/desktop`));
  return {
    profiles: ['desktop'],
    desktop: { socket, protocol, account: 'Demo Account', prompts: { mode: 'module', module: './prompts.mjs' } },
    clock: { mode: 'mock', url: `${issuer}/_mock/clock` },
    timeouts: { request_ms: 2000 },
  };
}

describe('authprobe test, desktop-only target, against authprobe serve', () => {
  let dir: string;
  let serve: Awaited<ReturnType<typeof startCli>>;
  let issuer: string;
  let socket: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-protocols-'));
    serve = await startCli(['serve', '--port', '0', '--desktop-socket', join(dir, 'app.sock')], /desktop socket: \S+/);
    issuer = serve.output().split('\n')[0]!.trim();
    socket = /desktop socket: (\S+)/.exec(serve.output())![1]!;
  }, 120_000);
  afterAll(async () => {
    await serve?.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  for (const protocol of PROTOCOLS) {
    it(`DSK-1..DSK-12 all pass over ${protocol}, with no issuer and prompts from a module`, async () => {
      const file = join(dir, `target-${protocol}.json`);
      writeFileSync(file, JSON.stringify(desktopOnlyTarget(dir, socket, issuer, protocol), null, 2));
      const json = join(dir, `report-${protocol}.json`);
      const run = await runCli(['test', '--config', file, '--runs', '2', '--seed', '7', '--json', json], { timeoutMs: 240_000 });
      const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
      const table = report.results.map((r) => `${r.id} ${r.status} ${r.message ?? ''}`).join('\n');
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(report.target.issuer).toBe(`unix:${socket}`);
      const dsk = report.results.filter((r) => r.id.startsWith('DSK-'));
      expect(dsk.map((r) => r.id).sort()).toEqual([...DSK_IDS].sort());
      for (const r of dsk) expect(r.status, table).toBe('pass');
      // Nothing OAuth was probed: every other requirement is skipped for the profile.
      for (const r of report.results.filter((x) => !x.id.startsWith('DSK-'))) expect(r.status, r.id).toBe('skip');
    }, 300_000);
  }
});

describe('every desktop defect fails its declared IDs, over both protocols', () => {
  for (const defect of desktopDefects) {
    for (const protocol of PROTOCOLS) {
      it(`${defect.breaks.join(', ')}: --defect ${defect.name} over ${protocol}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-proto-defect-'));
        const mock = await startMock({ port: 0, consent: 'auto', defects: [defect.name], desktop: { socketPath: join(dir, 'app.sock') } });
        try {
          const target = defineTarget(desktopOnlyTarget(dir, mock.desktopSocket!, mock.issuer, protocol), { baseDir: dir });
          // One run: the decisive sequences decide the desktop rows on every run.
          const report = await runSuites(target, { only: [...defect.breaks], runs: 1, seed: 424242 });
          for (const id of defect.breaks) {
            const row = report.results.find((r) => r.id === id);
            const want = requirementById(id)?.level === 'SHOULD' ? 'warn' : 'fail';
            expect(row?.status, `${id}: ${row?.message ?? 'no row'}`).toBe(want);
            expect(row?.counterexample, id).toBeDefined();
            expect(row?.replay, id).toContain(`${id}:`);
          }
        } finally {
          await mock.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }, 60_000);
    }
  }
});

describe('DSK-4 under CLI-style terminal scoping (target desktop.scope "terminal")', () => {
  /** `scope`: how the mock scopes grants (set by the module's reset, as a test build of an app would be configured). */
  async function run(scope: 'terminal' | 'process'): Promise<Report> {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-terminal-'));
    const mock = await startMock({ port: 0, consent: 'auto', desktop: { socketPath: join(dir, 'app.sock') } });
    try {
      const file = desktopOnlyTarget(dir, mock.desktopSocket!, mock.issuer, 'envelope');
      writeFileSync(join(dir, 'prompts.mjs'), promptsModule(`${mock.issuer}/_mock/desktop`).replace(
        "await call('PUT', '/policy', { mode: 'manual' });",
        `await call('PUT', '/policy', { mode: 'manual', scope: ${JSON.stringify(scope)} });`,
      ));
      const target = defineTarget({ ...file, desktop: { ...(file.desktop as object), scope: 'terminal' } }, { baseDir: dir });
      return await runSuites(target, { only: ['DSK-4'], runs: 2, seed: 11 });
    } finally {
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.skipIf(process.platform !== 'linux')('DSK-4: a second process of an approved terminal session shares the grant, a process of another session is prompted: PASS against a terminal-scoped app', async () => {
    const row = (await run('terminal')).results.find((r) => r.id === 'DSK-4');
    expect(row?.status, row?.message).toBe('pass');
  }, 120_000);

  it.skipIf(process.platform !== 'linux')('DSK-4: FAIL when the target declares terminal scoping and the app scopes per process', async () => {
    const row = (await run('process')).results.find((r) => r.id === 'DSK-4');
    expect(row?.status).toBe('fail');
    expect(row?.message).toMatch(/same terminal|terminal session/);
  }, 120_000);
});
