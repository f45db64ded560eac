/**
 * The three calls an SDK makes (DESKTOP.md): `init_client` (prompting when the caller has no
 * live grant for the account), `invoke` and `release_client`. The caller is the ProcessIdentity
 * the transport learned from the socket.
 */
import { record } from './activity.js';
import { parseClientConfiguration } from './client-config.js';
import { DesktopError, integrationDisabled, invalidRequest } from './errors.js';
import { forgetClient, foreignOr, grantOf, newClient, sameProcess } from './grants.js';
import { grantKey, newGrant, type DesktopGrant } from './grant.js';
import { runMethod } from './methods.js';
import { ask } from './prompts.js';
import { holderOf } from './scope.js';
import { rearm, type DesktopState } from './state.js';
import { serving, spendRateLimit } from './switches.js';
import { sweep } from './sweep.js';
import type { ProcessIdentity } from './types.js';
import { accountNotFound, findAccount } from './vault.js';

export interface InitClientResult {
  clientId: string;
  /** The same client as the envelope names it (the real channel's numeric clientId). */
  clientNumber: number;
  account: { id: string; name: string };
  prompted: boolean;
}

function issued(s: DesktopState, caller: ProcessIdentity, grant: DesktopGrant, ref: InitClientResult['account'], prompted: boolean): InitClientResult {
  const clientId = newClient(s, caller, grant);
  return { clientId, clientNumber: s.clients.get(clientId)!.number, account: ref, prompted };
}

/**
 * `init_client`. Resolves with a client id once a grant exists for (caller's holder, account):
 * at once when one is live, else after the prompt is approved (DSK-1). `signal` aborts the wait
 * when the caller hangs up.
 */
export async function initClient(s: DesktopState, caller: ProcessIdentity, body: unknown, signal?: AbortSignal): Promise<InitClientResult> {
  if (!serving(s)) throw integrationDisabled();
  const config = parseClientConfiguration(body);
  spendRateLimit(s, caller);
  const accounts = s.settings.accounts;
  const account = findAccount(accounts, config.account_name)
    ?? (s.defects.on('desktop-unknown-account-default') ? accounts[0] : undefined); // defect: breaks DSK-7
  if (!account) throw accountNotFound(config.account_name);
  sweep(s);
  const ref = { id: account.id, name: account.name };
  const holder = holderOf(s, caller);
  const key = grantKey(holder, account.id);
  const live = s.grants.get(key)
    ?? (s.defects.on('desktop-accounts-shared') ? [...s.grants.values()].find((g) => g.holder === holder) : undefined); // defect: breaks DSK-11
  if (live) {
    live.lastUsedAt = s.clock.now();
    return issued(s, caller, live, ref, false);
  }
  const integration = { name: config.integrationName, version: config.integrationVersion };
  if (s.defects.on('desktop-no-prompt')) { // defect: breaks DSK-1
    const grant = newGrant(caller, account, integration, s.clock.now(), holder);
    s.grants.set(key, grant);
    return issued(s, caller, grant, ref, false);
  }
  const grant = await ask(s, caller, account, integration, signal);
  return issued(s, caller, grant, ref, true);
}

/** Everything an invocation checks before its method runs; returns the grant it runs under. */
function admit(s: DesktopState, caller: ProcessIdentity, clientId: string, name: unknown, parameters: unknown): DesktopGrant {
  if (!serving(s)) throw integrationDisabled();
  if (typeof name !== 'string' || name.length === 0 || name.length > 128) throw invalidRequest('"name" must be the method name, e.g. "VaultsList"');
  if (parameters !== undefined && (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))) {
    throw invalidRequest('"parameters" must be a JSON object');
  }
  sweep(s);
  const grant = grantOf(s, caller, clientId);
  spendRateLimit(s, caller);
  if (!s.defects.on('desktop-use-does-not-extend')) grant.lastUsedAt = s.clock.now(); // defect: breaks DSK-5
  rearm(s);
  return grant;
}

/** Runs the method over the grant's account and records it (DSK-10), writes and reads alike. */
function perform(s: DesktopState, grant: DesktopGrant, name: string, parameters: unknown): unknown {
  try {
    const result = runMethod(grant.account, name, (parameters ?? {}) as Record<string, unknown>);
    record(s, grant, name, null);
    return result;
  } catch (e) {
    if (e instanceof DesktopError) record(s, grant, name, e);
    throw e;
  }
}

/** `invoke`: runs one method for the caller's client, restarting the idle window (DSK-5). */
export function invoke(s: DesktopState, caller: ProcessIdentity, clientId: string, name: unknown, parameters: unknown): unknown {
  const grant = admit(s, caller, clientId, name, parameters);
  return perform(s, grant, name as string, parameters);
}

/**
 * `invoke` with something happening to the app while the method runs (the lock-in-flight
 * scenario): `meanwhile` runs after the call was admitted and before it answers. A command
 * already running when access ends may finish (DESKTOP.md), so it answers as admitted; what it
 * must not do is hang (DSK-9).
 */
export async function invokeInFlight(
  s: DesktopState, caller: ProcessIdentity, clientId: string, name: unknown, parameters: unknown, meanwhile: () => void | Promise<void>,
): Promise<unknown> {
  const grant = admit(s, caller, clientId, name, parameters);
  await meanwhile();
  if (s.defects.on('desktop-lock-hangs-in-flight')) return new Promise<never>(() => {}); // defect: breaks DSK-9
  return perform(s, grant, name as string, parameters);
}

/** `release_client`: forgets the client id; the grant stays for the holder's next client. */
export function releaseClient(s: DesktopState, caller: ProcessIdentity, clientId: string): void {
  if (!serving(s)) throw integrationDisabled();
  const client = s.clients.get(clientId);
  if (!client || !sameProcess(s, client, caller)) throw foreignOr(s, client, caller);
  forgetClient(s, clientId);
}
