/**
 * Sending an authorization request (RFC 6749 §4.1.1) through the target's driver, and what
 * came of it: where the user agent was sent off the server's origin (with the response
 * parameters), or why it was not, plus every navigation the server attempted on the way.
 */
import type { Exchange } from '../http/exchange.js';
import { navigationsOf, type Navigation } from '../target/navigation.js';
import type { PropertyContext } from '../runner/types.js';
import { fail } from '../runner/failure.js';
import { recordGrant } from '../runner/positive-control.js';
import type { ClientRef } from './clients.js';
import { pkcePair, randomState, type PkcePair } from './pkce.js';

export interface AuthorizationParams {
  client_id: string;
  /** Omitted from the request when undefined. */
  redirect_uri?: string | undefined;
  response_type?: string;
  scope?: string | undefined;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
  extra?: Array<[string, string]>;
}

export interface AuthorizationOutcome {
  requestUrl: string;
  /** Where the server finally sent the user agent (off its origin, or with code/error). */
  callback?: URL;
  /** The callback's response parameters (query, or fragment when the query has none). */
  params?: URLSearchParams;
  /** Why the server did not redirect (error page, driver error). */
  refused?: string;
  /** Every navigation the server answered with on the way: Location, Refresh, forms. */
  navigations: Navigation[];
}

export function authorizationUrl(endpoint: string, p: AuthorizationParams): string {
  const u = new URL(endpoint);
  const pairs: Array<[string, string | undefined]> = [
    ['response_type', p.response_type ?? 'code'],
    ['client_id', p.client_id],
    ['redirect_uri', p.redirect_uri],
    ['scope', p.scope],
    ['state', p.state],
    ['code_challenge', p.code_challenge],
    ['code_challenge_method', p.code_challenge_method],
  ];
  for (const [k, v] of pairs) if (v !== undefined) u.searchParams.append(k, v);
  for (const [k, v] of p.extra ?? []) u.searchParams.append(k, v);
  return u.toString();
}

export async function authorizationRequest(ctx: PropertyContext, p: AuthorizationParams): Promise<AuthorizationOutcome> {
  const endpoint = ctx.target.endpoints.authorization_endpoint;
  if (!endpoint) fail('the target has no authorization_endpoint (metadata or endpoints override)');
  const requestUrl = authorizationUrl(endpoint, p);
  const out: AuthorizationOutcome = { requestUrl, navigations: [] };
  const exchanges: Exchange[] = [];
  try {
    const cb = await ctx.http.recordingInto(exchanges, () => ctx.target.authorize(requestUrl, ctx.http.driverFetch));
    out.callback = new URL(cb);
    const query = out.callback.searchParams;
    out.params = [...query.keys()].length || !out.callback.hash ? query : new URLSearchParams(out.callback.hash.slice(1));
  } catch (err) {
    out.refused = err instanceof Error ? err.message : String(err);
  }
  out.navigations = exchanges.flatMap(navigationsOf);
  return out;
}

export interface IssuedCode {
  code: string;
  pkce: PkcePair;
  redirectUri: string;
  state: string;
  outcome: AuthorizationOutcome;
}

/** A successful authorization for `client` with PKCE S256; fails the property with the evidence otherwise. */
export async function obtainCode(
  ctx: PropertyContext,
  client: ClientRef,
  opts: { pkce?: PkcePair | null; scope?: string; state?: string; redirectUri?: string } = {},
): Promise<IssuedCode> {
  const pkce = opts.pkce === null ? undefined : (opts.pkce ?? pkcePair());
  const state = opts.state ?? randomState();
  const redirectUri = opts.redirectUri ?? client.redirectUri;
  if (!redirectUri) fail(`client ${client.name} has no redirect_uri in the target`);
  const outcome = await authorizationRequest(ctx, {
    client_id: client.id,
    redirect_uri: redirectUri,
    scope: opts.scope ?? client.scope,
    state,
    code_challenge: pkce?.challenge,
    code_challenge_method: pkce ? 'S256' : undefined,
  });
  const code = outcome.params?.get('code');
  if (!code) {
    fail(
      `a valid authorization request for ${client.name} (${client.id}) got no code: ` +
        (outcome.refused ?? `callback ${outcome.callback?.toString() ?? '(none)'}`),
    );
  }
  recordGrant();
  return { code, pkce: pkce ?? { verifier: '', challenge: '' }, redirectUri, state, outcome };
}
