/**
 * An authorization prompt: what the app shows before a process gets an account (DSK-1, DSK-2).
 * It names the account, the process, the integration, the scope and the duration.
 */
import { randomBytes } from 'node:crypto';
import type { DesktopError } from './errors.js';
import { HARD_LIMIT_MS, IDLE_LIMIT_MS, type DesktopGrant } from './grant.js';
import type { Account } from './vault.js';
import { processView, type ProcessIdentity, type PromptStatus, type PromptView } from './types.js';

export const PROMPT_SCOPE = 'entire account' as const;
export const PROMPT_DURATION = {
  idle_seconds: IDLE_LIMIT_MS / 1000,
  hard_limit_seconds: HARD_LIMIT_MS / 1000,
  description: 'until 10 minutes pass without use or the app locks, and at most 12 hours',
};

export interface PromptWaiter {
  resolve(grant: DesktopGrant): void;
  reject(error: DesktopError): void;
}

export interface AuthorizationPrompt {
  id: string;
  status: PromptStatus;
  process: ProcessIdentity;
  /** Who the grant will be held by (scope.ts), set when the prompt opens. */
  holder: string;
  account: Account;
  integration: { name: string; version: string };
  createdAt: number;
  deadline: number;
  waiters: Set<PromptWaiter>;
}

export function newPrompt(
  process: ProcessIdentity, account: Account, integration: AuthorizationPrompt['integration'], now: number, timeoutMs: number,
): AuthorizationPrompt {
  return {
    id: randomBytes(16).toString('base64url'),
    status: 'pending',
    process,
    holder: process.key,
    account,
    integration,
    createdAt: now,
    deadline: now + timeoutMs,
    waiters: new Set(),
  };
}

export function promptView(p: AuthorizationPrompt): PromptView {
  return {
    id: p.id,
    status: p.status,
    account: { id: p.account.id, name: p.account.name },
    process: processView(p.process),
    integration: p.integration,
    scope: PROMPT_SCOPE,
    duration: PROMPT_DURATION,
    created_at: new Date(p.createdAt).toISOString(),
    expires_at: new Date(p.deadline).toISOString(),
  };
}
