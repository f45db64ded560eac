/**
 * POST /v1beta1/users/oauth2/token (users-api-token document): client_credentials with HTTP
 * Basic only, scope openid only, expires_in 900 by default, no refresh token.
 */
import type { Answer } from './answer.js';
import { authenticateClient, ClientAuthenticationFailed } from './client-auth.js';
import type { CoreContext } from './context.js';
import { InvalidRequest, InvalidScope, OAuthError, UnauthorizedClient, UnsupportedGrantType } from './errors.js';
import { authScheme } from './form.js';
import { formParams, tokenError, tokenSuccess, type EndpointRequest } from './request.js';
import { ccResponse } from './token-endpoint.js';

export async function usersTokenEndpoint(ctx: CoreContext, req: EndpointRequest): Promise<Answer> {
  const d = ctx.defects;
  try {
    const params = formParams(ctx, req);
    let authorization = req.authorization;
    const bodyCredentials = params.client_id !== undefined || params.client_secret !== undefined;
    if (bodyCredentials) {
      if (!d.on('users-api-body-credentials')) // defect: breaks CC-4
        throw new ClientAuthenticationFailed('send the client credentials with HTTP Basic authentication, not in the body', authScheme(authorization) === 'basic');
      if (authorization === undefined) {
        const id = encodeURIComponent(params.client_id ?? '');
        const secret = encodeURIComponent(params.client_secret ?? '');
        authorization = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
      }
      delete params.client_id;
      delete params.client_secret;
    }
    if (authScheme(authorization) !== 'basic')
      throw new ClientAuthenticationFailed('HTTP Basic authentication with client_id:client_secret is required', false);
    const grant = params.grant_type;
    if (grant === undefined || grant === '') throw new InvalidRequest('grant_type is required; send grant_type=client_credentials');
    if (grant !== 'client_credentials') throw new UnsupportedGrantType(`grant_type must be client_credentials (got '${grant.slice(0, 80)}')`);
    const { client } = authenticateClient({ authorization, params }, ctx.store, d);
    if (!client.grant_types.includes('client_credentials'))
      throw new UnauthorizedClient(`client '${client.client_id}' may not use the client_credentials grant`);
    const scope = params.scope ?? 'openid';
    if (scope !== 'openid' && !d.on('users-api-any-scope')) throw new InvalidScope(`scope must be openid (got '${scope.slice(0, 80)}')`); // defect: breaks CC-2
    const lifetime = d.on('users-api-expires-3600') ? 3600 : ctx.config.lifetimes.usersApiAccessToken; // defect: breaks CC-6
    const body = await ccResponse(ctx, client, scope, lifetime);
    return tokenSuccess(ctx, body);
  } catch (err) {
    if (err instanceof OAuthError) return tokenError(ctx, err);
    return tokenError(ctx, new InvalidRequest('the request could not be processed; check its parameters'));
  }
}
