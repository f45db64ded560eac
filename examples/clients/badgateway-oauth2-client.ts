/**
 * @badgateway/oauth2-client 3, used as its README shows: an `OAuth2Client` that discovers its
 * endpoints (RFC 8414), `generateCodeVerifier`, `authorizationCode.getAuthorizeUri`,
 * `getTokenFromCodeRedirect` on the callback, then `refreshToken`.
 *
 * What the server sees: without a `clientSecret` the library switches to `client_secret_post`
 * with only `client_id` in the body (no secret, no Basic header); PKCE S256 with a 43-character
 * verifier; `state` only when the application passes one (the library makes none; the README's
 * example passes a constant, we pass a random one) and then compared on the callback. It reads
 * no `iss` from the authorization response (RFC 9207 is not implemented). On a refresh response
 * without a refresh token it keeps the old one (RFC 6749 §6).
 */
import { randomBytes } from 'node:crypto';
import { OAuth2Client, generateCodeVerifier } from '@badgateway/oauth2-client';
import type { CodeFlowOptions, CodeFlowResult } from './code-flow.js';
import { followAuthorization } from './user-agent.js';

export async function codeFlowWithRefresh(o: CodeFlowOptions): Promise<CodeFlowResult> {
  // No clientSecret: "Don't specify this in insecure contexts, such as a browser using the authorization_code flow."
  const client = new OAuth2Client({ server: o.issuer, clientId: o.clientId });

  const codeVerifier = await generateCodeVerifier();
  const state = randomBytes(16).toString('base64url');
  const authorizeUri = await client.authorizationCode.getAuthorizeUri({
    redirectUri: o.redirectUri,
    state,
    codeVerifier,
    scope: o.scope.split(' '),
  });
  const callback = await followAuthorization(authorizeUri);

  const token = await client.authorizationCode.getTokenFromCodeRedirect(callback, { redirectUri: o.redirectUri, state, codeVerifier });
  const refreshed = await client.refreshToken(token);
  const result: CodeFlowResult = {
    first: { accessToken: token.accessToken, refreshToken: token.refreshToken ?? undefined },
    refreshed: { accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken ?? undefined },
  };
  if (o.refreshes === 2) {
    // The token object the library returned is what the application keeps and refreshes with.
    const again = await client.refreshToken(refreshed);
    result.refreshedAgain = { accessToken: again.accessToken, refreshToken: again.refreshToken ?? undefined };
  }
  return result;
}
