/**
 * The DSK properties catch faults: the mock under each desktop defect fails the requirement(s)
 * the defect declares (a SHOULD as `warn`), with a counterexample and a replay token. Each
 * defect gets its own mock (OAuth server for discovery and `/_mock/clock`, desktop socket and
 * control plane on the same clock). (Here in bin/proof because it joins the mock and the suites.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopDefects, startMock, UnknownDefectError } from '../../mocks/index.js';
import { requirementById } from '../../specs/index.js';
import { defineTarget, runSuites, type Report } from '../../suites/api.js';

async function withDefect(defect: string, only: readonly string[]): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-defect-'));
  const mock = await startMock({ port: 0, consent: 'auto', defects: [defect], desktop: { socketPath: join(dir, 'desktop.sock') } });
  try {
    const target = defineTarget({
      issuer: mock.issuer,
      profiles: ['desktop'],
      desktop: { socket: mock.desktopSocket!, account: 'Demo Account', prompts: { mode: 'mock', url: `${mock.issuer}/_mock/desktop` } },
      clock: { mode: 'mock', url: `${mock.issuer}/_mock/clock` },
      timeouts: { request_ms: 1500 },
    });
    return await runSuites(target, { only: [...only], runs: 3, seed: 424242 });
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('DSK properties against the desktop mock under each defect', () => {
  for (const defect of desktopDefects) {
    it(`${defect.breaks.join(', ')}: ${defect.name} (${defect.summary}) is reported`, async () => {
      const report = await withDefect(defect.name, defect.breaks);
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
    const err = await startMock({ port: 0, defects: ['desktop-nope'], desktop: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownDefectError);
    expect((err as Error).message).toMatch(/desktop-nope.*desktop-no-prompt/);
  });
});
