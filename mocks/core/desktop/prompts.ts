/**
 * The prompts the app shows (DSK-1, DSK-2, DSK-3): opened by `init_client` without a live grant,
 * answered by the user (approve, deny), by the policy, by the clock (timeout) or by the caller
 * hanging up (cancel). Each settles the init_client requests waiting on it.
 */
import { emit } from './activity.js';
import { DesktopError } from './errors.js';
import { grantKey, newGrant, sessionView, type DesktopGrant } from './grant.js';
import { unlock } from './lock.js';
import { newPrompt, promptView, type AuthorizationPrompt } from './prompt.js';
import { holderOf } from './scope.js';
import { rearm, type DesktopState } from './state.js';
import type { ProcessIdentity, PromptView } from './types.js';
import type { Account } from './vault.js';

/** More pending prompts than this from one process is prompt flooding: RateLimitExceeded. */
const PENDING_PROMPTS_PER_PROCESS = 5;

const hungUpError = () => new DesktopError('AuthorizationDenied', 'the caller hung up before the prompt was answered');

export function promptViews(s: DesktopState): PromptView[] {
  const views = [...s.prompts.values()].map(promptView);
  if (!s.defects.on('desktop-prompt-missing-fields')) return views; // defect: breaks DSK-2
  return views.map(({ scope: _scope, duration: _duration, integration, ...rest }) => ({ ...rest, integration: { name: integration.name } }) as unknown as PromptView);
}

/**
 * Opens (or joins) the caller's prompt for `account` and waits for its answer. `signal` aborts
 * the wait when the caller hangs up; the last waiter gone cancels the prompt.
 */
export function ask(
  s: DesktopState, caller: ProcessIdentity, account: Account, integration: { name: string; version: string }, signal?: AbortSignal,
): Promise<DesktopGrant> {
  const { mode, promptTimeoutSeconds } = s.settings.policy;
  const holder = holderOf(s, caller);
  let prompt = [...s.prompts.values()].find((p) => p.process.key === caller.key && p.account.id === account.id);
  if (!prompt) {
    const pendingOfCaller = [...s.prompts.values()].filter((p) => p.process.key === caller.key).length;
    if (pendingOfCaller >= PENDING_PROMPTS_PER_PROCESS) {
      throw new DesktopError('RateLimitExceeded', `this process already has ${pendingOfCaller} open prompts; answer them before asking again`);
    }
    prompt = newPrompt(caller, account, integration, s.clock.now(), promptTimeoutSeconds * 1000);
    prompt.holder = holder;
    s.prompts.set(prompt.id, prompt);
    emit(s, { type: 'prompt', prompt: promptView(prompt) });
  }
  const p = prompt;
  const answer = new Promise<DesktopGrant>((resolve, reject) => {
    const waiter = { resolve, reject };
    p.waiters.add(waiter);
    const hungUp = () => {
      p.waiters.delete(waiter);
      reject(hungUpError());
      if (p.waiters.size === 0 && s.prompts.get(p.id) === p) {
        s.prompts.delete(p.id);
        settle(s, p, 'cancelled', hungUpError());
      }
    };
    if (signal?.aborted) queueMicrotask(hungUp);
    else signal?.addEventListener('abort', hungUp, { once: true });
  });
  if (mode === 'approve') approve(s, p.id);
  else if (mode === 'deny') deny(s, p.id);
  else rearm(s);
  return answer;
}

function take(s: DesktopState, id: string): AuthorizationPrompt | undefined {
  const p = s.prompts.get(id);
  if (p) s.prompts.delete(id);
  return p;
}

/** Approves a pending prompt; approving while locked unlocks the app (DESKTOP.md). */
export function approve(s: DesktopState, promptId: string): PromptView | undefined {
  const p = take(s, promptId);
  if (!p) return undefined;
  if (s.settings.locked) unlock(s);
  const grant = newGrant(p.process, p.account, p.integration, s.clock.now(), p.holder);
  s.grants.set(grantKey(p.holder, p.account.id), grant);
  p.status = 'approved';
  emit(s, { type: 'approval', prompt: promptView(p), session: sessionView(grant, 0) });
  for (const w of p.waiters) w.resolve(grant);
  rearm(s);
  return promptView(p);
}

export function deny(s: DesktopState, promptId: string): PromptView | undefined {
  const p = take(s, promptId);
  if (!p) return undefined;
  if (s.defects.on('desktop-denial-grants')) s.grants.set(grantKey(p.holder, p.account.id), newGrant(p.process, p.account, p.integration, s.clock.now(), p.holder)); // defect: breaks DSK-3
  settle(s, p, 'denied', new DesktopError('AuthorizationDenied', `the user denied ${p.integration.name} access to the account ${JSON.stringify(p.account.name)}`));
  return promptView(p);
}

/** Ends every pending prompt with `error` (integration off, reset). */
export function cancelAll(s: DesktopState, error: () => DesktopError): void {
  for (const p of [...s.prompts.values()]) {
    s.prompts.delete(p.id);
    settle(s, p, 'cancelled', error());
  }
}

/** Ends prompts nobody answered in time (AuthorizationTimeout). */
export function expirePrompts(s: DesktopState, now: number): void {
  for (const p of [...s.prompts.values()]) {
    if (now < p.deadline) continue;
    s.prompts.delete(p.id);
    settle(s, p, 'timed_out', new DesktopError('AuthorizationTimeout', `nobody answered the prompt for ${JSON.stringify(p.account.name)} within ${Math.round((p.deadline - p.createdAt) / 1000)} s; try again and approve it in the desktop app`));
  }
}

function settle(s: DesktopState, p: AuthorizationPrompt, status: 'denied' | 'timed_out' | 'cancelled', error: DesktopError): void {
  p.status = status;
  emit(s, { type: status === 'denied' ? 'denial' : status === 'timed_out' ? 'timeout' : 'cancel', prompt: promptView(p) });
  for (const w of p.waiters) w.reject(error);
  p.waiters.clear();
}
