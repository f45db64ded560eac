/**
 * What the app tells the world: the event feed (prompt, approval, lock, expiry, ...; read by the
 * dashboard and the SSE stream) and the activity log of authorized commands (DSK-10).
 */
import type { DesktopError } from './errors.js';
import type { DesktopGrant } from './grant.js';
import type { DesktopState } from './state.js';
import { processView, type ActivityEntry, type DesktopEvent } from './types.js';

const ACTIVITY_LIMIT = 1000;
const RECENT_EVENTS = 100;

export function subscribe(s: DesktopState, listener: (e: DesktopEvent) => void): () => void {
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

export function emit(s: DesktopState, e: Omit<DesktopEvent, 'time'>): void {
  const event = { ...e, time: new Date(s.clock.now()).toISOString() } as DesktopEvent;
  s.recent.push(event);
  if (s.recent.length > RECENT_EVENTS) s.recent.shift();
  for (const l of s.listeners) {
    try { l(event); } catch { /* a failing listener must not break the channel */ }
  }
}

/** DSK-10: command, time, process, account. */
export function record(s: DesktopState, g: DesktopGrant, command: string, error: DesktopError | null): void {
  if (s.defects.on('desktop-no-activity-log')) return; // defect: breaks DSK-10
  const entry: ActivityEntry = {
    time: new Date(s.clock.now()).toISOString(),
    command,
    process: processView(g.process),
    account: { id: g.account.id, name: g.account.name },
    integration: g.integration,
    outcome: error ? 'error' : 'ok',
    ...(error ? { error: error.name } : {}),
  };
  s.activity.push(entry);
  if (s.activity.length > ACTIVITY_LIMIT) s.activity.splice(0, s.activity.length - ACTIVITY_LIMIT);
  emit(s, { type: 'activity', activity: entry });
}
