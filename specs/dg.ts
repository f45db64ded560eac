import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const DG = defineArea('DG', [
  ['DG-1', 'public-clients', 'MUST', CODE_FLOW, 'RFC 6749 §2.1, §3.2.1; public-clients', 'A public client that sends client_secret in the body fails with invalid_client, even with a correct PKCE verifier.'],
  ['DG-2', 'public-clients', 'MUST', CODE_FLOW, 'RFC 6749 §2.3.1; public-clients', 'A public client that sends an HTTP Basic Authorization header fails with invalid_client.'],
  ['DG-3', 'RFC', 'MUST', ['confidential', 'users-api'], 'RFC 6749 §5.2', 'A confidential client with a missing or wrong secret fails with 401 invalid_client; a 401 answer to Basic carries WWW-Authenticate.'],
  ['DG-4', 'public-clients', 'MUST', ['confidential', 'users-api'], 'RFC 6749 §2.3; public-clients', 'A request that uses more than one client authentication method fails.'],
  ['DG-5', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.4', 'A public client cannot use the client_credentials grant.'],
  ['DG-6', 'RFC', 'MUST', ['confidential'], 'RFC 6749 §3.2.1, §4.1.3, §6; RFC 7009 §2.1; RFC 7662 §2.1', 'A confidential client is never served without its secret: a missing or wrong secret is refused on every grant (authorization_code, refresh_token, client_credentials) and at revocation and introspection.'],
  ['DG-7', 'RFC', 'SHOULD', ['confidential'], 'RFC 7591 §2 (token_endpoint_auth_method); RFC 6749 §2.3.1', "A confidential client is accepted only with its registered authentication method (RFC 6749 §2.3.1 lets a server accept both secret methods, so this is a SHOULD)."],
  ['DG-8', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §3.2', 'A public client\'s granted code redemption with an empty client_secret= added is granted like the same request without it: a parameter sent without a value is treated as omitted.'],
] as const);
