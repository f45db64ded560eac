/**
 * Positive controls. A property that asks the target to refuse something is met by a target
 * that refuses everything, so a refusal counts only when the same target grants the valid
 * request that differs from the refused one in nothing but the thing under test. A property
 * creates one `PositiveControls` per run (`positiveControls()` inside `property()`) and calls
 * it before its refusals; each valid request is tried until it has been granted once, and
 * again in every failing run, so that the failing run's exchanges show the refused valid request.
 */
import { check, expectTokens, PropertyFailure } from '../runner/failure.js';
import { recordGrant } from '../runner/positive-control.js';
import type { PropertyContext } from '../runner/types.js';
import { obtainCode, type IssuedCode } from './authorize.js';
import { clientAuth, type ClientRef } from './clients.js';
import { redeemCode, tokenEndpoint } from './token.js';

export class PositiveControlFailure extends PropertyFailure {
  override name = 'PositiveControlFailure';
}

/**
 * `control(valid, refusal, attempt)`: `attempt` sends `valid` and fails the property (with the
 * answer) when it is not granted; that failure becomes "the target refuses the valid request
 * too, so its refusal of `refusal` shows nothing: ...". Later calls with the same `valid` are
 * free once it has been granted.
 */
/** Fails the property: the valid counterpart of a refused request was refused as well. */
export function validRefusedToo(valid: string, refusal: string, detail: string): never {
  throw new PositiveControlFailure(`the target refuses the valid request too (${valid}), so its refusal of ${refusal} shows nothing: ${detail}`);
}

export type PositiveControls = (valid: string, refusal: string, attempt: () => Promise<unknown>) => Promise<void>;

export function positiveControls(): PositiveControls {
  const granted = new Set<string>();
  return async (valid, refusal, attempt) => {
    if (granted.has(valid)) {
      recordGrant();
      return;
    }
    try {
      await attempt();
    } catch (err) {
      if (err instanceof PropertyFailure && !(err instanceof PositiveControlFailure)) validRefusedToo(valid, refusal, err.message);
      throw err;
    }
    granted.add(valid);
    recordGrant();
  };
}

/** The authorization request with `redirectUri` (default: the client's) is granted: a redirect to it with a code. */
export async function grantedCode(ctx: PropertyContext, client: ClientRef, opts: { redirectUri?: string } = {}): Promise<IssuedCode> {
  const issued = await obtainCode(ctx, client, opts.redirectUri ? { redirectUri: opts.redirectUri } : {});
  const cb = issued.outcome.callback?.toString() ?? '';
  check(cb.startsWith(issued.redirectUri), () => `the code came back to ${cb}, not to ${issued.redirectUri}`);
  return issued;
}

/** The whole code flow for `client` (S256 PKCE, the client's own authentication) yields tokens. */
export async function grantedCodeTokens(ctx: PropertyContext, client: ClientRef): Promise<Record<string, unknown>> {
  const issued = await obtainCode(ctx, client);
  const res = await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier });
  return expectTokens(res, `redeeming a fresh code for ${client.id} with its verifier`);
}

/** A client_credentials request a confidential client is entitled to: its registered authentication, at `endpoint`. */
export interface ClientCredentialsRequest {
  label: string;
  endpoint: string;
  params: Array<[string, string]>;
  headers: Record<string, string>;
}

export function clientCredentialsRequest(ctx: PropertyContext, t: { client: ClientRef; endpoint?: string }): ClientCredentialsRequest {
  const auth = clientAuth(t.client);
  const params: Array<[string, string]> = [['grant_type', 'client_credentials'], ...auth.params];
  // The users-API path issues tokens for scope openid only (users-api-token).
  if (t.client.name === 'usersApi') params.push(['scope', 'openid']);
  return { label: `client_credentials for ${t.client.id} (${t.client.method})`, endpoint: t.endpoint ?? tokenEndpoint(ctx), params, headers: auth.headers };
}

/** The client's client_credentials request, authenticated as registered, yields a token. */
export async function grantedClientCredentials(ctx: PropertyContext, t: { client: ClientRef; endpoint?: string }): Promise<Record<string, unknown>> {
  const r = clientCredentialsRequest(ctx, t);
  return expectTokens(await ctx.http.postForm(r.endpoint, r.params, r.headers), r.label);
}
