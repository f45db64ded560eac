/**
 * DesktopChannel: the desktop app's authorization state as one object over the function modules
 * (clients, prompts, grants, lock, switches, sweep, activity, vault), as AuthorizationServer is
 * for the OAuth core. Adapters pass the caller's ProcessIdentity (learned from the socket) and
 * the parsed request; every refusal is a DesktopError `{name, message}`. Transport-free.
 */
import type { Clock } from '../clock.js';
import { asDefectSet, type DefectSet } from '../defects.js';
import { subscribe } from './activity.js';
import { initClient, invoke, invokeInFlight, releaseClient, type InitClientResult } from './clients.js';
import { createDeadlineTimer } from './deadline-timer.js';
import { clientIdOfNumber, sessionViews } from './grants.js';
import { lock, unlock } from './lock.js';
import { approve, deny, promptViews } from './prompts.js';
import { createDesktopState, type DesktopState } from './state.js';
import { sweep } from './sweep.js';
import { rateLimitNext, reset, setIntegration, setPolicy, setRateBudget } from './switches.js';
import type { RateBudget } from './config.js';
import type { ActivityEntry, ApprovalPolicy, DesktopEvent, ProcessIdentity, PromptView, SessionView } from './types.js';
import { addAccount, addItem, addVault, type Account, type Item, type Vault } from './vault.js';

export type { InitClientResult } from './clients.js';

export interface DesktopChannelOptions {
  clock: Clock;
  config?: unknown;
  /** Defect switches (../defects.ts): names are checked there, unknown ones throw. */
  defects?: readonly string[] | DefectSet;
}

export class DesktopChannel {
  /** The state the function modules work on. */
  readonly state: DesktopState;

  constructor(options: DesktopChannelOptions) {
    this.state = createDesktopState(options.clock, options.config, asDefectSet(options.defects));
    this.state.timer = createDeadlineTimer(options.clock, () => sweep(this.state));
  }

  get clock(): Clock { return this.state.clock; }
  get defects(): DefectSet { return this.state.defects; }
  get accounts(): readonly Account[] { return this.state.settings.accounts; }
  get locked(): boolean { return this.state.settings.locked; }
  get integrationEnabled(): boolean { return this.state.settings.integrationEnabled; }
  get policy(): ApprovalPolicy { return { ...this.state.settings.policy }; }
  get rateLimitRemaining(): number { return this.state.rateLimited; }
  get rateBudget(): RateBudget | null { return this.state.settings.rateBudget; }

  // --- data plane (clients.ts) -------------------------------------------------------------
  initClient(caller: ProcessIdentity, body: unknown, signal?: AbortSignal): Promise<InitClientResult> { return initClient(this.state, caller, body, signal); }
  invoke(caller: ProcessIdentity, clientId: string, name: unknown, parameters: unknown): unknown { return invoke(this.state, caller, clientId, name, parameters); }
  releaseClient(caller: ProcessIdentity, clientId: string): void { releaseClient(this.state, caller, clientId); }
  /** `invoke` with `meanwhile` happening to the app while the method runs (lock-in-flight scenario). */
  invokeInFlight(caller: ProcessIdentity, clientId: string, name: unknown, parameters: unknown, meanwhile: () => void | Promise<void>): Promise<unknown> {
    return invokeInFlight(this.state, caller, clientId, name, parameters, meanwhile);
  }
  /** The client id the envelope's numeric `clientId` stands for. */
  clientIdOfNumber(n: number): string { return clientIdOfNumber(this.state, n); }

  // --- the app's side (control plane) -----------------------------------------------------
  prompts(): PromptView[] { return promptViews(this.state); }
  sessions(): SessionView[] {
    sweep(this.state);
    return sessionViews(this.state);
  }
  activity(): ActivityEntry[] { return [...this.state.activity]; }
  /** The last 100 events, oldest first. */
  recentEvents(): DesktopEvent[] { return [...this.state.recent]; }
  subscribe(listener: (e: DesktopEvent) => void): () => void { return subscribe(this.state, listener); }
  approve(promptId: string): PromptView | undefined { return approve(this.state, promptId); }
  deny(promptId: string): PromptView | undefined { return deny(this.state, promptId); }
  setPolicy(input: unknown): ApprovalPolicy { return setPolicy(this.state, input); }
  lock(): void { lock(this.state); }
  unlock(): void { unlock(this.state); }
  setIntegration(enabled: boolean): void { setIntegration(this.state, enabled); }
  rateLimitNext(n: number): void { rateLimitNext(this.state, n); }
  /** `{requests, per_seconds}` per process, or null for none. */
  setRateBudget(input: unknown): RateBudget | null { return setRateBudget(this.state, input); }
  addAccount(input: unknown): Account { return addAccount(this.state.settings.accounts, input); }
  addVault(accountKey: string, input: unknown): Vault { return addVault(this.state.settings.accounts, accountKey, input); }
  addItem(accountKey: string, vaultKey: string, input: unknown): Item { return addItem(this.state.settings.accounts, accountKey, vaultKey, input); }
  reset(): void { reset(this.state); }
  sweep(): void { sweep(this.state); }

  close(): void {
    this.state.timer.close();
    this.state.listeners.clear();
  }
}
