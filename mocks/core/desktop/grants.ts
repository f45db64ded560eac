/**
 * Grants (one per process and account, made by an approved prompt) and the client ids issued
 * under them: lookup bound to the calling process (DSK-4), and ending a grant with its clients.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { emit } from './activity.js';
import { DesktopError, sessionExpired } from './errors.js';
import { grantKey, sessionView, type DesktopGrant } from './grant.js';
import { rearm, type DesktopClientRecord, type DesktopState } from './state.js';
import type { DesktopEvent, ProcessIdentity, SessionView } from './types.js';

export function newClient(s: DesktopState, caller: ProcessIdentity, grant: DesktopGrant): string {
  const id = randomBytes(16).toString('base64url');
  // The envelope's numeric id is random too: knowing one's own says nothing of the others'.
  let number = randomInt(1, 2 ** 48 - 1);
  while (s.clientNumbers.has(number)) number = randomInt(1, 2 ** 48 - 1);
  s.clientNumbers.set(number, id);
  s.clients.set(id, { id, number, processKey: caller.key, grantKey: grantKey(grant.holder, grant.account.id), grantId: grant.id });
  return id;
}

/** The client id an envelope's numeric `clientId` stands for (unknown numbers map to no client). */
export const clientIdOfNumber = (s: DesktopState, n: number): string => s.clientNumbers.get(n) ?? `unknown-${n}`;

export function forgetClient(s: DesktopState, id: string): void {
  const c = s.clients.get(id);
  if (!c) return;
  s.clients.delete(id);
  s.clientNumbers.delete(c.number);
}

export function sameProcess(s: DesktopState, client: DesktopClientRecord, caller: ProcessIdentity): boolean {
  return client.processKey === caller.key || s.defects.on('desktop-session-shared-across-processes'); // defect: breaks DSK-4
}

/** DSK-4: the answer for someone else's client id is the expired-session answer (unless a defect says otherwise). */
export function foreignOr(s: DesktopState, client: DesktopClientRecord | undefined, caller: ProcessIdentity): DesktopError {
  if (client && client.processKey !== caller.key && s.defects.on('desktop-foreign-session-distinct')) { // defect: breaks DSK-4
    return new DesktopError('AuthorizationDenied', 'this client id belongs to another process');
  }
  return sessionExpired();
}

/** DSK-4: unknown id, another process's id and an ended grant give the same answer. Call after a sweep. */
export function grantOf(s: DesktopState, caller: ProcessIdentity, clientId: string): DesktopGrant {
  const client = s.clients.get(clientId);
  if (!client || !sameProcess(s, client, caller)) throw foreignOr(s, client, caller);
  const grant = s.grants.get(client.grantKey);
  if (!grant || grant.id !== client.grantId) {
    forgetClient(s, clientId);
    throw sessionExpired();
  }
  return grant;
}

export function endGrant(s: DesktopState, g: DesktopGrant, reason: NonNullable<DesktopEvent['reason']>): void {
  s.grants.delete(grantKey(g.holder, g.account.id));
  let clients = 0;
  for (const [id, c] of s.clients) if (c.grantId === g.id) { forgetClient(s, id); clients += 1; }
  emit(s, { type: 'expiry', reason, session: sessionView(g, clients) });
}

export function endAllGrants(s: DesktopState, reason: 'lock' | 'integration_off'): void {
  for (const g of [...s.grants.values()]) endGrant(s, g, reason);
  rearm(s);
}

export function sessionViews(s: DesktopState): SessionView[] {
  const counts = new Map<string, number>();
  for (const c of s.clients.values()) counts.set(c.grantId, (counts.get(c.grantId) ?? 0) + 1);
  return [...s.grants.values()].map((g) => sessionView(g, counts.get(g.id) ?? 0));
}
