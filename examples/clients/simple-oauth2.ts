/**
 * simple-oauth2 5, used as its README shows: an `AuthorizationCode` client, `authorizeURL`,
 * `getToken` with the code, then `accessToken.refresh()`.
 *
 * The library has no PKCE of its own: the application makes the verifier and the S256 challenge
 * (`node:crypto`, RFC 7636 §4.1-4.2) and passes them as extra parameters, which `authorizeURL`
 * and `getToken` forward unchanged. It has no `state` of its own either: the application passes
 * one and must compare it itself (done below), and it reads no `iss` (RFC 9207).
 *
 * What the server sees: the configuration's types demand a `client.secret`, which a public client
 * does not have, so it passes `''`. With the default `authorizationMethod: 'header'` that becomes
 * `Authorization: Basic base64(id:)` (a Basic header from a public client); with `'body'`, used
 * here, the form carries `client_secret=` with an empty value, which RFC 6749 §3.2 treats as
 * omitted (leaving `secret` out in plain JavaScript gives the same empty parameter, or
 * `Basic base64(id:undefined)` with the header method). On a refresh response without a
 * refresh token, `refresh()` copies `this.refresh_token` (undefined) instead of the old token,
 * so the client loses its refresh token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AuthorizationCode } from 'simple-oauth2';
import type { CodeFlowOptions, CodeFlowResult, TokensSeen } from './code-flow.js';
import { followAuthorization } from './user-agent.js';

export async function codeFlowWithRefresh(o: CodeFlowOptions): Promise<CodeFlowResult> {
  const issuer = new URL(o.issuer);
  const client = new AuthorizationCode({
    // The types require a secret; a public client has none (RFC 6749 §2.1).
    client: { id: o.clientId, secret: '' },
    auth: { tokenHost: issuer.origin, tokenPath: '/oauth/token', authorizePath: '/oauth/authorize' },
    options: { authorizationMethod: 'body' },
  });

  const codeVerifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorizationUri = client.authorizeURL({
    redirect_uri: o.redirectUri,
    scope: o.scope,
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  } as Parameters<AuthorizationCode['authorizeURL']>[0]);
  const callback = await followAuthorization(authorizationUri);
  // RFC 6749 §10.12: the library leaves the state check to the application.
  if (callback.searchParams.get('state') !== state) throw new Error('simple-oauth2 example: the authorization response did not return our state');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`simple-oauth2 example: the authorization response has no code: ${callback.search}`);

  const accessToken = await client.getToken({ code, redirect_uri: o.redirectUri, code_verifier: codeVerifier } as Parameters<AuthorizationCode['getToken']>[0]);
  const refreshed = await accessToken.refresh();
  const seen = (t: typeof accessToken): TokensSeen => ({ accessToken: String(t.token.access_token), refreshToken: t.token.refresh_token as string | undefined });
  const result: CodeFlowResult = { first: seen(accessToken), refreshed: seen(refreshed) };
  // The AccessToken object the library returned is what the application keeps and refreshes with.
  if (o.refreshes === 2) result.refreshedAgain = seen(await refreshed.refresh());
  return result;
}
