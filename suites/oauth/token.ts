/**
 * Token endpoint requests (RFC 6749 §4.1.3, §4.4.2, §6), revocation (RFC 7009) and the two
 * ways to ask whether an access token still works: introspection (RFC 7662) or a protected
 * resource (userinfo, RFC 6750 §3.1).
 */
import type { HttpResponse } from '../http/client.js';
import { check, evidence, expectTokens, fail, PropertySkip } from '../runner/failure.js';
import type { PropertyContext } from '../runner/types.js';
import { obtainCode, type IssuedCode } from './authorize.js';
import { clientAuth, confidentialClient, type AuthMethod, type ClientRef } from './clients.js';

export function tokenEndpoint(ctx: PropertyContext): string {
  const e = ctx.target.endpoints.token_endpoint;
  if (!e) fail('the target has no token_endpoint (metadata or endpoints override)');
  return e;
}

/** A token request for `client` with `params`, authenticated by `method` (default: the client's). */
export function tokenRequest(
  ctx: PropertyContext,
  client: ClientRef,
  params: Array<[string, string]>,
  opts: { method?: AuthMethod; endpoint?: string; headers?: Record<string, string> } = {},
): Promise<HttpResponse> {
  const auth = clientAuth(client, opts.method);
  return ctx.http.postForm(opts.endpoint ?? tokenEndpoint(ctx), [...params, ...auth.params], { ...auth.headers, ...(opts.headers ?? {}) });
}

export function redeemCode(
  ctx: PropertyContext,
  client: ClientRef,
  issued: Pick<IssuedCode, 'code' | 'redirectUri'> & { verifier?: string | undefined },
  opts: { method?: AuthMethod; extra?: Array<[string, string]> } = {},
): Promise<HttpResponse> {
  const params: Array<[string, string]> = [
    ['grant_type', 'authorization_code'],
    ['code', issued.code],
    ['redirect_uri', issued.redirectUri],
  ];
  if (issued.verifier !== undefined) params.push(['code_verifier', issued.verifier]);
  return tokenRequest(ctx, client, [...params, ...(opts.extra ?? [])], opts.method ? { method: opts.method } : {});
}

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  expires_in?: unknown;
  scope?: string;
  raw: Record<string, unknown>;
  response: HttpResponse;
}

function tokenSet(res: HttpResponse, what: string): TokenSet {
  const json = expectTokens(res, what);
  const set: TokenSet = { access_token: json.access_token as string, expires_in: json.expires_in, raw: json, response: res };
  if (typeof json.refresh_token === 'string') set.refresh_token = json.refresh_token;
  if (typeof json.scope === 'string') set.scope = json.scope;
  return set;
}

/** The whole code flow for `client`: authorization with PKCE, then the token request. */
export async function codeFlowTokens(ctx: PropertyContext, client: ClientRef, opts: { scope?: string } = {}): Promise<TokenSet> {
  const issued = await obtainCode(ctx, client, opts.scope ? { scope: opts.scope } : {});
  return tokenSet(await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier }), `redeeming a fresh code for ${client.name}`);
}

/** As codeFlowTokens, but the property cannot go on without a refresh token. */
export async function codeFlowWithRefresh(ctx: PropertyContext, client: ClientRef): Promise<TokenSet & { refresh_token: string }> {
  const set = await codeFlowTokens(ctx, client);
  if (!set.refresh_token) {
    throw new PropertySkip(`the target issued no refresh_token to ${client.name} for scope "${client.scope ?? ''}" (add offline_access to clients.${client.name}.scope if it needs it)`);
  }
  return set as TokenSet & { refresh_token: string };
}

export function refreshRequest(ctx: PropertyContext, client: ClientRef, refreshToken: string, scope?: string): Promise<HttpResponse> {
  const params: Array<[string, string]> = [['grant_type', 'refresh_token'], ['refresh_token', refreshToken]];
  if (scope !== undefined) params.push(['scope', scope]);
  return tokenRequest(ctx, client, params);
}

export function parseTokens(res: HttpResponse, what: string): TokenSet {
  return tokenSet(res, what);
}

export async function revoke(ctx: PropertyContext, client: ClientRef, token: string, hint?: string): Promise<HttpResponse> {
  const endpoint = ctx.target.endpoints.revocation_endpoint;
  if (!endpoint) fail('the target has no revocation_endpoint');
  const params: Array<[string, string]> = [['token', token]];
  if (hint) params.push(['token_type_hint', hint]);
  const res = await tokenRequest(ctx, client, params, { endpoint });
  // RFC 7009 §2.2: 200 whether or not the token was valid.
  check(res.status === 200, () => `revocation request answered ${evidence(res)}, expected 200 (RFC 7009 §2.2)`);
  return res;
}

/**
 * Whether the server still accepts `token`: introspection `active`, else userinfo 200 vs 401.
 * Undefined when neither tells (the property then skips).
 */
export async function accessTokenActive(ctx: PropertyContext, token: string, asClient?: ClientRef): Promise<boolean | undefined> {
  const { introspection_endpoint: introspect, userinfo_endpoint: userinfo } = ctx.target.endpoints;
  if (introspect) {
    const caller = asClient ?? (ctx.target.spec.clients?.confidential ? confidentialClient(ctx.target) : undefined);
    if (caller) {
      const res = await tokenRequest(ctx, caller, [['token', token]], { endpoint: introspect });
      const active = (res.json as { active?: unknown } | undefined)?.active;
      if (res.status === 200 && typeof active === 'boolean') return active;
    }
  }
  if (userinfo) {
    const res = await ctx.http.send({ url: userinfo, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    if (res.status === 200) return true;
    if (res.status === 401) return false;
  }
  return undefined;
}

export async function expectActive(ctx: PropertyContext, token: string, expected: boolean, what: string, asClient?: ClientRef): Promise<void> {
  const active = await accessTokenActive(ctx, token, asClient);
  if (active === undefined) throw new PropertySkip('neither introspection nor userinfo tells whether an access token is active');
  check(active === expected, () => `${what}: the access token is ${active ? 'still accepted' : 'rejected'} (expected ${expected ? 'accepted' : 'rejected'})`);
}
