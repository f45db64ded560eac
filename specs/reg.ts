import { defineArea } from './define.js';

const R = ['registration'] as const;

export const REG = defineArea('REG', [
  ['REG-1', 'public-clients', 'MUST', R, 'RFC 8252 §7.1, §7.3, §8.4; public-clients', 'Registration accepts https://, loopback http://localhost, http://127.0.0.1, http://[::1] and reverse-DNS private-use scheme redirect URIs.'],
  ['REG-2', 'public-clients', 'MUST', R, 'RFC 8252 §8.4; public-clients', 'Registration rejects plaintext http:// redirect URIs to any non-loopback host.'],
  ['REG-3', 'RFC', 'MUST', R, 'RFC 6749 §3.1.2', 'Registration rejects redirect URIs with a fragment, and relative or unparsable URIs.'],
  ['REG-4', 'public-clients', 'MUST', R, 'RFC 6749 §2.1; public-clients', 'A public client is issued no client_secret and has token_endpoint_auth_method none.'],
  ['REG-5', 'public-clients', 'MUST', R, 'public-clients', 'client_type cannot be changed after registration.'],
  ['REG-6', 'public-clients', 'MUST', R, 'public-clients', 'Registration without a valid bearer credential is refused with 401.'],
  ['REG-7', 'RFC', 'MUST', R, 'RFC 6749 §3.1.2; RFC 3986 §2, §4.3, Appendix C; RFC 3987 §3.1', 'Registration rejects redirect URIs that are not URIs: a control character, a space, or a character or host with no ASCII form.'],
  ['REG-8', 'RFC', 'SHOULD', R, 'RFC 8252 §7.1, §8.4', 'Registration rejects private-use scheme redirect URIs whose scheme is not a reverse domain name (at least every scheme without a period).'],
  ['REG-9', 'public-clients', 'MUST', R, 'public-clients (redirect_uri policy); RFC 8252 §7', 'Registration rejects javascript:, data:, vbscript: and file: redirect URIs: none is https, loopback http or a reverse-DNS scheme.'],
  ['REG-10', 'public-clients', 'MUST', R, 'public-clients (Registration); openapi/oauth.yaml /api/v1/applications; RFC 7591 §3.2.2; RFC 6749 §3.3', 'The registration API reports back what was registered, refuses invalid metadata with 400 and its error code without changing anything, and refuses other methods.'],
] as const);
