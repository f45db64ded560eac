import { defineArea } from './define.js';

const R = ['registration'] as const;

export const REG = defineArea('REG', [
  [1, 'MUST', R, 'RFC 8252 §7.1, §7.3, §8.4; public-clients', 'Registration accepts https://, loopback http://localhost, http://127.0.0.1, http://[::1] and reverse-DNS private-use scheme redirect URIs.'],
  [2, 'MUST', R, 'RFC 8252 §8.4; public-clients', 'Registration rejects plaintext http:// redirect URIs to any non-loopback host.'],
  [3, 'MUST', R, 'RFC 6749 §3.1.2', 'Registration rejects redirect URIs with a fragment, and relative or unparsable URIs.'],
  [4, 'MUST', R, 'RFC 6749 §2.1; public-clients', 'A public client is issued no client_secret and has token_endpoint_auth_method none.'],
  [5, 'MUST', R, 'public-clients', 'client_type cannot be changed after registration.'],
  [6, 'MUST', R, 'public-clients', 'Registration without a valid bearer credential is refused with 401.'],
]);
