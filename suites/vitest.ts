/**
 * `conformance(target, options)`: the same properties as `authprobe test`, registered as vitest
 * tests (one describe per area, one it per requirement ID) inside another project's run.
 * A requirement that does not apply, or cannot run against this target, is skipped with the
 * reason; a failing MUST fails its test with the counterexample and the replay hint; a failing
 * SHOULD is reported as an annotation and passes.
 */
import type { Profile } from '../specs/index.js';
import { HttpClient } from './http/client.js';
import { defineTarget, loadTarget } from './target/load.js';
import { prepareTarget } from './target/prepare.js';
import type { Target, TargetFile, TargetSpec } from './target/types.js';
import { allSuites } from './runner/registry.js';
import { evaluateRequirement } from './runner/run.js';
import { selectRequirements } from './runner/select.js';
import { TimeControl } from './runner/time.js';
import type { ConformanceProperty, RequirementResult, RunOptions } from './runner/types.js';

// vitest is the caller's test runner: loaded only when this module is, and only needed when
// conformance() is called, so that the rest of authprobe/suites works without it.
const vitest = (await import('vitest').catch(() => undefined)) as typeof import('vitest') | undefined;

export type TargetInput = TargetSpec | TargetFile | string;

export interface ConformanceOptions extends Pick<RunOptions, 'only' | 'runs' | 'seed' | 'profiles' | 'maxWaitSeconds' | 'suites'> {
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
  const registry = new Map<string, ConformanceProperty>();
  for (const suite of options.suites ?? allSuites) for (const p of suite.properties) registry.set(p.id, p);
  const selected = selectRequirements(options.only);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const timeout = options.timeout ?? 60_000;
  let env: { target: Target; http: HttpClient; time: TimeControl; profiles: Profile[] } | undefined;

  describe('authprobe conformance', () => {
    beforeAll(async () => {
      const spec = toSpec(typeof target === 'function' ? await target() : target);
      const http = new HttpClient({ timeoutMs: spec.timeouts?.request_ms ?? 5_000, secrets: spec.secrets });
      const profiles = options.profiles?.length ? options.profiles : spec.profiles;
      try {
        const prepared = await prepareTarget(spec, http, profiles);
        env = { target: prepared, http, time: new TimeControl(prepared, options.maxWaitSeconds ?? 10), profiles };
      } catch (err) {
        await http.close();
        throw err;
      }
    }, timeout);
    afterAll(async () => {
      await env?.http.close();
    });

    for (const area of [...new Set(selected.map((r) => r.area))]) {
      describe(area, () => {
        for (const req of selected.filter((r) => r.area === area)) {
          it(`${req.id}: ${req.text}`, async (t) => {
            if (!env) throw new Error('the target was not prepared (see the beforeAll error)');
            const row = await evaluateRequirement(req, registry.get(req.id), env, {
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
