/**
 * The app's settings a person (or a test) changes: approval policy, the "Integrate with other
 * apps" switch (DSK-8), the rate-limit scenario, and reset.
 */
import { emit } from './activity.js';
import { parseDesktopConfig, parsePolicy, parseRateBudget, type RateBudget } from './config.js';
import { DesktopError, integrationDisabled } from './errors.js';
import { endAllGrants } from './grants.js';
import { cancelAll } from './prompts.js';
import type { DesktopState } from './state.js';
import type { ApprovalPolicy, ProcessIdentity } from './types.js';

export function setPolicy(s: DesktopState, input: unknown): ApprovalPolicy {
  s.settings.policy = parsePolicy(input, s.settings.policy);
  const { mode, promptTimeoutSeconds, scope } = s.settings.policy;
  emit(s, { type: 'policy', policy: { mode, prompt_timeout_seconds: promptTimeoutSeconds, scope } });
  return { ...s.settings.policy };
}

/** DSK-8: with the integration off, every request fails; pending prompts end and grants end. */
export function setIntegration(s: DesktopState, enabled: boolean): void {
  s.settings.integrationEnabled = enabled;
  emit(s, { type: 'integration', enabled });
  if (enabled) return;
  cancelAll(s, integrationDisabled);
  endAllGrants(s, 'integration_off');
}

/** What the data plane obeys: under `desktop-integration-off-ignored` the switch does nothing. */
export const serving = (s: DesktopState): boolean => s.settings.integrationEnabled || s.defects.on('desktop-integration-off-ignored'); // defect: breaks DSK-8

/** The next `n` data-plane requests answer 429 RateLimitExceeded (a scenario). */
export function rateLimitNext(s: DesktopState, n: number): void {
  s.rateLimited = Math.max(0, Math.floor(n));
}

/**
 * Spends one data-plane request of `caller`: the rate-limit scenario first, then the configured
 * budget (`desktop.rate_limit`), counted per process in fixed windows of the injected clock.
 */
export function spendRateLimit(s: DesktopState, caller: ProcessIdentity): void {
  if (s.rateLimited > 0) {
    s.rateLimited -= 1;
    throw new DesktopError('RateLimitExceeded', 'too many requests to the desktop app; wait a moment and retry');
  }
  const budget = s.settings.rateBudget;
  if (!budget) return;
  const now = s.clock.now();
  const windowMs = budget.perSeconds * 1000;
  if (now - s.rateWindow.start >= windowMs) s.rateWindow = { start: now, counts: new Map() };
  const used = (s.rateWindow.counts.get(caller.key) ?? 0) + 1;
  s.rateWindow.counts.set(caller.key, used);
  if (used > budget.requests) {
    const wait = Math.max(1, Math.ceil((s.rateWindow.start + windowMs - now) / 1000));
    throw new DesktopError('RateLimitExceeded', `this process made more than ${budget.requests} requests in ${budget.perSeconds} s; retry in ${wait} s`);
  }
}

/** Sets (or, with null, removes) the rate budget; the current window starts over. */
export function setRateBudget(s: DesktopState, input: unknown): RateBudget | null {
  s.settings.rateBudget = parseRateBudget(input);
  s.rateWindow = { start: s.clock.now(), counts: new Map() };
  return s.settings.rateBudget;
}

/** Back to the config's state: no prompts, grants, clients, activity or scenarios. */
export function reset(s: DesktopState): void {
  cancelAll(s, () => new DesktopError('AuthorizationDenied', 'the desktop app was reset while the prompt was open; try again'));
  s.grants.clear();
  s.clients.clear();
  s.clientNumbers.clear();
  s.rateWindow = { start: s.clock.now(), counts: new Map() };
  s.endedByLock = { grants: [], clients: [] };
  s.activity = [];
  s.recent = [];
  s.rateLimited = 0;
  s.settings = parseDesktopConfig(s.config);
  emit(s, { type: 'reset' });
  s.timer.arm(null);
}
