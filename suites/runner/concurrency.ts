/**
 * Running requirements side by side (`--concurrency`): against a slow target most of a run is
 * waiting, and independent requirements can wait together. Independent means sharing nothing
 * whose interleaving could change a verdict, so:
 * - some requirements run alone, after the others: those that move the target's clock (every
 *   code and token of a concurrent property would age with it) or time races (RACE-*:
 *   concurrency of their own);
 * - the desktop requirements share one app (its sessions, switches, lock and faults), so they
 *   run one at a time in a lane of their own, beside the OAuth requirements, which reach the
 *   app through none of that. Those that move the clock (DSK-3, -4, -5, -6, -11, -12) are
 *   marked `alone` and still run alone.
 * A property that moves the clock without being known to run alone is a harness bug, and says
 * so (`TimeControl.pass` asks `mayMoveClock`).
 *
 * What a run reports does not depend on the interleaving: rows keep catalogue order, each
 * property draws from its own seeded generator, and each records only its own exchanges
 * (`HttpClient.recordingInto`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Requirement } from '../../specs/index.js';
import type { ConformanceProperty } from './types.js';

/** Areas whose properties run alone: the clock, races. */
const ALONE_AREAS = new Set<string>(['EXP', 'GRACE', 'RACE']);
/** Areas whose properties share state with each other only: one at a time, beside the rest. */
const LANE_AREAS = new Set<string>(['DSK']);

/** Whether `req` must run with nothing else in flight. */
export function runsAlone(req: Requirement, prop: ConformanceProperty | undefined): boolean {
  return ALONE_AREAS.has(req.area) || prop?.alone === true || (prop?.needs ?? []).some((n) => n.startsWith('time:'));
}

/** The lane `req` runs in (one at a time within it), or undefined: no lane. */
export function laneOf(req: Requirement): string | undefined {
  return LANE_AREAS.has(req.area) ? req.area : undefined;
}

/** Default `--concurrency`: enough to overlap a slow target's latency, few enough for a small server. */
export const DEFAULT_CONCURRENCY = 8;

const sharing = new AsyncLocalStorage<boolean>();

/** False while other requirements may be in flight beside the caller. */
export function mayMoveClock(): boolean {
  return sharing.getStore() !== true;
}

/**
 * Runs `work(i)` for every index: with `concurrency` 1, one after the other in order; else the
 * indexes `alone` rejects in a pool of `concurrency`, then the others one at a time, in order.
 * In the pool, indexes of one `lane` run one at a time, and a lane's next index is taken before
 * any index outside a lane: a lane is serial, so it is the run's critical path.
 */
export async function schedule(
  count: number,
  concurrency: number,
  alone: (i: number) => boolean,
  work: (i: number) => Promise<void>,
  lane: (i: number) => string | undefined = () => undefined,
): Promise<void> {
  const order = Array.from({ length: count }, (_, i) => i);
  if (concurrency <= 1) {
    for (const i of order) await work(i);
    return;
  }
  const shared = order.filter((i) => !alone(i));
  const pending = [...shared.filter((i) => lane(i) !== undefined), ...shared.filter((i) => lane(i) === undefined)];
  const busy = new Set<string>();
  let waiting: Array<() => void> = [];
  const worker = async () => {
    for (;;) {
      const k = pending.findIndex((i) => {
        const l = lane(i);
        return l === undefined || !busy.has(l);
      });
      if (k < 0) {
        if (pending.length === 0) return;
        await new Promise<void>((wake) => waiting.push(wake)); // every pending index is in a busy lane
        continue;
      }
      const i = pending.splice(k, 1)[0]!;
      const l = lane(i);
      if (l !== undefined) busy.add(l);
      try {
        await sharing.run(true, () => work(i));
      } finally {
        if (l !== undefined) busy.delete(l);
        const wake = waiting;
        waiting = [];
        for (const w of wake) w();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, shared.length) }, worker));
  for (const i of order.filter(alone)) await work(i);
}
