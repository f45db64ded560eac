/**
 * DesktopChannel: the desktop app's authorization state, transport-free. Adapters pass the
 * caller's ProcessIdentity (learned from the socket) and the parsed request; every refusal is
 * a DesktopError `{name, message}`. Time comes only from the injected clock.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { parseClientConfiguration } from './client-config.js';
import { parseDesktopConfig, parsePolicy, type DesktopChannelSettings } from './config.js';
import { createDeadlineTimer, type DeadlineTimer } from './deadline-timer.js';
import { asDefectSet, type DefectSet } from '../defects.js';
import { DesktopError, integrationDisabled, invalidRequest, sessionExpired } from './errors.js';
import { endReason, grantKey, newGrant, nextExpiry, sessionView, type DesktopGrant, type GrantLimits } from './grant.js';
import { runMethod } from './methods.js';
import { newPrompt, promptView, type AuthorizationPrompt } from './prompt.js';
import {
  processView, type ActivityEntry, type ApprovalPolicy, type DesktopEvent, type ProcessIdentity, type PromptView, type SessionView,
} from './types.js';
import { buildAccount, buildItem, buildVault, findAccount, matchByIdOrTitle, type Account, type Item, type Vault } from './vault.js';

const ACTIVITY_LIMIT = 1000;
const RECENT_EVENTS = 100;
/** More pending prompts than this from one process is prompt flooding: RateLimitExceeded. */
const PENDING_PROMPTS_PER_PROCESS = 5;

interface DesktopClientRecord { id: string; processKey: string; grantKey: string; grantId: string }

export interface InitClientResult { clientId: string; account: { id: string; name: string }; prompted: boolean }

export interface DesktopChannelOptions {
  clock: Clock;
  config?: unknown;
  /** Defect switches (../defects.ts); names are checked there, unknown ones throw. */
  defects?: readonly string[] | DefectSet;
}

export class DesktopChannel {
  readonly clock: Clock;
  #config: unknown;
  #settings!: DesktopChannelSettings;
  #prompts = new Map<string, AuthorizationPrompt>();
  #grants = new Map<string, DesktopGrant>();
  #clients = new Map<string, DesktopClientRecord>();
  #activity: ActivityEntry[] = [];
  #listeners = new Set<(e: DesktopEvent) => void>();
  #recent: DesktopEvent[] = [];
  #rateLimited = 0;
  #timer: DeadlineTimer;
  readonly defects: DefectSet;
  readonly #limits: GrantLimits;
  /** Grants and clients a lock ended, kept only under `desktop-unlock-revives`. */
  #endedByLock: { grants: DesktopGrant[]; clients: DesktopClientRecord[] } = { grants: [], clients: [] };

  constructor(options: DesktopChannelOptions) {
    this.defects = asDefectSet(options.defects);
    this.#limits = { idle: !this.defects.on('desktop-idle-never-expires'), hardLimit: !this.defects.on('desktop-no-hard-limit') };
    this.clock = options.clock;
    this.#config = options.config;
    this.#settings = parseDesktopConfig(options.config);
    this.#timer = createDeadlineTimer(this.clock, () => this.sweep());
  }

  get accounts(): readonly Account[] { return this.#settings.accounts; }
  get locked(): boolean { return this.#settings.locked; }
  get integrationEnabled(): boolean { return this.#settings.integrationEnabled; }
  /** What the data plane obeys: under `desktop-integration-off-ignored` the switch does nothing. */
  get #serving(): boolean { return this.integrationEnabled || this.defects.on('desktop-integration-off-ignored'); }
  get policy(): ApprovalPolicy { return { ...this.#settings.policy }; }

  subscribe(listener: (e: DesktopEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // --- data plane -------------------------------------------------------------------------

  /**
   * `init_client`. Resolves with a client id once a grant exists for (caller, account): at
   * once when one is live, else after the prompt is approved (DSK-1). `signal` aborts the wait
   * when the caller hangs up.
   */
  async initClient(caller: ProcessIdentity, body: unknown, signal?: AbortSignal): Promise<InitClientResult> {
    if (!this.#serving) throw integrationDisabled();
    const config = parseClientConfiguration(body);
    this.#spendRateLimit();
    const account = findAccount(this.accounts, config.account_name)
      ?? (this.defects.on('desktop-unknown-account-default') ? this.accounts[0] : undefined);
    if (!account) {
      throw new DesktopError('AccountNotFound', `no account named ${JSON.stringify(config.account_name)} (by name as shown in the app, or by UUID) is signed in to the desktop app; known: ${this.accounts.map((a) => a.name).join(', ') || 'none'}`);
    }
    this.sweep();
    const key = grantKey(caller.key, account.id);
    const live = this.#grants.get(key)
      ?? (this.defects.on('desktop-accounts-shared') ? [...this.#grants.values()].find((g) => g.process.key === caller.key) : undefined);
    if (live) {
      live.lastUsedAt = this.clock.now();
      return { clientId: this.#newClient(caller, live), account: { id: account.id, name: account.name }, prompted: false };
    }
    if (this.defects.on('desktop-no-prompt')) {
      const grant = newGrant(caller, account, { name: config.integrationName, version: config.integrationVersion }, this.clock.now());
      this.#grants.set(key, grant);
      return { clientId: this.#newClient(caller, grant), account: { id: account.id, name: account.name }, prompted: false };
    }
    const grant = await this.#ask(caller, account, { name: config.integrationName, version: config.integrationVersion }, signal);
    return { clientId: this.#newClient(caller, grant), account: { id: account.id, name: account.name }, prompted: true };
  }

  /** `invoke`: runs one method for the caller's client, restarting the idle window (DSK-5). */
  invoke(caller: ProcessIdentity, clientId: string, name: unknown, parameters: unknown): unknown {
    if (!this.#serving) throw integrationDisabled();
    if (typeof name !== 'string' || name.length === 0 || name.length > 128) throw invalidRequest('"name" must be the method name, e.g. "VaultsList"');
    if (parameters !== undefined && (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))) {
      throw invalidRequest('"parameters" must be a JSON object');
    }
    const grant = this.#grantOf(caller, clientId);
    this.#spendRateLimit();
    const now = this.clock.now();
    if (!this.defects.on('desktop-use-does-not-extend')) grant.lastUsedAt = now;
    this.#timer.arm(this.#nextDeadline());
    try {
      const result = runMethod(grant.account, name, (parameters ?? {}) as Record<string, unknown>);
      this.#record(grant, name, null);
      return result;
    } catch (e) {
      if (e instanceof DesktopError) this.#record(grant, name, e);
      throw e;
    }
  }

  /** `release_client`: forgets the client id; the grant stays for the process's next client. */
  releaseClient(caller: ProcessIdentity, clientId: string): void {
    if (!this.#serving) throw integrationDisabled();
    const client = this.#clients.get(clientId);
    if (!client || !this.#sameProcess(client, caller)) throw this.#foreignOr(client, caller);
    this.#clients.delete(clientId);
  }

  // --- the app's side (control plane) -----------------------------------------------------

  prompts(): PromptView[] {
    const views = [...this.#prompts.values()].map(promptView);
    if (!this.defects.on('desktop-prompt-missing-fields')) return views;
    return views.map(({ scope: _scope, duration: _duration, integration, ...rest }) => ({ ...rest, integration: { name: integration.name } }) as unknown as PromptView);
  }

  sessions(): SessionView[] {
    this.sweep();
    const counts = new Map<string, number>();
    for (const c of this.#clients.values()) counts.set(c.grantId, (counts.get(c.grantId) ?? 0) + 1);
    return [...this.#grants.values()].map((g) => sessionView(g, counts.get(g.id) ?? 0));
  }

  activity(): ActivityEntry[] { return [...this.#activity]; }

  /** The last 100 events, oldest first. */
  recentEvents(): DesktopEvent[] { return [...this.#recent]; }

  /** Approves a pending prompt; approving while locked unlocks the app (DESKTOP.md). */
  approve(promptId: string): PromptView | undefined {
    const p = this.#takePrompt(promptId);
    if (!p) return undefined;
    if (this.locked) this.unlock();
    const grant = newGrant(p.process, p.account, p.integration, this.clock.now());
    this.#grants.set(grantKey(p.process.key, p.account.id), grant);
    p.status = 'approved';
    this.#emit({ type: 'approval', prompt: promptView(p), session: sessionView(grant, 0) });
    for (const w of p.waiters) w.resolve(grant);
    this.#timer.arm(this.#nextDeadline());
    return promptView(p);
  }

  deny(promptId: string): PromptView | undefined {
    const p = this.#takePrompt(promptId);
    if (!p) return undefined;
    if (this.defects.on('desktop-denial-grants')) this.#grants.set(grantKey(p.process.key, p.account.id), newGrant(p.process, p.account, p.integration, this.clock.now()));
    this.#settle(p, 'denied', new DesktopError('AuthorizationDenied', `the user denied ${p.integration.name} access to the account ${JSON.stringify(p.account.name)}`));
    return promptView(p);
  }

  setPolicy(input: unknown): ApprovalPolicy {
    this.#settings.policy = parsePolicy(input, this.#settings.policy);
    this.#emit({ type: 'policy', policy: { mode: this.policy.mode, prompt_timeout_seconds: this.policy.promptTimeoutSeconds } });
    return this.policy;
  }

  /** DSK-6: locking ends every session at once. */
  lock(): void {
    this.#settings.locked = true;
    this.#emit({ type: 'lock' });
    if (this.defects.on('desktop-lock-keeps-sessions')) return;
    if (this.defects.on('desktop-unlock-revives')) {
      const grants = [...this.#grants.values()];
      const ids = new Set(grants.map((g) => g.id));
      this.#endedByLock = { grants, clients: [...this.#clients.values()].filter((c) => ids.has(c.grantId)) };
    }
    this.#endAllGrants('lock');
  }

  /** Unlocking does not revive ended sessions (DSK-6). */
  unlock(): void {
    if (!this.#settings.locked) return;
    this.#settings.locked = false;
    this.#emit({ type: 'unlock' });
    for (const g of this.#endedByLock.grants) this.#grants.set(grantKey(g.process.key, g.account.id), g);
    for (const c of this.#endedByLock.clients) this.#clients.set(c.id, c);
    this.#endedByLock = { grants: [], clients: [] };
  }

  /** DSK-8: with the integration off, every request fails; pending prompts end and grants end. */
  setIntegration(enabled: boolean): void {
    this.#settings.integrationEnabled = enabled;
    this.#emit({ type: 'integration', enabled });
    if (enabled) return;
    for (const p of [...this.#prompts.values()]) {
      this.#prompts.delete(p.id);
      this.#settle(p, 'cancelled', integrationDisabled());
    }
    this.#endAllGrants('integration_off');
  }

  /** The next `n` data-plane requests answer 429 RateLimitExceeded (a scenario). */
  rateLimitNext(n: number): void { this.#rateLimited = Math.max(0, Math.floor(n)); }
  get rateLimitRemaining(): number { return this.#rateLimited; }

  addAccount(input: unknown): Account {
    const account = buildAccount(input, 'account');
    if (findAccount(this.accounts, account.id) || this.accounts.some((a) => a.name === account.name)) {
      throw invalidRequest(`an account with the id ${account.id} or the name ${JSON.stringify(account.name)} exists already`);
    }
    this.#settings.accounts.push(account);
    return account;
  }

  addVault(accountKey: string, input: unknown): Vault {
    const account = this.#account(accountKey);
    const vault = buildVault(input, 'vault');
    account.vaults.push(vault);
    return vault;
  }

  addItem(accountKey: string, vaultKey: string, input: unknown): Item {
    const account = this.#account(accountKey);
    const vaults = matchByIdOrTitle(account.vaults, vaultKey);
    if (vaults.length !== 1) throw new DesktopError('vaultNotFound', `account ${JSON.stringify(account.name)} has ${vaults.length === 0 ? 'no vault' : 'several vaults'} with the id or name ${JSON.stringify(vaultKey)}`);
    const item = buildItem(input, 'item');
    vaults[0]!.items.push(item);
    return item;
  }

  /** Back to the config's state: no prompts, grants, clients, activity or scenarios. */
  reset(): void {
    for (const p of [...this.#prompts.values()]) {
      this.#prompts.delete(p.id);
      this.#settle(p, 'cancelled', new DesktopError('AuthorizationDenied', 'the desktop app was reset while the prompt was open; try again'));
    }
    this.#grants.clear();
    this.#clients.clear();
    this.#endedByLock = { grants: [], clients: [] };
    this.#activity = [];
    this.#recent = [];
    this.#rateLimited = 0;
    this.#settings = parseDesktopConfig(this.#config);
    this.#emit({ type: 'reset' });
    this.#timer.arm(null);
  }

  close(): void {
    this.#timer.close();
    this.#listeners.clear();
  }

  /** Ends prompts and grants whose time is up; runs on every clock move and timer. */
  sweep(): void {
    const now = this.clock.now();
    for (const p of [...this.#prompts.values()]) {
      if (now < p.deadline) continue;
      this.#prompts.delete(p.id);
      this.#settle(p, 'timed_out', new DesktopError('AuthorizationTimeout', `nobody answered the prompt for ${JSON.stringify(p.account.name)} within ${Math.round((p.deadline - p.createdAt) / 1000)} s; try again and approve it in the desktop app`));
    }
    for (const g of [...this.#grants.values()]) {
      const reason = endReason(g, now, this.#limits);
      if (reason) this.#endGrant(g, reason);
    }
    this.#timer.arm(this.#nextDeadline());
  }

  // --- internals --------------------------------------------------------------------------

  #ask(caller: ProcessIdentity, account: Account, integration: { name: string; version: string }, signal?: AbortSignal): Promise<DesktopGrant> {
    const { mode, promptTimeoutSeconds } = this.#settings.policy;
    let prompt = [...this.#prompts.values()].find((p) => p.process.key === caller.key && p.account.id === account.id);
    if (!prompt) {
      const pendingOfCaller = [...this.#prompts.values()].filter((p) => p.process.key === caller.key).length;
      if (pendingOfCaller >= PENDING_PROMPTS_PER_PROCESS) {
        throw new DesktopError('RateLimitExceeded', `this process already has ${pendingOfCaller} open prompts; answer them before asking again`);
      }
      prompt = newPrompt(caller, account, integration, this.clock.now(), promptTimeoutSeconds * 1000);
      this.#prompts.set(prompt.id, prompt);
      this.#emit({ type: 'prompt', prompt: promptView(prompt) });
    }
    const p = prompt;
    const answer = new Promise<DesktopGrant>((resolve, reject) => {
      const waiter = { resolve, reject };
      p.waiters.add(waiter);
      const hungUp = () => {
        p.waiters.delete(waiter);
        reject(new DesktopError('AuthorizationDenied', 'the caller hung up before the prompt was answered'));
        if (p.waiters.size === 0 && this.#prompts.get(p.id) === p) {
          this.#prompts.delete(p.id);
          this.#settle(p, 'cancelled', new DesktopError('AuthorizationDenied', 'the caller hung up before the prompt was answered'));
        }
      };
      if (signal?.aborted) queueMicrotask(hungUp);
      else signal?.addEventListener('abort', hungUp, { once: true });
    });
    if (mode === 'approve') this.approve(p.id);
    else if (mode === 'deny') this.deny(p.id);
    else this.#timer.arm(this.#nextDeadline());
    return answer;
  }

  #takePrompt(id: string): AuthorizationPrompt | undefined {
    const p = this.#prompts.get(id);
    if (p) this.#prompts.delete(id);
    return p;
  }

  #settle(p: AuthorizationPrompt, status: 'denied' | 'timed_out' | 'cancelled', error: DesktopError): void {
    p.status = status;
    this.#emit({ type: status === 'denied' ? 'denial' : status === 'timed_out' ? 'timeout' : 'cancel', prompt: promptView(p) });
    for (const w of p.waiters) w.reject(error);
    p.waiters.clear();
  }

  #newClient(caller: ProcessIdentity, grant: DesktopGrant): string {
    const id = randomBytes(16).toString('base64url');
    this.#clients.set(id, { id, processKey: caller.key, grantKey: grantKey(grant.process.key, grant.account.id), grantId: grant.id });
    return id;
  }

  /** DSK-4: unknown id, another process's id and an ended grant give the same answer. */
  #grantOf(caller: ProcessIdentity, clientId: string): DesktopGrant {
    this.sweep();
    const client = this.#clients.get(clientId);
    if (!client || !this.#sameProcess(client, caller)) throw this.#foreignOr(client, caller);
    const grant = this.#grants.get(client.grantKey);
    if (!grant || grant.id !== client.grantId) {
      this.#clients.delete(clientId);
      throw sessionExpired();
    }
    return grant;
  }

  #sameProcess(client: DesktopClientRecord, caller: ProcessIdentity): boolean {
    return client.processKey === caller.key || this.defects.on('desktop-session-shared-across-processes');
  }

  /** DSK-4: the answer for someone else's client id is the expired-session answer (unless a defect says otherwise). */
  #foreignOr(client: DesktopClientRecord | undefined, caller: ProcessIdentity): DesktopError {
    if (client && client.processKey !== caller.key && this.defects.on('desktop-foreign-session-distinct')) {
      return new DesktopError('AuthorizationDenied', 'this client id belongs to another process');
    }
    return sessionExpired();
  }

  #spendRateLimit(): void {
    if (this.#rateLimited <= 0) return;
    this.#rateLimited -= 1;
    throw new DesktopError('RateLimitExceeded', 'too many requests to the desktop app; wait a moment and retry');
  }

  #account(key: string): Account {
    const a = findAccount(this.accounts, key);
    if (!a) throw new DesktopError('AccountNotFound', `no account has the name or UUID ${JSON.stringify(key)}`);
    return a;
  }

  #endGrant(g: DesktopGrant, reason: NonNullable<DesktopEvent['reason']>): void {
    this.#grants.delete(grantKey(g.process.key, g.account.id));
    let clients = 0;
    for (const [id, c] of this.#clients) if (c.grantId === g.id) { this.#clients.delete(id); clients += 1; }
    this.#emit({ type: 'expiry', reason, session: sessionView(g, clients) });
  }

  #endAllGrants(reason: 'lock' | 'integration_off'): void {
    for (const g of [...this.#grants.values()]) this.#endGrant(g, reason);
    this.#timer.arm(this.#nextDeadline());
  }

  #nextDeadline(): number | null {
    let next: number | null = null;
    for (const p of this.#prompts.values()) next = next === null ? p.deadline : Math.min(next, p.deadline);
    for (const g of this.#grants.values()) {
      const at = nextExpiry(g, this.#limits);
      if (at !== null) next = next === null ? at : Math.min(next, at);
    }
    return next;
  }

  /** DSK-10: command, time, process, account. */
  #record(g: DesktopGrant, command: string, error: DesktopError | null): void {
    if (this.defects.on('desktop-no-activity-log')) return;
    const entry: ActivityEntry = {
      time: new Date(this.clock.now()).toISOString(),
      command,
      process: processView(g.process),
      account: { id: g.account.id, name: g.account.name },
      integration: g.integration,
      outcome: error ? 'error' : 'ok',
      ...(error ? { error: error.name } : {}),
    };
    this.#activity.push(entry);
    if (this.#activity.length > ACTIVITY_LIMIT) this.#activity.splice(0, this.#activity.length - ACTIVITY_LIMIT);
    this.#emit({ type: 'activity', activity: entry });
  }

  #emit(e: Omit<DesktopEvent, 'time'>): void {
    const event = { ...e, time: new Date(this.clock.now()).toISOString() } as DesktopEvent;
    this.#recent.push(event);
    if (this.#recent.length > RECENT_EVENTS) this.#recent.shift();
    for (const l of this.#listeners) {
      try { l(event); } catch { /* a failing listener must not break the channel */ }
    }
  }
}
