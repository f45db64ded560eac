/** grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6). */
import { scopeList, type CoreContext } from './context.js';
import { InvalidGrant, InvalidRequest } from './errors.js';
import type { Params } from './form.js';
import { checkVerifier, type PkceChallenge } from './pkce.js';
import type { ClientRecord } from './store.js';
import { createFamily, issueAccessToken, issueIdToken, issueRefreshToken, revokeFamily } from './tokens.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function redeemCode(ctx: CoreContext, client: ClientRecord, params: Params): Promise<Record<string, unknown>> {
  const { store, defects } = ctx;
  const value = params.code;
  if (value === undefined || value === '') throw new InvalidRequest('code is required');
  const code = store.codes.get(value);
  if (!code) throw new InvalidGrant('the authorization code is unknown or expired');
  if (code.clientId !== client.client_id && !defects.on('code-not-bound-to-client')) // defect: breaks CODE-3
    throw new InvalidGrant('the authorization code was issued to another client (RFC 6749 §4.1.3)');
  if (code.used && !defects.on('code-reusable')) { // defect: breaks CODE-1, CODE-2
    // RFC 6749 §4.1.2: a replayed code SHOULD revoke the tokens previously issued from it
    if (!defects.on('code-replay-keeps-tokens') && code.familyId) revokeFamily(store.families.get(code.familyId), 'authorization code replayed'); // defect: breaks CODE-2
    throw new InvalidGrant('the authorization code was already used');
  }
  if (code.expiresAt <= ctx.clock.now()) throw new InvalidGrant('the authorization code expired');
  const challenge: PkceChallenge | null = code.challenge ? { challenge: code.challenge, method: code.challengeMethod as 'S256' } : null;
  checkVerifier(params.code_verifier, challenge, defects);
  if (!defects.on('token-redirect-uri-unchecked')) { // defect: breaks RED-4
    const sent = params.redirect_uri;
    if (code.redirectUriSent ? sent !== code.redirectUri : sent !== undefined && sent !== code.redirectUri)
      throw new InvalidGrant('redirect_uri must be identical to the one of the authorization request (RFC 6749 §4.1.3)');
  }

  // The defect: check, then consume after a yield, so concurrent redemptions all pass the check.
  if (defects.on('code-race')) await sleep(25); // defect: breaks RACE-1, RACE-2
  // Consume before any await: a concurrent redemption sees `used` (single use, §4.1.2).
  code.used = true;
  const family = createFamily(ctx, { clientId: client.client_id, sub: code.sub, scope: code.scope });
  // The defect: the family is bound to the code late, so a replay during issuance revokes nothing.
  if (defects.on('code-family-late')) await sleep(25); // defect: breaks RACE-2
  code.familyId = family.id;
  // Keep the spent code as long as its tokens may live, to recognise a replay.
  code.expiresAt = Math.max(code.expiresAt, family.expiresAt);

  const access = await issueAccessToken(ctx, {
    clientId: client.client_id, sub: code.sub, scope: code.scope, familyId: family.id, lifetime: ctx.config.lifetimes.accessToken,
  });
  const body: Record<string, unknown> = {
    access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope: code.scope,
  };
  if (client.grant_types.includes('refresh_token')) body.refresh_token = issueRefreshToken(ctx, family, client.client_id, code.scope);
  if (scopeList(code.scope).includes('openid'))
    body.id_token = await issueIdToken(ctx, { clientId: client.client_id, sub: code.sub, nonce: code.nonce, authTime: code.issuedAt });
  if (defects.on('code-token-type-missing')) delete body.token_type; // defect: breaks TOK-8
  return body;
}
