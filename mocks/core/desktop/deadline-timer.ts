/**
 * Wakes a callback when mock time reaches the next deadline: on every clock move (the control
 * API or a test advancing it) and by a real timer for time that passes on its own.
 */
import type { Clock } from '../clock.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DeadlineTimer {
  /** Arms the timer for `deadline` (mock ms), or disarms it with null. */
  arm(deadline: number | null): void;
  close(): void;
}

export function createDeadlineTimer(clock: Clock, onDue: () => void): DeadlineTimer {
  let timer: NodeJS.Timeout | undefined;
  const offClock = clock.onChange(() => onDue());
  return {
    arm(deadline) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (deadline === null) return;
      const wait = Math.min(Math.max(0, deadline - clock.now()), MAX_TIMER_MS);
      timer = setTimeout(onDue, wait + 1);
      timer.unref();
    },
    close() {
      if (timer) clearTimeout(timer);
      offClock();
    },
  };
}
