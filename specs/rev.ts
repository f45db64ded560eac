import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

/**
 * REV — token revocation (RFC 7009). A confidential client's duty to authenticate at the
 * revocation endpoint is DG-6; a revoked access token at the resource is EXP-4 (REV-4 holds the
 * revocation endpoint's 200 to its word, with every hint); a refresh token's family is ROT-7.
 * REV-5 is the request itself: its token parameter is required.
 */
export const REV = defineArea('REV', [
  ['REV-1', 'RFC', 'MUST', CODE_FLOW, 'RFC 7009 §2.1', "A client cannot revoke a token issued to another client: the token stays valid, and the answer carries none of the token's data."],
  ['REV-2', 'public-clients', 'MUST', CODE_FLOW, 'RFC 7009 §2.2; public-clients', 'Revoking an unknown, malformed or already-revoked token answers 200, like a successful revocation.'],
  ['REV-3', 'RFC', 'MUST', CODE_FLOW, 'RFC 7009 §2.1', 'A wrong token_type_hint does not stop a revocation: the server extends its search to every token type it supports.'],
  ['REV-4', 'RFC', 'MUST', CODE_FLOW, 'RFC 7009 §2, §2.1, §2.2, §2.2.1', 'A refresh token is always revocable: with no hint, the right one or an unknown hint value, the answer is never unsupported_token_type. Revoking an access token ends it: a 200 for it, with any of those hints, leaves it inactive; a server that does not revoke access tokens answers unsupported_token_type instead.'],
  ['REV-5', 'RFC', 'MUST', CODE_FLOW, 'RFC 7009 §2.1, §2.2.1; RFC 6749 §5.2, Appendix A.12, A.17', 'A revocation request with no token parameter, or an empty one (a token has at least one character), fails with 400 invalid_request; the same request with the token answers 200.'],
] as const);
