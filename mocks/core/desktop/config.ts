/**
 * The `desktop` section of the mock config:
 * `{ accounts?: AccountInput[], policy?: {mode, prompt_timeout_seconds, scope}, integration_enabled?, locked?,
 *    rate_limit?: {requests, per_seconds} }`.
 * Without `accounts`, the demo accounts are served.
 */
import { buildAccounts, DEMO_ACCOUNTS, DesktopConfigError, type Account } from './vault.js';
import type { ApprovalPolicy, GrantScope, PolicyMode } from './types.js';

export interface DesktopChannelSettings {
  accounts: Account[];
  policy: ApprovalPolicy;
  integrationEnabled: boolean;
  locked: boolean;
  /** RateLimitExceeded past `requests` data-plane requests per process in `perSeconds`; null = no budget. */
  rateBudget: RateBudget | null;
}

export interface RateBudget { requests: number; perSeconds: number }

export const DEFAULT_POLICY: ApprovalPolicy = { mode: 'manual', promptTimeoutSeconds: 60, scope: 'process' };
const MODES: readonly PolicyMode[] = ['manual', 'approve', 'deny'];
const SCOPES: readonly GrantScope[] = ['process', 'terminal'];

export function parsePolicy(input: unknown, base: ApprovalPolicy, where = 'policy'): ApprovalPolicy {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DesktopConfigError(`${where} must be an object {mode?: "manual"|"approve"|"deny", prompt_timeout_seconds?: number, scope?: "process"|"terminal"}`);
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
  if (p.scope !== undefined) {
    if (!SCOPES.includes(p.scope as GrantScope)) throw new DesktopConfigError(`${where}.scope must be one of ${SCOPES.join(', ')} (got ${JSON.stringify(p.scope)})`);
    policy.scope = p.scope as GrantScope;
  }
  return policy;
}

/** `{requests, per_seconds}`: at most `requests` data-plane requests per process in any `per_seconds` window. */
export function parseRateBudget(input: unknown, where = 'rate_limit'): RateBudget | null {
  if (input === null || input === false) return null;
  const o = input as Record<string, unknown>;
  const whole = (v: unknown, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
  if (typeof o !== 'object' || Array.isArray(o) || !whole(o.requests, 1_000_000) || !whole(o.per_seconds, 86_400)
    || Object.keys(o).some((k) => k !== 'requests' && k !== 'per_seconds')) {
    throw new DesktopConfigError(`${where} must be {"requests": 1..1000000, "per_seconds": 1..86400}, or null for no budget`);
  }
  return { requests: o.requests as number, perSeconds: o.per_seconds as number };
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
    rateBudget: c.rate_limit === undefined ? null : parseRateBudget(c.rate_limit, 'desktop.rate_limit'),
  };
}
