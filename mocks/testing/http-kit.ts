/**
 * Helpers for the mock's own tests: requests over a real socket (global fetch), the PKCE and
 * authorization-code steps, and a log of every exchange for the contract check.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** Every answer the tests saw, validated against the OpenAPI documents by oauth-contract.ts. */
export const exchanges: Exchange[] = [];

export const FORM = 'application/x-www-form-urlencoded';

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/**
 * RFC 7636 §4.2, computed here rather than borrowed from the core so that a wrong core hash
 * cannot agree with itself.
 */
export const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

export function pkcePair(length = 64): { verifier: string; challenge: string } {
  const verifier = randomBytes(96).toString('base64url').slice(0, length);
  return { verifier, challenge: s256(verifier) };
}

export async function call(issuer: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(`${issuer}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  exchanges.push({ method: init.method ?? 'GET', path: path.split('?')[0] as string, status: res.status, headers: res.headers, text });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: html, empty
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function post(issuer: string, path: string, form: Record<string, string> | string, headers: Record<string, string> = {}): Promise<Reply> {
  return call(issuer, path, {
    method: 'POST',
    headers: { 'content-type': FORM, ...headers },
    body: typeof form === 'string' ? form : new URLSearchParams(form).toString(),
  });
}

export const DEMO_REDIRECT = 'http://127.0.0.1:8765/callback';

export interface AuthorizeParams {
  client_id?: string;
  redirect_uri?: string;
  scope?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  response_type?: string;
  [k: string]: string | undefined;
}

/** GET /oauth/authorize with the given parameters (undefined ones left out). */
export function authorizeRequest(issuer: string, p: AuthorizeParams): Promise<Reply> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined) q.append(k, v);
  return call(issuer, `/oauth/authorize?${q.toString()}`);
}

export function location(r: Reply): URL | null {
  const l = r.headers.get('location');
  return l ? new URL(l) : null;
}

export interface CodeResult {
  code: string;
  verifier: string;
  redirectUri: string;
  state: string;
}

/** Runs the authorization step for demo-public (consent auto) and returns the code. */
export async function getCode(issuer: string, over: AuthorizeParams = {}, verifierLength = 64): Promise<CodeResult> {
  const { verifier, challenge } = pkcePair(verifierLength);
  const state = over.state ?? randomBytes(8).toString('hex');
  const redirectUri = over.redirect_uri ?? DEMO_REDIRECT;
  const r = await authorizeRequest(issuer, {
    response_type: 'code', client_id: 'demo-public', redirect_uri: redirectUri, scope: 'openid profile offline_access',
    state, code_challenge: challenge, code_challenge_method: 'S256', ...over,
  });
  const loc = location(r);
  const code = loc?.searchParams.get('code');
  if (r.status !== 302 || !code) throw new Error(`no code: ${r.status} ${r.headers.get('location') ?? r.text.slice(0, 200)}`);
  return { code, verifier, redirectUri, state };
}

export function redeem(issuer: string, c: CodeResult, over: Record<string, string | undefined> = {}, headers: Record<string, string> = {}): Promise<Reply> {
  const form: Record<string, string> = {};
  const all = { grant_type: 'authorization_code', code: c.code, redirect_uri: c.redirectUri, client_id: 'demo-public', code_verifier: c.verifier, ...over };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) form[k] = v;
  return post(issuer, '/oauth/token', form, headers);
}

export async function tokens(issuer: string, over: AuthorizeParams = {}): Promise<Record<string, string>> {
  const r = await redeem(issuer, await getCode(issuer, over));
  if (r.status !== 200) throw new Error(`token request failed: ${r.text}`);
  return r.json as Record<string, string>;
}

export function refreshWith(issuer: string, refreshToken: string, over: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Reply> {
  return post(issuer, '/oauth/token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'demo-public', ...over }, headers);
}

/**
 * Introspection as the confidential client (RFC 7662 §2.1: the caller must be authorized; INT-1),
 * or, given a `clientId`, with that bare client_id (which a conformant mock refuses for a public client).
 */
export function introspect(issuer: string, token: string, clientId?: string): Promise<Reply> {
  if (clientId !== undefined) return post(issuer, '/oauth/introspect', { token, client_id: clientId });
  return post(issuer, '/oauth/introspect', { token }, { authorization: basic('demo-confidential', 'demo-confidential-secret') });
}

export const USERS_API = basic('demo-users-api', 'demo-users-api-secret');
export const CONFIDENTIAL = basic('demo-confidential', 'demo-confidential-secret');

export function usersToken(issuer: string, form: Record<string, string> = { grant_type: 'client_credentials' }, headers: Record<string, string> = { authorization: USERS_API }): Promise<Reply> {
  return post(issuer, '/v1beta1/users/oauth2/token', form, headers);
}

export function advance(issuer: string, seconds: number): Promise<Reply> {
  return call(issuer, '/_mock/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance_seconds: seconds }) });
}

export function register(issuer: string, application: Record<string, unknown>, bearer = 'demo-registration-token'): Promise<Reply> {
  return call(issuer, '/api/v1/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ application }),
  });
}
