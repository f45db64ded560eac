/**
 * Running requirements side by side (`--concurrency N`): against a slow target most of a run is
 * waiting, and independent requirements can wait together. Independent means sharing nothing
 * whose interleaving could change a verdict, so some requirements run alone, after the others:
 * those that move the target's clock (every code and token of a concurrent property would age
 * with it), reset the desktop app, or time races (RACE-*: concurrency of their own). A property
 * that moves the clock without being known to run alone is a harness bug, and says so
 * (`TimeControl.pass` asks `mayMoveClock`).
 *
 * What a run reports does not depend on the interleaving: rows keep catalogue order, each
 * property draws from its own seeded generator, and each records only its own exchanges
 * (`HttpClient.recordingInto`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Requirement } from '../../specs/index.js';
import type { ConformanceProperty } from './types.js';

/** Areas whose properties run alone: the clock, the desktop app's shared state, races. */
const ALONE_AREAS = new Set<string>(['EXP', 'GRACE', 'RACE', 'DSK']);

/** Whether `req` must run with nothing else in flight. */
export function runsAlone(req: Requirement, prop: ConformanceProperty | undefined): boolean {
  return ALONE_AREAS.has(req.area) || prop?.alone === true || (prop?.needs ?? []).some((n) => n.startsWith('time:'));
}

/** Default `--concurrency`: enough to overlap a slow target's latency, few enough for a small server. */
export const DEFAULT_CONCURRENCY = 4;

const sharing = new AsyncLocalStorage<boolean>();

/** False while other requirements may be in flight beside the caller. */
export function mayMoveClock(): boolean {
  return sharing.getStore() !== true;
}

/**
 * Runs `work(i)` for every index: with `concurrency` 1, one after the other in order; else the
 * indexes `alone` rejects in a pool of `concurrency`, then the others one at a time, in order.
 */
export async function schedule(count: number, concurrency: number, alone: (i: number) => boolean, work: (i: number) => Promise<void>): Promise<void> {
  const order = Array.from({ length: count }, (_, i) => i);
  if (concurrency <= 1) {
    for (const i of order) await work(i);
    return;
  }
  const shared = order.filter((i) => !alone(i));
  let next = 0;
  const worker = async () => {
    while (next < shared.length) await sharing.run(true, () => work(shared[next++]!));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, shared.length) }, worker));
  for (const i of order.filter(alone)) await work(i);
}
