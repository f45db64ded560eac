/**
 * The DSK properties catch faults: the desktop mock under each desktop defect fails the
 * requirement(s) the defect declares (a SHOULD as `warn`). Each defect gets its own desktop
 * server (with its control plane on a loopback server of this test) on the clock of an OAuth
 * mock that serves discovery and `/_mock/clock`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../mocks/core/clock.js';
import { desktopDefects, UnknownDesktopDefectError } from '../../mocks/core/desktop/defects.js';
import { startDesktopServer } from '../../mocks/http/desktop/server.js';
import { startMock } from '../../mocks/index.js';
import { requirementById } from '../../specs/index.js';
import { runSuites } from '../runner/run.js';
import { defineTarget } from '../target/load.js';

async function withDefect<T>(defect: string, body: (target: ReturnType<typeof defineTarget>) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-defect-'));
  const clock = createClock();
  const mock = await startMock({ port: 0, consent: 'auto', clock, desktop: false });
  const desktop = (await startDesktopServer({ clock, socketPath: join(dir, 'desktop.sock'), defects: [defect] }))!;
  const control: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!(await desktop.controlRoute.handle(req, res, url))) res.writeHead(404).end();
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
  const port = (control.address() as { port: number }).port;
  try {
    return await body(defineTarget({
      issuer: mock.issuer,
      profiles: ['desktop'],
      desktop: { socket: desktop.socketPath, account: 'Demo Account', prompts: { mode: 'mock', url: `http://127.0.0.1:${port}/_mock/desktop` } },
      clock: { mode: 'mock', url: `${mock.issuer}/_mock/clock` },
      timeouts: { request_ms: 1500 },
    }));
  } finally {
    await desktop.close();
    control.closeAllConnections();
    await new Promise<void>((r) => control.close(() => r()));
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('DSK properties against the desktop mock under each defect', () => {
  for (const defect of desktopDefects) {
    it(`${defect.breaks.join(', ')}: ${defect.name} (${defect.summary}) is reported`, async () => {
      const report = await withDefect(defect.name, (target) => runSuites(target, { only: [...defect.breaks], runs: 3, seed: 424242 }));
      for (const id of defect.breaks) {
        const row = report.results.find((r) => r.id === id);
        const want = requirementById(id)?.level === 'SHOULD' ? 'warn' : 'fail';
        expect(row?.status, `${id}: ${row?.message ?? 'no row'}`).toBe(want);
        expect(row?.counterexample, id).toBeDefined();
        expect(row?.replay, id).toContain(`${id}:`);
      }
    }, 30_000);
  }

  it('DSK-1..DSK-12: every DSK requirement has a defect that breaks it', () => {
    const covered = new Set(desktopDefects.flatMap((d) => d.breaks));
    for (let i = 1; i <= 12; i++) expect(covered.has(`DSK-${i}` as never), `DSK-${i}`).toBe(true);
  });

  it('DSK: an unknown desktop defect name is refused with the valid names', async () => {
    const err = await startDesktopServer({ clock: createClock(), socketPath: join(tmpdir(), `authprobe-none-${process.pid}.sock`), defects: ['desktop-nope'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownDesktopDefectError);
    expect((err as Error).message).toMatch(/desktop-nope.*desktop-no-prompt/);
  });
});
