/**
 * The desktop app's state as one plain object, like the OAuth core's CoreContext + Store: the
 * modules beside it (prompts, grants, clients, switches, activity) are functions over it, and
 * channel.ts bundles them for adapters. Time comes only from the injected clock.
 */
import type { Clock } from '../clock.js';
import type { DefectSet } from '../defects.js';
import { parseDesktopConfig, type DesktopChannelSettings } from './config.js';
import type { DeadlineTimer } from './deadline-timer.js';
import { nextExpiry, type DesktopGrant, type GrantLimits } from './grant.js';
import type { AuthorizationPrompt } from './prompt.js';
import type { ActivityEntry, DesktopEvent } from './types.js';

/**
 * A client id handed to one process, pointing at the grant it was issued under. `number` is the
 * same client as the real channel's envelope names it (a numeric `clientId`).
 */
export interface DesktopClientRecord { id: string; number: number; processKey: string; grantKey: string; grantId: string }

export interface DesktopState {
  readonly clock: Clock;
  readonly defects: DefectSet;
  /** Which expiries apply (the DSK-5 and DSK-12 defects switch them off). */
  readonly limits: GrantLimits;
  /** The config as given, for `reset`. */
  readonly config: unknown;
  settings: DesktopChannelSettings;
  readonly prompts: Map<string, AuthorizationPrompt>;
  /** By grantKey(process, account). */
  readonly grants: Map<string, DesktopGrant>;
  readonly clients: Map<string, DesktopClientRecord>;
  /** Client id by its number (the envelope's numeric clientId). */
  readonly clientNumbers: Map<number, string>;
  /** Requests per process in the current rate-budget window (settings.rateBudget). */
  rateWindow: { start: number; counts: Map<string, number> };
  activity: ActivityEntry[];
  readonly listeners: Set<(e: DesktopEvent) => void>;
  recent: DesktopEvent[];
  /** Data-plane requests still to answer RateLimitExceeded (a scenario). */
  rateLimited: number;
  /** Fires at the next prompt or grant deadline; set once the state exists. */
  timer: DeadlineTimer;
  /** Grants and clients a lock ended, kept only under `desktop-unlock-revives`. */
  endedByLock: { grants: DesktopGrant[]; clients: DesktopClientRecord[] };
}

export function createDesktopState(clock: Clock, config: unknown, defects: DefectSet): DesktopState {
  return {
    clock,
    defects,
    limits: { idle: !defects.on('desktop-idle-never-expires'), hardLimit: !defects.on('desktop-no-hard-limit') }, // defect: breaks DSK-5, DSK-12
    config,
    settings: parseDesktopConfig(config),
    prompts: new Map(),
    grants: new Map(),
    clients: new Map(),
    clientNumbers: new Map(),
    rateWindow: { start: clock.now(), counts: new Map() },
    activity: [],
    listeners: new Set(),
    recent: [],
    rateLimited: 0,
    timer: { arm: () => {}, close: () => {} },
    endedByLock: { grants: [], clients: [] },
  };
}

/** The earliest prompt or grant deadline, or null when nothing is waiting to expire. */
export function nextDeadline(s: DesktopState): number | null {
  let next: number | null = null;
  for (const p of s.prompts.values()) next = next === null ? p.deadline : Math.min(next, p.deadline);
  for (const g of s.grants.values()) {
    const at = nextExpiry(g, s.limits);
    if (at !== null) next = next === null ? at : Math.min(next, at);
  }
  return next;
}

export const rearm = (s: DesktopState): void => s.timer.arm(nextDeadline(s));
