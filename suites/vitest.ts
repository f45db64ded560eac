/**
 * `conformance(target, options)`: the same properties as `authprobe test`, registered as vitest
 * tests (one describe per area, one it per requirement ID) inside another project's run.
 * A requirement that does not apply, or cannot run against this target, is skipped with the
 * reason; a failing MUST fails its test with the counterexample and the replay hint; a failing
 * SHOULD is reported as an annotation and passes.
 */
import { defineTarget, loadTarget } from './target/load.js';
import type { TargetFile, TargetSpec } from './target/types.js';
import { evaluateRequirement, openRun, type OpenedRun } from './runner/run.js';
import { selectRequirements } from './runner/select.js';
import type { RequirementResult, RunOptions } from './runner/types.js';

// vitest is the caller's test runner: loaded only when this module is, and only needed when
// conformance() is called, so that the rest of authprobe/suites works without it.
const vitest = (await import('vitest').catch(() => undefined)) as typeof import('vitest') | undefined;

export type TargetInput = TargetSpec | TargetFile | string;

export interface ConformanceOptions extends Pick<RunOptions, 'only' | 'runs' | 'seed' | 'profiles' | 'rules' | 'maxWaitSeconds' | 'suites'> {
  /** Per-test timeout in ms (default 60 000). */
  timeout?: number;
}

function toSpec(input: TargetInput): TargetSpec {
  if (typeof input === 'string') return loadTarget(input);
  if ('secrets' in input && 'baseDir' in input) return input;
  return defineTarget(input);
}

function explain(r: RequirementResult): string {
  const lines = [`${r.id} (${r.level}): ${r.message ?? 'failed'}`];
  if (r.counterexample !== undefined) lines.push(`counterexample: ${r.counterexample}`);
  if (r.replay) lines.push(`replay: ${r.replay}`);
  for (const ex of r.exchanges ?? []) lines.push(ex.curl, `  ${ex.answer}`);
  return lines.join('\n');
}

/**
 * Registers the conformance suites. `target` is a target object, a target file path, or a
 * function returning either (called in beforeAll, e.g. after a fixture started a server).
 */
export function conformance(target: TargetInput | (() => TargetInput | Promise<TargetInput>), options: ConformanceOptions = {}): void {
  if (!vitest) throw new Error('conformance() registers vitest tests: install vitest and call it from a test file');
  const { afterAll, beforeAll, describe, it } = vitest;
  const selected = selectRequirements(options.only);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const timeout = options.timeout ?? 60_000;
  let run: OpenedRun | undefined;

  describe('authprobe conformance', () => {
    beforeAll(async () => {
      run = await openRun(toSpec(typeof target === 'function' ? await target() : target), options);
    }, timeout);
    afterAll(async () => {
      await run?.close();
    });

    for (const area of [...new Set(selected.map((r) => r.area))]) {
      describe(area, () => {
        for (const req of selected.filter((r) => r.area === area)) {
          it(`${req.id}: ${req.text}`, async (t) => {
            if (!run) throw new Error('the target was not prepared (see the beforeAll error)');
            const row = await evaluateRequirement(req, run.registry.get(req.id), run.env, {
              seed,
              replayCommand: 'npx authprobe test',
              ...(options.runs !== undefined ? { runs: options.runs } : {}),
            });
            if (row.status === 'skip') t.skip(`${req.id} skipped: ${row.message ?? ''}`);
            if (row.status === 'warn') await t.annotate(explain(row), 'warning');
            if (row.status === 'fail') throw new Error(explain(row));
          }, timeout);
        }
      });
    }
  });
}
