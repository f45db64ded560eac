import { defineArea } from './define.js';

const CC_PROFILES = ['confidential', 'users-api'] as const;

export const CC = defineArea('CC', [
  ['CC-1', 'RFC', 'MUST', CC_PROFILES, 'RFC 6749 §4.4.3; users-api-token', 'client_credentials with valid Basic credentials returns 200 {access_token, token_type: Bearer, expires_in, scope}.'],
  ['CC-2', 'users-api-token', 'MUST', ['users-api'], 'users-api-token; RFC 6749 §5.2', 'A scope other than openid fails with invalid_scope.'],
  ['CC-3', 'users-api-token', 'MUST', CC_PROFILES, 'RFC 6749 §4.4.3; users-api-token', 'No refresh_token is issued for client_credentials.'],
  ['CC-4', 'users-api-token', 'MUST', ['users-api'], 'users-api-token', 'Credentials in the body instead of HTTP Basic fail with 401.'],
  ['CC-5', 'users-api-token', 'MUST', CC_PROFILES, 'users-api-token; RFC 6749 §5.2', 'An inactive client fails with 401 invalid_client.'],
  ['CC-6', 'users-api-token', 'MUST', ['users-api'], 'users-api-token', 'expires_in is 900 unless configured otherwise.'],
  // SHOULD: RFC 6749 §3.3 lets a server ignore a requested scope; it says nothing of granting one it never defined.
  ['CC-7', 'RFC', 'SHOULD', ['confidential'], 'RFC 6749 §3.3, §5.2', 'client_credentials does not grant a scope the server cannot have defined: asking for one fails with invalid_scope or is granted without it.'],
] as const);
