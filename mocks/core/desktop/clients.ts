/**
 * The three calls an SDK makes (DESKTOP.md): `init_client` (prompting when the process has no
 * live grant for the account), `invoke` and `release_client`. The caller is the ProcessIdentity
 * the transport learned from the socket.
 */
import { record } from './activity.js';
import { parseClientConfiguration } from './client-config.js';
import { DesktopError, integrationDisabled, invalidRequest } from './errors.js';
import { foreignOr, grantOf, newClient, sameProcess } from './grants.js';
import { grantKey, newGrant } from './grant.js';
import { runMethod } from './methods.js';
import { ask } from './prompts.js';
import { rearm, type DesktopState } from './state.js';
import { serving, spendRateLimit } from './switches.js';
import { sweep } from './sweep.js';
import type { ProcessIdentity } from './types.js';
import { findAccount } from './vault.js';

export interface InitClientResult { clientId: string; account: { id: string; name: string }; prompted: boolean }

/**
 * `init_client`. Resolves with a client id once a grant exists for (caller, account): at once
 * when one is live, else after the prompt is approved (DSK-1). `signal` aborts the wait when the
 * caller hangs up.
 */
export async function initClient(s: DesktopState, caller: ProcessIdentity, body: unknown, signal?: AbortSignal): Promise<InitClientResult> {
  if (!serving(s)) throw integrationDisabled();
  const config = parseClientConfiguration(body);
  spendRateLimit(s);
  const accounts = s.settings.accounts;
  const account = findAccount(accounts, config.account_name)
    ?? (s.defects.on('desktop-unknown-account-default') ? accounts[0] : undefined); // defect: breaks DSK-7
  if (!account) {
    throw new DesktopError('AccountNotFound', `no account named ${JSON.stringify(config.account_name)} (by name as shown in the app, or by UUID) is signed in to the desktop app; known: ${accounts.map((a) => a.name).join(', ') || 'none'}`);
  }
  sweep(s);
  const ref = { id: account.id, name: account.name };
  const key = grantKey(caller.key, account.id);
  const live = s.grants.get(key)
    ?? (s.defects.on('desktop-accounts-shared') ? [...s.grants.values()].find((g) => g.process.key === caller.key) : undefined); // defect: breaks DSK-11
  if (live) {
    live.lastUsedAt = s.clock.now();
    return { clientId: newClient(s, caller, live), account: ref, prompted: false };
  }
  const integration = { name: config.integrationName, version: config.integrationVersion };
  if (s.defects.on('desktop-no-prompt')) { // defect: breaks DSK-1
    const grant = newGrant(caller, account, integration, s.clock.now());
    s.grants.set(key, grant);
    return { clientId: newClient(s, caller, grant), account: ref, prompted: false };
  }
  const grant = await ask(s, caller, account, integration, signal);
  return { clientId: newClient(s, caller, grant), account: ref, prompted: true };
}

/** `invoke`: runs one method for the caller's client, restarting the idle window (DSK-5). */
export function invoke(s: DesktopState, caller: ProcessIdentity, clientId: string, name: unknown, parameters: unknown): unknown {
  if (!serving(s)) throw integrationDisabled();
  if (typeof name !== 'string' || name.length === 0 || name.length > 128) throw invalidRequest('"name" must be the method name, e.g. "VaultsList"');
  if (parameters !== undefined && (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))) {
    throw invalidRequest('"parameters" must be a JSON object');
  }
  sweep(s);
  const grant = grantOf(s, caller, clientId);
  spendRateLimit(s);
  if (!s.defects.on('desktop-use-does-not-extend')) grant.lastUsedAt = s.clock.now(); // defect: breaks DSK-5
  rearm(s);
  try {
    const result = runMethod(grant.account, name, (parameters ?? {}) as Record<string, unknown>);
    record(s, grant, name, null);
    return result;
  } catch (e) {
    if (e instanceof DesktopError) record(s, grant, name, e);
    throw e;
  }
}

/** `release_client`: forgets the client id; the grant stays for the process's next client. */
export function releaseClient(s: DesktopState, caller: ProcessIdentity, clientId: string): void {
  if (!serving(s)) throw integrationDisabled();
  const client = s.clients.get(clientId);
  if (!client || !sameProcess(s, client, caller)) throw foreignOr(s, client, caller);
  s.clients.delete(clientId);
}
