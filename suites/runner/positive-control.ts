/**
 * The rule that keeps refusals honest, enforced where refusals are asserted: a property may
 * assert that the target refused something only after the target granted something in the same
 * property run — its positive control. A server that refuses everything would otherwise pass
 * every refusal. `expectError`, `expectRefused` and the other refusal helpers call
 * `requireControl`; `positiveControls` and `expectTokens` record a grant. A property that forgets
 * its control fails in the project's own conformant run, naming the rule, before it ships.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RunState {
  granted: boolean;
}

const current = new AsyncLocalStorage<RunState>();

/** Runs one property run (the runner wraps each predicate call in it). */
export function inPropertyRun<T>(fn: () => Promise<T>): Promise<T> {
  return current.run({ granted: false }, fn);
}

/** The target granted a valid request in this property run. */
export function recordGrant(): void {
  const state = current.getStore();
  if (state) state.granted = true;
}

export class MissingPositiveControl extends Error {
  override name = 'MissingPositiveControl';
}

/** Throws unless this property run has seen a grant (outside a property run, e.g. in a unit test, it does nothing). */
export function requireControl(what: string): void {
  const state = current.getStore();
  if (state && !state.granted) {
    throw new MissingPositiveControl(`harness rule: "${what}" asserts a refusal before the target granted anything in this run; call the property's positive control first (suites/oauth/baseline.ts)`);
  }
}
