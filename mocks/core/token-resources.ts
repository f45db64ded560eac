/** Revocation (RFC 7009), introspection (RFC 7662) and userinfo, the mock's protected resource. */
import { errorAnswer, json, type Answer } from './answer.js';
import { authenticateClient } from './client-auth.js';
import { scopeList, seconds, type CoreContext } from './context.js';
import { InvalidRequest, InvalidToken, OAuthError } from './errors.js';
import { bearerToken } from './form.js';
import { formParams, MethodNotAllowed, type EndpointRequest } from './request.js';
import { revokeAccessToken, revokeFamily, validateAccessToken } from './tokens.js';

function fail(err: unknown): Answer {
  const e = err instanceof OAuthError ? err : new InvalidRequest('the request could not be processed; check its parameters');
  return errorAnswer(e, e instanceof MethodNotAllowed ? { allow: e.allow } : {});
}

export async function revokeEndpoint(ctx: CoreContext, req: EndpointRequest): Promise<Answer> {
  try {
    const params = formParams(ctx, req);
    const { client } = authenticateClient({ authorization: req.authorization, params }, ctx.store, ctx.defects);
    const value = params.token;
    if (value === undefined || value === '') throw new InvalidRequest('token is required (RFC 7009 §2.1)');
    const refresh = ctx.store.refreshTokens.get(value);
    if (refresh) {
      // RFC 7009 §2.1: only the client the token was issued to may revoke it; others learn nothing.
      if (refresh.clientId === client.client_id && !ctx.defects.on('revoke-keeps-family')) // defect: breaks ROT-7
        revokeFamily(ctx.store.families.get(refresh.familyId), 'refresh token revoked');
    } else {
      const access = await validateAccessToken(ctx, value);
      if (access && access.clientId === client.client_id) revokeAccessToken(ctx, access);
    }
    // RFC 7009 §2.2: 200 whether or not the token was valid.
    return json(200, {}, { 'cache-control': 'no-store' });
  } catch (err) {
    return fail(err);
  }
}

export async function introspectEndpoint(ctx: CoreContext, req: EndpointRequest): Promise<Answer> {
  try {
    const params = formParams(ctx, req);
    authenticateClient({ authorization: req.authorization, params }, ctx.store, ctx.defects);
    const value = params.token;
    if (value === undefined || value === '') throw new InvalidRequest('token is required (RFC 7662 §2.1)');
    const headers = { 'cache-control': 'no-store' };
    const refresh = ctx.store.refreshTokens.get(value);
    if (refresh) {
      const family = ctx.store.families.get(refresh.familyId);
      const active = family && !family.revoked && !refresh.rotated && refresh.expiresAt > ctx.clock.now();
      if (!active || !family) return json(200, { active: false }, headers);
      return json(200, {
        active: true, token_type: 'refresh_token', client_id: refresh.clientId, scope: refresh.scope, sub: family.sub,
        iss: ctx.issuer, iat: seconds(refresh.issuedAt), exp: seconds(refresh.expiresAt),
      }, headers);
    }
    const access = await validateAccessToken(ctx, value);
    if (!access) return json(200, { active: false }, headers);
    return json(200, {
      active: true, token_type: 'Bearer', client_id: access.clientId, scope: access.scope, sub: access.sub,
      iss: ctx.issuer, aud: ctx.issuer, iat: access.iat, exp: access.exp, ...(access.jwt ? { jti: access.id } : {}),
    }, headers);
  } catch (err) {
    return fail(err);
  }
}

export async function userinfoEndpoint(ctx: CoreContext, req: EndpointRequest): Promise<Answer> {
  if (req.method !== 'GET' && req.method !== 'POST') return fail(new MethodNotAllowed('GET, POST'));
  const token = bearerToken(req.authorization);
  if (!token) {
    // RFC 6750 §3.1: no error code in the challenge when no credentials were sent
    return json(401, { error: 'invalid_token', error_description: 'send the access token as Authorization: Bearer <token>' }, { 'www-authenticate': 'Bearer realm="authprobe"' });
  }
  const access = await validateAccessToken(ctx, token);
  if (!access) return errorAnswer(new InvalidToken('the access token is invalid, expired or revoked'));
  if (!scopeList(access.scope).includes('openid'))
    return json(403, { error: 'insufficient_scope', error_description: 'the token lacks the openid scope' }, { 'www-authenticate': 'Bearer realm="authprobe", error="insufficient_scope", scope="openid"' });
  const user = ctx.config.users.find((u) => u.sub === access.sub);
  const claims: Record<string, unknown> = { sub: access.sub };
  const scopes = scopeList(access.scope);
  if (user && scopes.includes('profile')) {
    if (user.name) claims.name = user.name;
    if (user.preferred_username) claims.preferred_username = user.preferred_username;
  }
  if (user?.email && scopes.includes('email')) {
    claims.email = user.email;
    claims.email_verified = true;
  }
  return json(200, claims, { 'cache-control': 'no-store' });
}
