/** RFC 8414 metadata (also served as OpenID Connect Discovery) and the JWKS. */
import type { CoreContext } from './context.js';

export function serverMetadata(ctx: CoreContext): Record<string, unknown> {
  const i = ctx.issuer;
  const scopes = new Set(['openid', 'profile', 'email', 'offline_access']);
  for (const c of ctx.store.clients.values()) for (const s of c.allowed_scopes) scopes.add(s);
  const auth = ['none', 'client_secret_basic', 'client_secret_post'];
  return {
    issuer: i,
    authorization_endpoint: `${i}/oauth/authorize`,
    token_endpoint: `${i}/oauth/token`,
    jwks_uri: `${i}/jwks.json`,
    registration_endpoint: `${i}/api/v1/applications`,
    revocation_endpoint: `${i}/oauth/revoke`,
    introspection_endpoint: `${i}/oauth/introspect`,
    userinfo_endpoint: `${i}/oauth/userinfo`,
    scopes_supported: [...scopes],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: auth,
    revocation_endpoint_auth_methods_supported: auth,
    introspection_endpoint_auth_methods_supported: auth,
    // RFC 9700 §2.1.1: S256 only
    code_challenge_methods_supported: ctx.defects.on('pkce-plain-advertised') ? ['S256', 'plain'] : ['S256'], // defect: breaks PKCE-9
    authorization_response_iss_parameter_supported: true,
    subject_types_supported: ['public'],
    // OpenID Connect Discovery 1.0 §3: RS256 MUST be listed; the defect lists ES256 alone.
    id_token_signing_alg_values_supported: ctx.defects.on('id-token-es256-only') ? ['ES256'] : ['RS256', 'ES256'], // defect: breaks META-3
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'name', 'preferred_username', 'email', 'email_verified'],
  };
}

/**
 * What /.well-known/openid-configuration serves: the same document. The defects give it another
 * issuer (RFC 8414 §3.3) or advertise a plaintext endpoint behind a TLS-terminating proxy.
 */
export function openidConfiguration(ctx: CoreContext): Record<string, unknown> {
  const m = serverMetadata(ctx);
  if (ctx.defects.on('openid-issuer-mismatch')) m.issuer = `${ctx.issuer}/`; // defect: breaks META-1
  if (ctx.defects.on('metadata-plain-http')) { // defect: breaks META-2
    const u = new URL(ctx.issuer);
    m.end_session_endpoint = `http://auth.authprobe.example:${u.port || 80}/oauth/logout`;
  }
  return m;
}

export function jwks(ctx: CoreContext): { keys: unknown[] } {
  const es256Only = ctx.defects.on('id-token-es256-only'); // defect: breaks META-3
  return { keys: es256Only ? [ctx.key.publicJwk] : [ctx.key.publicJwk, ctx.key.rsa.publicJwk] };
}
