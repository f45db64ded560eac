/**
 * The `desktop` section of the mock config:
 * `{ accounts?: AccountInput[], policy?: {mode, prompt_timeout_seconds}, integration_enabled?, locked? }`.
 * Without `accounts`, the demo accounts are served.
 */
import { buildAccounts, DEMO_ACCOUNTS, DesktopConfigError, type Account } from './vault.js';
import type { ApprovalPolicy, PolicyMode } from './types.js';

export interface DesktopChannelSettings {
  accounts: Account[];
  policy: ApprovalPolicy;
  integrationEnabled: boolean;
  locked: boolean;
}

export const DEFAULT_POLICY: ApprovalPolicy = { mode: 'manual', promptTimeoutSeconds: 60 };
const MODES: readonly PolicyMode[] = ['manual', 'approve', 'deny'];

export function parsePolicy(input: unknown, base: ApprovalPolicy, where = 'policy'): ApprovalPolicy {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DesktopConfigError(`${where} must be an object {mode?: "manual"|"approve"|"deny", prompt_timeout_seconds?: number}`);
  }
  const p = input as Record<string, unknown>;
  const policy = { ...base };
  if (p.mode !== undefined) {
    if (!MODES.includes(p.mode as PolicyMode)) throw new DesktopConfigError(`${where}.mode must be one of ${MODES.join(', ')} (got ${JSON.stringify(p.mode)})`);
    policy.mode = p.mode as PolicyMode;
  }
  if (p.prompt_timeout_seconds !== undefined) {
    const t = p.prompt_timeout_seconds;
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t > 86_400) {
      throw new DesktopConfigError(`${where}.prompt_timeout_seconds must be a number of seconds in (0, 86400] (got ${JSON.stringify(t)})`);
    }
    policy.promptTimeoutSeconds = t;
  }
  return policy;
}

export function parseDesktopConfig(input: unknown): DesktopChannelSettings {
  const c = (input ?? {}) as Record<string, unknown>;
  if (typeof c !== 'object' || Array.isArray(c)) throw new DesktopConfigError('desktop must be an object');
  const flag = (key: string, fallback: boolean) => {
    if (c[key] === undefined) return fallback;
    if (typeof c[key] !== 'boolean') throw new DesktopConfigError(`desktop.${key} must be true or false`);
    return c[key] as boolean;
  };
  return {
    accounts: buildAccounts(c.accounts ?? DEMO_ACCOUNTS),
    policy: c.policy === undefined ? { ...DEFAULT_POLICY } : parsePolicy(c.policy, DEFAULT_POLICY, 'desktop.policy'),
    integrationEnabled: flag('integration_enabled', true),
    locked: flag('locked', false),
  };
}
