/**
 * DesktopGrant: what an approved prompt gives one process over one account. It ends after
 * 10 minutes without use (each use restarts them: DSK-5), at the 12-hour hard limit however
 * active it is (DSK-12), or when the app locks (DSK-6).
 */
import { randomBytes } from 'node:crypto';
import type { Account } from './vault.js';
import { processView, type ProcessIdentity, type SessionView } from './types.js';

export const IDLE_LIMIT_MS = 10 * 60 * 1000;
export const HARD_LIMIT_MS = 12 * 60 * 60 * 1000;

export interface DesktopGrant {
  id: string;
  /** The process whose approved prompt made the grant. */
  process: ProcessIdentity;
  /** Who holds it: the process's key, or its terminal session's under `terminal` scoping (scope.ts). */
  holder: string;
  account: Account;
  integration: { name: string; version: string };
  grantedAt: number;
  lastUsedAt: number;
}

export const grantKey = (processKey: string, accountId: string) => `${processKey}\u0000${accountId}`;

export function newGrant(process: ProcessIdentity, account: Account, integration: DesktopGrant['integration'], now: number, holder = process.key): DesktopGrant {
  return { id: randomBytes(16).toString('base64url'), process, holder, account, integration, grantedAt: now, lastUsedAt: now };
}

/** Which limits apply; both, except under the defects `desktop-idle-never-expires` / `desktop-no-hard-limit`. */
export interface GrantLimits { idle: boolean; hardLimit: boolean }
const BOTH: GrantLimits = { idle: true, hardLimit: true };

export const idleExpiry = (g: DesktopGrant, limits = BOTH) => (limits.idle ? g.lastUsedAt + IDLE_LIMIT_MS : Infinity);
export const hardExpiry = (g: DesktopGrant, limits = BOTH) => (limits.hardLimit ? g.grantedAt + HARD_LIMIT_MS : Infinity);
/** The next moment the grant ends, or null when no limit applies. */
export const nextExpiry = (g: DesktopGrant, limits = BOTH) => {
  const at = Math.min(idleExpiry(g, limits), hardExpiry(g, limits));
  return Number.isFinite(at) ? at : null;
};

/** Why a grant is over at `now`, or null while it is live (at exactly 10:00 idle it is over). */
export function endReason(g: DesktopGrant, now: number, limits = BOTH): 'idle' | 'hard_limit' | null {
  if (now >= hardExpiry(g, limits)) return 'hard_limit';
  if (now >= idleExpiry(g, limits)) return 'idle';
  return null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function sessionView(g: DesktopGrant, clients: number): SessionView {
  return {
    id: g.id,
    account: { id: g.account.id, name: g.account.name },
    process: processView(g.process),
    integration: g.integration,
    granted_at: iso(g.grantedAt),
    last_used_at: iso(g.lastUsedAt),
    idle_expires_at: iso(g.lastUsedAt + IDLE_LIMIT_MS),
    hard_expires_at: iso(g.grantedAt + HARD_LIMIT_MS),
    clients,
  };
}
