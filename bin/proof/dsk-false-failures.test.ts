/**
 * Issue 10 §1: a conformant desktop app gets no false FAIL for DSK-3, DSK-8 and DSK-10, and the
 * defects those rows exist for are still caught under the same conditions.
 * - DSK-3: an app whose prompt timer does not follow the target's clock, with a prompt timeout
 *   longer than the suite waits: the timed-out half is SKIPPED with the reason (not "did not
 *   answer"); the denied half still runs.
 * - DSK-8: an app that honours release_client while the integration is off passes.
 * - DSK-10: a clock that the suite moves but that cannot tell its time: activity times are not
 *   judged against the wall clock.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { defineTarget, runSuites, type RequirementResult } from '../../suites/api.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-false-'));
  // A clock module whose moves reach nothing the desktop app runs on.
  writeFileSync(join(dir, 'still-clock.mjs'), 'export async function advance() {}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A clock module that moves the mock's clock but cannot say what time it is (no now()). */
function movingClockModule(issuer: string): string {
  const file = join(dir, `moving-clock-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, `export async function advance(seconds) {
  const res = await fetch(${JSON.stringify(`${issuer}/_mock/clock`)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance_seconds: seconds }) });
  if (!res.ok) throw new Error('clock answered ' + res.status);
}\n`);
  return file;
}

/**
 * A desktop app in front of the mock that answers release_client itself (204), integration on or
 * off, and passes everything else through. It speaks the HTTP dialect (target `protocol: "http"`).
 */
async function releasingProxy(mock: RunningMock, socketPath: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'DELETE') {
      req.resume();
      res.writeHead(204).end();
      return;
    }
    const upstream = request({ socketPath: mock.desktopSocket!, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return server;
}

async function run(opts: { defects?: string[]; clock: (mock: RunningMock) => string; proxy?: boolean; before?: (mock: RunningMock) => void }, only: string): Promise<RequirementResult> {
  const sub = mkdtempSync(join(dir, 'run-'));
  const mock = await startMock({ port: 0, consent: 'auto', defects: opts.defects ?? [], desktop: { socketPath: join(sub, 'app.sock') } });
  const proxy = opts.proxy ? await releasingProxy(mock, join(sub, 'proxy.sock')) : undefined;
  try {
    opts.before?.(mock);
    const target = defineTarget({
      issuer: mock.issuer,
      profiles: ['desktop'],
      desktop: { socket: proxy ? join(sub, 'proxy.sock') : mock.desktopSocket!, ...(proxy ? { protocol: 'http' as const } : {}), account: 'Demo Account', prompts: { mode: 'mock', url: `${mock.issuer}/_mock/desktop` } },
      clock: { mode: 'module', module: opts.clock(mock) },
      timeouts: { request_ms: 1000 },
    });
    const report = await runSuites(target, { only: [only], runs: 2, seed: 3 });
    return report.results.find((r) => r.id === only)!;
  } finally {
    proxy?.closeAllConnections();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await mock.close();
  }
}

const still = () => join(dir, 'still-clock.mjs');

describe('DSK rows without false failures on a conformant app', () => {
  it('DSK-3: a 60 s prompt timer that does not follow the moved clock: the timed-out half SKIPs with the reason, the denied half ran', async () => {
    const row = await run({ clock: still }, 'DSK-3');
    expect(row.status, row.message).toBe('skip');
    expect(row.message).toMatch(/does not follow the target's clock/);
    expect(row.message).toMatch(/denied half .* passed/);
  }, 30_000);

  it('DSK-3: under the same clock, a denial that leaves a session (desktop-denial-grants) still FAILs', async () => {
    const row = await run({ defects: ['desktop-denial-grants'], clock: still }, 'DSK-3');
    expect(row.status, row.message).toBe('fail');
    expect(row.message).toMatch(/denied prompt left a session/);
  }, 30_000);

  it('DSK-8: an app that honours release_client while the integration is off passes', async () => {
    const row = await run({ clock: still, proxy: true }, 'DSK-8');
    expect(row.status, row.message).toBe('pass');
  }, 30_000);

  it('DSK-8: through the same app, requests served with the integration off (desktop-integration-off-ignored) still FAIL', async () => {
    const row = await run({ defects: ['desktop-integration-off-ignored'], clock: still, proxy: true }, 'DSK-8');
    expect(row.status, row.message).toBe('fail');
    expect(row.message).toMatch(/IntegrationDisabled/);
  }, 30_000);

  it("DSK-10: the suite moved the target's clock 3 h and the clock cannot tell its time: activity times are not judged by the wall clock", async () => {
    const row = await run({ clock: (mock) => movingClockModule(mock.issuer), before: (mock) => void mock.clock.advance(3 * 3600 * 1000) }, 'DSK-10');
    expect(row.status, row.message).toBe('pass');
  }, 30_000);

  it('DSK-10: under the same clock, a missing activity log (desktop-no-activity-log) still FAILs', async () => {
    const row = await run({ defects: ['desktop-no-activity-log'], clock: (mock) => movingClockModule(mock.issuer), before: (mock) => void mock.clock.advance(3 * 3600 * 1000) }, 'DSK-10');
    expect(row.status, row.message).toBe('fail');
  }, 30_000);
});
