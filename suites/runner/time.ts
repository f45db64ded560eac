/**
 * Passing time on the target: move its clock when it has one, else wait out a lifetime short
 * enough to wait for. Properties ask `canPass` first and skip with `whyNot` otherwise.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Target } from '../target/types.js';
import { mayMoveClock } from './concurrency.js';

export type Lifetime = 'code' | 'access_token' | 'refresh_token';

export class TimeControl {
  constructor(
    private readonly target: Target,
    readonly maxWaitSeconds: number,
  ) {}

  get hasClock(): boolean {
    return this.target.clock !== undefined;
  }

  /** The declared lifetime from the target's ttl hints. */
  declared(kind: Lifetime): number | undefined {
    return this.target.spec.ttl?.[kind];
  }

  /** Undefined when `seconds` of target time can pass; else the reason it cannot. */
  whyNot(kind: Lifetime, seconds = this.declared(kind)): string | undefined {
    if (this.hasClock) return undefined;
    if (seconds === undefined) return `the target has no clock and declares no ttl.${kind} to wait out`;
    if (seconds > this.maxWaitSeconds) {
      return `the target has no clock and ttl.${kind} (${seconds} s) is longer than the ${this.maxWaitSeconds} s the suite waits`;
    }
    return undefined;
  }

  async pass(seconds: number): Promise<void> {
    if (this.target.clock && !mayMoveClock()) {
      // Every code and token of the properties running beside this one would age too.
      throw new Error('harness rule: a property moved the clock while other requirements run beside it; mark it `alone: true` (suites/runner/concurrency.ts)');
    }
    if (this.target.clock) await this.target.clock.advance(seconds);
    else await sleep(seconds * 1000);
  }

  /** Target time in ms when its clock can tell, else local time. */
  async now(): Promise<number> {
    return (await this.target.clock?.now?.()) ?? Date.now();
  }
}
