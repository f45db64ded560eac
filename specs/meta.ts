import { defineArea } from './define.js';
import { TOKEN_ENDPOINT } from './profiles.js';

/** META — authorization server metadata (RFC 8414; OpenID Connect Discovery 1.0). */
export const META = defineArea('META', [
  ['META-1', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 8414 §3.3', 'Every metadata document served (oauth-authorization-server, and openid-configuration where served) names as issuer exactly the issuer it was fetched for.'],
  ['META-2', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 8414 §2; RFC 6749 §3.1, §3.2', 'Every endpoint the metadata advertises uses https, except on a loopback host.'],
  ['META-3', 'public-clients', 'MUST', TOKEN_ENDPOINT, 'OpenID Connect Discovery 1.0 §3; public-clients', 'Where /.well-known/openid-configuration is served, id_token_signing_alg_values_supported lists RS256 (and the JWKS holds an RS256 key).'],
] as const);
