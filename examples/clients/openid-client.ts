/**
 * openid-client 6, used as its README's quick start shows: discovery, PKCE S256, the
 * authorization URL, `authorizationCodeGrant` on the callback URL, then `refreshTokenGrant`.
 *
 * What the server sees: `client_id` in the body and no secret (`client.None()`); PKCE S256 with a
 * fresh 43-character verifier; no `state` (the quick start adds one only when the server's
 * metadata does not advertise S256, relying on PKCE against CSRF as RFC 9700 §2.1 allows). On the
 * callback it checks `iss` (RFC 9207, the mock advertises `authorization_response_iss_parameter_supported`)
 * and, for `openid`, the ID token's claims.
 */
import * as client from 'openid-client';
import { followAuthorization } from './user-agent.js';
import type { CodeFlowOptions, CodeFlowResult } from './code-flow.js';

export async function codeFlowWithRefresh(o: CodeFlowOptions): Promise<CodeFlowResult> {
  // A public client: no secret, client authentication `none`. The mock serves plain http on loopback.
  const config = await client.discovery(new URL(o.issuer), o.clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });

  const code_verifier = client.randomPKCECodeVerifier();
  const code_challenge = await client.calculatePKCECodeChallenge(code_verifier);
  let state: string | undefined;
  const parameters: Record<string, string> = { redirect_uri: o.redirectUri, scope: o.scope, code_challenge, code_challenge_method: 'S256' };
  if (!config.serverMetadata().supportsPKCE()) {
    state = client.randomState();
    parameters.state = state;
  }
  const callback = await followAuthorization(client.buildAuthorizationUrl(config, parameters));

  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: code_verifier, expectedState: state });
  if (!tokens.refresh_token) throw new Error('openid-client: the code exchange returned no refresh_token');
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  const result: CodeFlowResult = {
    first: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token },
    refreshed: { accessToken: refreshed.access_token, refreshToken: refreshed.refresh_token },
  };
  if (o.refreshes === 2) {
    // The library hands back each response as is; keeping the current refresh token when a response has none (RFC 6749 §6) is the application's part.
    const again = await client.refreshTokenGrant(config, refreshed.refresh_token ?? tokens.refresh_token);
    result.refreshedAgain = { accessToken: again.access_token, refreshToken: again.refresh_token };
  }
  return result;
}
