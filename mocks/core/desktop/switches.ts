/**
 * The app's settings a person (or a test) changes: approval policy, the "Integrate with other
 * apps" switch (DSK-8), the rate-limit scenario, and reset.
 */
import { emit } from './activity.js';
import { parseDesktopConfig, parsePolicy } from './config.js';
import { DesktopError, integrationDisabled } from './errors.js';
import { endAllGrants } from './grants.js';
import { cancelAll } from './prompts.js';
import type { DesktopState } from './state.js';
import type { ApprovalPolicy } from './types.js';

export function setPolicy(s: DesktopState, input: unknown): ApprovalPolicy {
  s.settings.policy = parsePolicy(input, s.settings.policy);
  const { mode, promptTimeoutSeconds } = s.settings.policy;
  emit(s, { type: 'policy', policy: { mode, prompt_timeout_seconds: promptTimeoutSeconds } });
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

export function spendRateLimit(s: DesktopState): void {
  if (s.rateLimited <= 0) return;
  s.rateLimited -= 1;
  throw new DesktopError('RateLimitExceeded', 'too many requests to the desktop app; wait a moment and retry');
}

/** Back to the config's state: no prompts, grants, clients, activity or scenarios. */
export function reset(s: DesktopState): void {
  cancelAll(s, () => new DesktopError('AuthorizationDenied', 'the desktop app was reset while the prompt was open; try again'));
  s.grants.clear();
  s.clients.clear();
  s.endedByLock = { grants: [], clients: [] };
  s.activity = [];
  s.recent = [];
  s.rateLimited = 0;
  s.settings = parseDesktopConfig(s.config);
  emit(s, { type: 'reset' });
  s.timer.arm(null);
}
