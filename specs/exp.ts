import { defineArea } from './define.js';
import { CODE_FLOW, TOKEN_ENDPOINT } from './profiles.js';

export const EXP = defineArea('EXP', [
  ['EXP-1', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §5.1; RFC 9068 §2.2; users-api-token', "expires_in is a positive integer and matches the token's real lifetime (and the JWT exp)."],
  ['EXP-2', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 7662 §2.2; RFC 6750 §3.1', 'An access token is rejected once expired (introspection active false, or 401 at a protected resource).'],
  ['EXP-3', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §5.2, §6', 'A refresh token past its lifetime fails with invalid_grant.'],
  ['EXP-4', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 7009 §2.1; RFC 7662 §2.2', 'A revoked access token is rejected like an expired one.'],
] as const);
