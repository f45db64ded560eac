/** The clock's work: ends prompts and grants whose time is up; runs on every clock move and timer. */
import { endGrant } from './grants.js';
import { endReason } from './grant.js';
import { expirePrompts } from './prompts.js';
import { rearm, type DesktopState } from './state.js';

export function sweep(s: DesktopState): void {
  const now = s.clock.now();
  expirePrompts(s, now);
  for (const g of [...s.grants.values()]) {
    const reason = endReason(g, now, s.limits);
    if (reason) endGrant(s, g, reason);
  }
  rearm(s);
}
