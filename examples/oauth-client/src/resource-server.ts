/**
 * The resource-server side: accept a request only with an RFC 9068 access token issued for
 * this API (signature, issuer, audience, expiry) that the server has not revoked.
 */
import * as oauth from 'oauth4webapi';

export interface ResourceServerOptions {
  issuer: string;
  /** This API's identifier, the expected `aud`. */
  audience: string;
  /** A client allowed to introspect (RFC 7662), to notice revoked tokens. */
  introspection?: { clientId: string; clientSecret: string };
  /** ms since the epoch; default Date.now. */
  now?: () => number;
}

export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
  readonly status = 401;
}

export async function resourceServer(o: ResourceServerOptions) {
  const issuer = new URL(o.issuer);
  const http = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...http }));

  return async function authenticate(request: Request): Promise<oauth.JWTAccessTokenClaims> {
    // oauth4webapi reads time as Date.now() + clockSkew seconds.
    const skew = Math.round(((o.now ?? Date.now)() - Date.now()) / 1000);
    let claims: oauth.JWTAccessTokenClaims;
    try {
      claims = await oauth.validateJwtAccessToken(as, request, o.audience, { ...http, [oauth.clockSkew]: skew });
    } catch (e) {
      throw new InvalidToken(`the access token was rejected: ${(e as Error).message}`);
    }
    if (o.introspection) {
      const client = { client_id: o.introspection.clientId };
      const token = request.headers.get('authorization')!.slice('Bearer '.length);
      const response = await oauth.introspectionRequest(as, client, oauth.ClientSecretBasic(o.introspection.clientSecret), token, http);
      const result = await oauth.processIntrospectionResponse(as, client, response);
      if (!result.active) throw new InvalidToken('the access token is no longer active (revoked)');
    }
    return claims;
  };
}
