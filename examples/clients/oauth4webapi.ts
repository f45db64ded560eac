/**
 * oauth4webapi 3, used as its "Public Client" example shows: RFC 8414 discovery, PKCE S256, an
 * authorization URL built by hand, `validateAuthResponse` on the callback, then the code and
 * refresh grants with client authentication `None()`.
 *
 * What the server sees: `client_id` in the body and no secret; PKCE S256 with a fresh
 * 43-character verifier; no `state` (the example adds one only when the metadata does not
 * advertise S256, relying on PKCE against CSRF as RFC 9700 §2.1 allows). `validateAuthResponse`
 * checks `iss` (RFC 9207) because the metadata says `authorization_response_iss_parameter_supported`.
 */
import * as oauth from 'oauth4webapi';
import type { CodeFlowOptions, CodeFlowResult } from './code-flow.js';
import { followAuthorization } from './user-agent.js';

export async function codeFlowWithRefresh(o: CodeFlowOptions): Promise<CodeFlowResult> {
  const issuer = new URL(o.issuer);
  // The mock serves plain http on loopback; the library refuses it unless told.
  const insecure = { [oauth.allowInsecureRequests]: true };
  const as = await oauth
    .discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure })
    .then((response) => oauth.processDiscoveryResponse(issuer, response));
  const client: oauth.Client = { client_id: o.clientId, token_endpoint_auth_method: 'none' };
  const clientAuth = oauth.None();

  const code_verifier = oauth.generateRandomCodeVerifier();
  const code_challenge = await oauth.calculatePKCECodeChallenge(code_verifier);
  let state: string | undefined;
  const authorizationUrl = new URL(as.authorization_endpoint as string);
  authorizationUrl.searchParams.set('client_id', client.client_id);
  authorizationUrl.searchParams.set('redirect_uri', o.redirectUri);
  authorizationUrl.searchParams.set('response_type', 'code');
  authorizationUrl.searchParams.set('scope', o.scope);
  authorizationUrl.searchParams.set('code_challenge', code_challenge);
  authorizationUrl.searchParams.set('code_challenge_method', 'S256');
  if (as.code_challenge_methods_supported?.includes('S256') !== true) {
    state = oauth.generateRandomState();
    authorizationUrl.searchParams.set('state', state);
  }
  const currentUrl = await followAuthorization(authorizationUrl);

  const params = oauth.validateAuthResponse(as, client, currentUrl, state);
  const result = await oauth.processAuthorizationCodeResponse(as, client,
    await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, o.redirectUri, code_verifier, insecure));
  if (!result.refresh_token) throw new Error('oauth4webapi: the code exchange returned no refresh_token');
  const refreshed = await oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, clientAuth, result.refresh_token, insecure));
  const run: CodeFlowResult = {
    first: { accessToken: result.access_token, refreshToken: result.refresh_token },
    refreshed: { accessToken: refreshed.access_token, refreshToken: refreshed.refresh_token },
  };
  if (o.refreshes === 2) {
    // The library hands back each response as is; keeping the current refresh token when a response has none (RFC 6749 §6) is the application's part.
    const again = await oauth.processRefreshTokenResponse(as, client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshed.refresh_token ?? result.refresh_token, insecure));
    run.refreshedAgain = { accessToken: again.access_token, refreshToken: again.refresh_token };
  }
  return run;
}
