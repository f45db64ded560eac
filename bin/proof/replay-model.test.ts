/**
 * `--replay` of a failed model-based row reproduces the failure (issue 10 §6): the mock under a
 * defect fails ROT-2, ROT-3 and DSK-6; the replay token printed with each row, run again
 * against the same defect, gives the same FAIL with the same message (but for the tokens and
 * ids the new server issued) and counterexample, and
 * against the conformant mock the same token passes (the replay really runs the property).
 * Model-based properties draw their commands from `ctx.commands`, so the token carries the
 * commands' replay path (`~...`) as well as the seed and path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/index.js';
import fc from 'fast-check';
import { defineTarget, parseReplay, PropertyFailure, runSuites, type AreaSuite, type Replay, type RequirementResult } from '../../suites/api.js';
import { targetForMock } from '../mock-target.js';

async function onMock(defects: string[], run: (target: ReturnType<typeof defineTarget>) => Promise<RequirementResult | undefined>): Promise<RequirementResult | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-replay-'));
  const mock = await startMock({ port: 0, consent: 'auto', defects, desktop: { socketPath: join(dir, 'desktop.sock') } });
  try {
    return await run(defineTarget(targetForMock(mock)));
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The message without what differs between two servers and two runs: issued tokens and ids
 * (long, with a digit), ports, and the DSK run tag that keeps integration names unique.
 */
const shape = (message: string | undefined): string =>
  (message ?? '')
    .replace(/(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}(?:\.[A-Za-z0-9_-]+)*/g, '<issued>')
    // The envelope's numeric clientId is random per init_client (48 bits), like a token.
    .replace(/"clientId":\d+/g, '"clientId":<issued>')
    .replace(/\bclient(?: id)? \d{6,}\b/g, 'client <issued>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/ #[0-9a-f]{12}\b/g, ' #<tag>');

const tokenOf = (row: RequirementResult): string => /--replay '([^']+)'/.exec(row.replay ?? '')?.[1] ?? '';

const cases = [
  { id: 'ROT-2', defect: 'old-refresh-valid', seed: 11 },
  { id: 'ROT-3', defect: 'reuse-keeps-family', seed: 12 },
  { id: 'DSK-6', defect: 'desktop-lock-keeps-sessions', seed: 13 },
] as const;

describe('--replay of model-based failures', () => {
  for (const { id, defect, seed } of cases) {
    it(`${id}: a FAIL under ${defect} replays from its printed token as the same FAIL; the conformant mock passes the replay`, async () => {
      const first = await onMock([defect], async (t) => (await runSuites(t, { only: [id], seed })).results.find((r) => r.id === id));
      expect(first?.status, first?.message).toBe('fail');
      const token = tokenOf(first!);
      // ID:SEED:PATH~COMMANDS: the commands' replay path rides along.
      expect(token, first!.replay).toMatch(new RegExp(`^${id}:${seed}:[\\d:*]*~[A-Za-z0-9+/]*:[A-Za-z0-9+/]*$`));
      const replay: Replay = parseReplay(token);
      expect(replay.commands, token).toBeDefined();

      const again = await onMock([defect], async (t) => (await runSuites(t, { replay })).results.find((r) => r.id === id));
      expect(again?.status, again?.message).toBe('fail');
      expect(shape(again?.message)).toBe(shape(first!.message));
      expect(again?.counterexample).toBe(first!.counterexample);
      expect(again?.runs).toBe(1);

      const control = await onMock([], async (t) => (await runSuites(t, { replay })).results.find((r) => r.id === id));
      expect(control?.status, control?.message).toBe('pass');
    }, 60_000);
  }
});

/**
 * The rows above fail in their decisive sequences, before any generated command runs; this one
 * fails only for some generated command sequences, so its replay depends on the commands'
 * replay path: a model-based property (as ROT-2 would be written) on `ctx.commands` whose
 * failure needs three `reuse` commands after a `refresh`.
 */
class Step implements fc.AsyncCommand<{ refreshed: boolean; reuses: number }, string[]> {
  constructor(readonly kind: 'refresh' | 'reuse' | 'use') {}
  check = () => true;
  async run(m: { refreshed: boolean; reuses: number }, log: string[]): Promise<void> {
    log.push(this.kind);
    if (this.kind === 'refresh') m.refreshed = true;
    if (this.kind === 'reuse' && m.refreshed && ++m.reuses >= 3) throw new PropertyFailure(`three reuses after a refresh: ${log.join(' -> ')}`);
  }
  toString = () => this.kind;
}

const generatedOnly: AreaSuite = {
  area: 'ROT',
  properties: [{
    id: 'ROT-2',
    runs: 200,
    property: (ctx) =>
      ctx.forAll(ctx.commands([fc.constantFrom('refresh', 'reuse', 'use').map((k) => new Step(k as Step['kind']))], { maxCommands: 12 }), async (cmds) => {
        await fc.asyncModelRun(() => ({ model: { refreshed: false, reuses: 0 }, real: [] as string[] }), cmds);
      }),
  }],
};

describe('--replay of a failure only some generated command sequences reach', () => {
  it('ROT-2 (as a model over ctx.commands): the replay token reproduces the shrunk commands and message', async () => {
    const result = await onMock([], async (t) => {
      const first = (await runSuites(t, { suites: [generatedOnly], only: ['ROT-2'], seed: 5 })).results[0]!;
      expect(first.status, first.message).toBe('fail');
      const replay = parseReplay(tokenOf(first));
      expect(replay.commands, first.replay).toBeDefined();
      const again = (await runSuites(t, { suites: [generatedOnly], replay })).results[0]!;
      expect(again.status, again.message).toBe('fail');
      expect(again.message).toBe(first.message);
      expect(again.counterexample).toBe(first.counterexample);
      return first;
    });
    // Shrunk to what the rule needs: a refresh and three reuses.
    expect(result?.message).toMatch(/refresh -> reuse -> reuse -> reuse$/);
  }, 30_000);
});
