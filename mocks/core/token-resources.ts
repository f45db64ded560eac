/** Revocation (RFC 7009), introspection (RFC 7662) and userinfo, the mock's protected resource. */
import { errorAnswer, json, type Answer } from './answer.js';
import { authenticateClient, ClientAuthenticationFailed } from './client-auth.js';
import { scopeList, seconds, type CoreContext } from './context.js';
import { InvalidRequest, InvalidToken, OAuthError } from './errors.js';
import { bearerToken, type Params } from './form.js';
import { formParams, MethodNotAllowed, type EndpointRequest } from './request.js';
import { revokeAccessToken, revokeFamily, validateAccessToken } from './tokens.js';

function fail(err: unknown): Answer {
  const e = err instanceof OAuthError ? err : new InvalidRequest('the request could not be processed; check its parameters');
  return errorAnswer(e, e instanceof MethodNotAllowed ? { allow: e.allow } : {});
}

export async function revokeEndpoint(ctx: CoreContext, req: EndpointRequest): Promise<Answer> {
  try {
    let params: Params;
    try {
      params = formParams(ctx, req);
    } catch (err) {
      ctx.clientConformance.unreadable(ctx, req, 'revocation'); // CL-13
      throw err;
    }
    ctx.clientConformance.revocation(ctx, req, params); // CL-10, CL-11, CL-13
    const { client } = authenticateClient({ authorization: req.authorization, params }, ctx.store, ctx.defects);
    const value = params.token;
    if (value === undefined || (value === '' && !ctx.defects.on('revoke-empty-token'))) throw new InvalidRequest('token is required (RFC 7009 §2.1)'); // defect: breaks REV-5
    const hint = params.token_type_hint;
    // RFC 7009 §2.2: an invalid hint value is ignored; refresh tokens MUST be revocable (§2).
    if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token' && ctx.defects.on('revoke-hint-unsupported')) // defect: breaks REV-4
      throw new OAuthError('unsupported_token_type', `token_type_hint '${hint}' is not supported`);
    // RFC 7009 §2.1: a hint that does not find the token MUST NOT end the search.
    const trustHint = ctx.defects.on('revoke-hint-trusted'); // defect: breaks REV-3
    const ownerOnly = !ctx.defects.on('revoke-any-client'); // defect: breaks REV-1
    // RFC 7009 §2.2: an unknown hint value is ignored, never read as "refresh tokens only".
    const refreshOnly = hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token' && ctx.defects.on('revoke-unknown-hint-refresh-only'); // defect: breaks REV-4
    const refresh = trustHint && hint === 'access_token' ? undefined : ctx.store.refreshTokens.get(value);
    let found = false;
    if (refresh) {
      found = true;
      // RFC 7009 §2.1: only the client the token was issued to may revoke it; others learn nothing.
      if ((refresh.clientId === client.client_id || !ownerOnly) && !ctx.defects.on('revoke-keeps-family')) { // defect: breaks ROT-7
        if (ctx.defects.on('revoke-refresh-race')) revokeIssuedSoFar(ctx, refresh.familyId); // defect: breaks RACE-3
        else revokeFamily(ctx.store.families.get(refresh.familyId), 'refresh token revoked');
      }
    } else if (!(trustHint && hint === 'refresh_token') && !refreshOnly) {
      const access = await validateAccessToken(ctx, value);
      if (access) found = true;
      if (access && (access.clientId === client.client_id || !ownerOnly)) revokeAccessToken(ctx, access);
    }
    if (!found && ctx.defects.on('revoke-unknown-error')) throw new InvalidRequest('the token is unknown, expired or revoked'); // defect: breaks REV-2
    // RFC 7009 §2.2: 200 whether or not the token was valid.
    return json(200, {}, { 'cache-control': 'no-store' });
  } catch (err) {
    return fail(err);
  }
}

/**
 * The RACE-3 defect: revocation ends the refresh and access tokens that exist when it runs
 * instead of the family, so a refresh already in flight mints a successor that survives. Scans
 * the store: only a defect takes this path.
 */
function revokeIssuedSoFar(ctx: CoreContext, familyId: string): void {
  for (const r of ctx.store.refreshTokens.values()) if (r.familyId === familyId) r.expiresAt = ctx.clock.now();
  for (const a of ctx.store.accessTokens.values()) if (a.familyId === familyId) a.revoked = true;
}

export async function introspectEndpoint(ctx: CoreContext, req: EndpointRequest): Promise<Answer> {
  try {
    const params = formParams(ctx, req);
    const { client } = authenticateClient({ authorization: req.authorization, params }, ctx.store, ctx.defects);
    // RFC 7662 §2.1: the endpoint MUST require authorization (against token scanning); a public
    // client's client_id authenticates nothing, so only confidential clients may introspect.
    const anyCaller = ctx.defects.on('introspect-any-caller'); // defect: breaks INT-1, INT-2
    const ownTokens = ctx.defects.on('introspect-public-caller'); // defect: breaks INT-1
    if (client.client_type === 'public' && !anyCaller && !ownTokens)
      throw new ClientAuthenticationFailed(`client '${client.client_id}' is public: introspection needs client authentication (RFC 7662 §2.1)`, false);
    // RFC 7662 §2.2: a token the caller may not introspect is active false, with nothing else.
    const allowed = (owner: string) => client.client_type === 'confidential' || anyCaller || owner === client.client_id;
    const value = params.token;
    if (value === undefined || value === '') throw new InvalidRequest('token is required (RFC 7662 §2.1)');
    const headers: Record<string, string> = ctx.defects.on('introspect-cacheable') ? {} : { 'cache-control': 'no-store' }; // defect: breaks INT-5
    const refresh = ctx.store.refreshTokens.get(value);
    if (refresh) {
      const family = ctx.store.families.get(refresh.familyId);
      const stale = refresh.rotated && !ctx.defects.on('introspect-stale-refresh'); // defect: breaks INT-3
      const active = family && !family.revoked && !stale && refresh.expiresAt > ctx.clock.now();
      if (!active || !family || !allowed(refresh.clientId)) return json(200, { active: false }, headers);
      return json(200, {
        active: true, token_type: 'refresh_token', client_id: refresh.clientId, scope: refresh.scope, sub: family.sub,
        iss: ctx.issuer, iat: seconds(refresh.issuedAt), exp: seconds(refresh.expiresAt),
      }, headers);
    }
    const access = await validateAccessToken(ctx, value);
    if (!access || !allowed(access.clientId)) return ctx.defects.on('introspect-unknown-error') ? fail(new InvalidRequest('the token is unknown, expired or revoked')) : json(200, { active: false }, headers); // defect: breaks INT-4
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
