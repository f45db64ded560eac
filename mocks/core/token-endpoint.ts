/** POST /oauth/token (RFC 6749 §3.2): method, body, client authentication, then the grant. */
import type { Answer } from './answer.js';
import { authenticateClient, ClientAuthenticationFailed } from './client-auth.js';
import { redeemCode } from './code-grant.js';
import { scopeList, type CoreContext } from './context.js';
import { InvalidRequest, InvalidScope, OAuthError, UnauthorizedClient, UnsupportedGrantType } from './errors.js';
import type { Params } from './form.js';
import { refresh } from './refresh-grant.js';
import { formParams, tokenError, tokenSuccess, type EndpointRequest } from './request.js';
import type { ClientRecord } from './store.js';
import { issueAccessToken } from './tokens.js';
import { randomToken } from './secrets.js';

const GRANTS = new Set(['authorization_code', 'refresh_token', 'client_credentials']);

export async function tokenEndpoint(ctx: CoreContext, req: EndpointRequest): Promise<Answer> {
  try {
    let params: Params;
    try {
      params = formParams(ctx, req, true);
    } catch (err) {
      ctx.clientConformance.unreadable(ctx, req, 'token'); // CL-13: a GET with the code in its URL
      throw err;
    }
    const grant = params.grant_type;
    if (grant === undefined || grant === '') {
      ctx.clientConformance.token(ctx, req, params, undefined); // CL-13: an empty body, everything in the URL query
      throw new InvalidRequest('grant_type is required');
    }
    if (!GRANTS.has(grant)) {
      if (ctx.defects.on('unknown-grant-invalid-request')) throw new InvalidRequest(`grant_type '${grant}' is not valid`); // defect: breaks TOK-5
      throw new UnsupportedGrantType(`grant_type '${grant.slice(0, 80)}' is not supported; use authorization_code, refresh_token or client_credentials`);
    }
    // The client's side (CL-*), judged before authentication so that a refused request counts too.
    if (grant !== 'client_credentials') ctx.clientConformance.token(ctx, req, params, grant as 'authorization_code' | 'refresh_token');
    const { client } = authenticateClient({ authorization: req.authorization, params }, ctx.store, ctx.defects);
    if (grant === 'client_credentials' && client.client_type === 'public' && !ctx.defects.on('public-client-credentials')) // defect: breaks DG-5
      throw new UnauthorizedClient('a public client cannot use client_credentials (RFC 6749 §4.4)');
    if (!client.grant_types.includes(grant) && !(grant === 'client_credentials' && ctx.defects.on('public-client-credentials'))) // defect: breaks DG-5
      throw new UnauthorizedClient(`client '${client.client_id}' may not use the ${grant} grant`);
    const body =
      grant === 'authorization_code'
        ? await redeemCode(ctx, client, params)
        : grant === 'refresh_token'
          ? await refresh(ctx, client, params)
          : await clientCredentials(ctx, client, params);
    return tokenSuccess(ctx, body);
  } catch (err) {
    if (err instanceof OAuthError) return tokenError(ctx, err, err instanceof ClientAuthenticationFailed ? true : err.status === 401);
    if (err instanceof TypeError && ctx.defects.on('malformed-basic-500')) // defect: breaks TOK-7
      return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };
    return tokenError(ctx, new InvalidRequest('the request could not be processed; check its parameters'));
  }
}

/** grant_type=client_credentials (RFC 6749 §4.4) at /oauth/token. */
async function clientCredentials(ctx: CoreContext, client: ClientRecord, params: Params): Promise<Record<string, unknown>> {
  const requested = params.scope === undefined ? client.allowed_scopes : scopeList(params.scope);
  const unknown = ctx.defects.on('cc-undefined-scope-granted') ? [] : requested.filter((s) => !client.allowed_scopes.includes(s)); // defect: breaks CC-7
  if (unknown.length > 0 || (params.scope !== undefined && requested.length === 0))
    throw new InvalidScope(`scope ${unknown.join(' ') || '(empty)'} is not allowed for client '${client.client_id}'`);
  const scope = [...new Set(requested)].join(' ');
  return ccResponse(ctx, client, scope, ctx.config.lifetimes.accessToken);
}

export async function ccResponse(ctx: CoreContext, client: ClientRecord, scope: string, lifetime: number): Promise<Record<string, unknown>> {
  const access = await issueAccessToken(ctx, { clientId: client.client_id, sub: client.client_id, scope, familyId: null, lifetime });
  const body: Record<string, unknown> = { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn };
  if (!ctx.defects.on('cc-scope-omitted')) body.scope = scope; // defect: breaks CC-1
  // RFC 6749 §4.4.3: a refresh token SHOULD NOT be included
  if (ctx.defects.on('cc-refresh-token')) body.refresh_token = randomToken(); // defect: breaks CC-3
  return body;
}
