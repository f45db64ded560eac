/**
 * The clients a property uses, read from the target, and how each authenticates at the token
 * endpoint (RFC 6749 §2.3.1): public clients send client_id only; confidential ones use
 * HTTP Basic or the body, as registered.
 */
import type { Target } from '../target/types.js';

export type AuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';

export interface ClientRef {
  /** The target-file name: public, public2, confidential, usersApi, inactive. */
  name: string;
  id: string;
  secret?: string;
  method: AuthMethod;
  redirectUri?: string;
  scope?: string;
}

export function publicClient(target: Target, name: 'public' | 'public2' = 'public'): ClientRef {
  const c = target.spec.clients?.[name];
  if (!c) throw new Error(`no clients.${name} in the target`);
  return { name, id: c.client_id, method: 'none', redirectUri: c.redirect_uri, scope: c.scope ?? 'openid' };
}

export function confidentialClient(target: Target): ClientRef {
  const c = target.spec.clients?.confidential;
  if (!c) throw new Error('no clients.confidential in the target');
  const ref: ClientRef = { name: 'confidential', id: c.client_id, secret: c.client_secret, method: c.auth_method ?? 'client_secret_basic' };
  if (c.redirect_uri) ref.redirectUri = c.redirect_uri;
  if (c.scope) ref.scope = c.scope;
  return ref;
}

export function usersApiClient(target: Target): ClientRef {
  const c = target.spec.clients?.usersApi;
  if (!c) throw new Error('no clients.usersApi in the target');
  return { name: 'usersApi', id: c.client_id, secret: c.client_secret, method: 'client_secret_basic', scope: 'openid' };
}

export function inactiveClient(target: Target): ClientRef {
  const c = target.spec.clients?.inactive;
  if (!c) throw new Error('no clients.inactive in the target');
  return { name: 'inactive', id: c.client_id, secret: c.client_secret, method: 'client_secret_basic' };
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
export function basic(id: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
}

/** The headers and body parameters that authenticate `client` with `method`. */
export function clientAuth(client: ClientRef, method: AuthMethod = client.method): { headers: Record<string, string>; params: Array<[string, string]> } {
  if (method === 'client_secret_basic') return { headers: { authorization: basic(client.id, client.secret ?? '') }, params: [] };
  if (method === 'client_secret_post') return { headers: {}, params: [['client_id', client.id], ['client_secret', client.secret ?? '']] };
  return { headers: {}, params: [['client_id', client.id]] };
}
