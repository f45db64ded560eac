/**
 * Decisive sequences: the small set of cases that decide a stateful requirement (revoke the
 * first, a middle and the latest token; use at 9:59 and at 10:00), run in full so that a defect
 * they expose is caught on every seed, not only on lucky ones.
 */
import { PropertyFailure } from './failure.js';

export interface DecisiveSequence<T> {
  name: string;
  run: (arg: T) => Promise<void>;
}

/**
 * Runs the sequences until they have all passed once in this suite run: the first run of the
 * property runs them all, and so does every later run — shrinking and `--replay` included —
 * while they fail. A failure names the sequence.
 */
export function decisiveOnce<T>(sequences: ReadonlyArray<DecisiveSequence<T>>): (arg: T) => Promise<void> {
  let passed = false;
  return async (arg) => {
    if (passed) return;
    for (const seq of sequences) {
      try {
        await seq.run(arg);
      } catch (err) {
        if (err instanceof PropertyFailure) err.message = `decisive sequence "${seq.name}": ${err.message}`;
        throw err;
      }
    }
    passed = true;
  };
}
