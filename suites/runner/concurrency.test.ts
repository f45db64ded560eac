/**
 * `--concurrency`'s scheduler: shared work side by side, the work of one lane one at a time
 * beside it, the work that runs alone after it with nothing beside it. (Runs against the mock:
 * bin/proof/concurrency.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { mayMoveClock, schedule } from './concurrency.js';

describe('schedule', () => {
  it('runs shared work side by side up to the limit, then the work that runs alone, one at a time with nothing beside it', async () => {
    const alone = new Set([1, 4]);
    let inFlight = 0;
    let most = 0;
    const seen: Array<{ i: number; beside: number; mayMove: boolean }> = [];
    await schedule(8, 3, (i) => alone.has(i), async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      seen.push({ i, beside: inFlight - 1, mayMove: mayMoveClock() });
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
    });
    expect(most).toBe(3);
    expect(seen.map((s) => s.i).slice(-2)).toEqual([1, 4]);
    for (const s of seen) expect({ i: s.i, mayMove: s.mayMove }).toEqual({ i: s.i, mayMove: alone.has(s.i) });
    for (const s of seen.filter((x) => alone.has(x.i))) expect(s.beside).toBe(0);
  });

  it('with a limit of 1, runs everything in order, and everything may move the clock', async () => {
    const order: number[] = [];
    await schedule(5, 1, (i) => i === 2, async (i) => { order.push(i); expect(mayMoveClock()).toBe(true); });
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('runs the indexes of one lane one at a time, beside the rest, taking the lane first; alone work still comes last', async () => {
    // 0..9: 2, 5, 6 and 8 in lane "DSK"; 9 alone.
    const lane = (i: number) => ([2, 5, 6, 8].includes(i) ? 'DSK' : undefined);
    let inLane = 0;
    let mostInLane = 0;
    let inFlight = 0;
    let mostBesideLane = 0;
    const started: number[] = [];
    await schedule(10, 3, (i) => i === 9, async (i) => {
      started.push(i);
      inFlight++;
      if (lane(i)) inLane++;
      mostInLane = Math.max(mostInLane, inLane);
      if (inLane > 0) mostBesideLane = Math.max(mostBesideLane, inFlight - inLane);
      await new Promise((r) => setTimeout(r, 10));
      if (lane(i)) inLane--;
      inFlight--;
    }, lane);
    expect(mostInLane).toBe(1);
    expect(mostBesideLane).toBe(2);
    expect(started[0]).toBe(2);
    expect(started.filter((i) => lane(i))).toEqual([2, 5, 6, 8]);
    expect(started.at(-1)).toBe(9);
    expect([...started].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
