/**
 * The mock's notion of time. Every expiry in the mock (codes, tokens, desktop grants, prompts)
 * reads this clock, never Date.now(), so that tests and the control API can move time.
 * One clock is shared by the authorization server and the desktop channel.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the mock sees it. */
  now(): number;
  /** Moves mock time forward; returns the new time. Negative moves are refused. */
  advance(ms: number): number;
  /** Sets the offset from real time to zero (after `reset`). */
  reset(): void;
  /** Called after every move, so that timers (prompt timeouts, SSE expiry events) can react. */
  onChange(listener: (now: number) => void): () => void;
}

/** Real time plus an offset that only grows: moving forward never moves a deadline back. */
export function createClock(realNow: () => number = Date.now): Clock {
  let offset = 0;
  const listeners = new Set<(now: number) => void>();
  const notify = () => {
    const now = realNow() + offset;
    for (const l of listeners) l(now);
  };
  return {
    now: () => realNow() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock moves forward only, by a finite number of ms (got ${ms})`);
      offset += ms;
      notify();
      return realNow() + offset;
    },
    reset() {
      offset = 0;
      notify();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A clock that stands still unless advanced: for unit tests of the core. */
export function createManualClock(start = Date.UTC(2026, 0, 1)): Clock {
  return createClock(() => start);
}
