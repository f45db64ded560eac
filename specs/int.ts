import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

/**
 * INT — token introspection (RFC 7662). A confidential client's duty to authenticate at the
 * introspection endpoint is DG-6; expired and revoked access tokens are EXP-2 and EXP-4 (INT-4
 * holds the answer's form: an invalid token is active false, a missing one an error; INT-5 keeps
 * an active answer out of caches).
 */
export const INT = defineArea('INT', [
  ['INT-1', 'RFC', 'MUST', CODE_FLOW, 'RFC 7662 §2.1, §4', 'The introspection endpoint requires authorization: a caller with no credentials, or a public client with its bare client_id, never gets active true or a token\'s claims.'],
  ['INT-2', 'RFC', 'MUST', CODE_FLOW, 'RFC 7662 §2.2, §4', "A token issued to another client, presented by a caller not allowed to introspect it, answers active false (or a refusal) without any of the token's claims."],
  ['INT-3', 'RFC', 'MUST', CODE_FLOW, 'RFC 7662 §2.2; RFC 9700 §4.14.2', 'A refresh token that was rotated out, revoked or expired introspects as active false.'],
  ['INT-4', 'RFC', 'MUST', CODE_FLOW, 'RFC 7662 §2.1, §2.2, §2.3; RFC 6749 Appendix A.12', 'An authorized introspection of an unknown or malformed token answers 200 with active false, never an error; a request with no token parameter, or an empty one (a token has at least one character), is refused with a 4xx.'],
  // SHOULD: RFC 6749 §5.1's no-store binds responses carrying tokens or credentials; RFC 7662
  // sets no caching rule of its own, and an active answer is sensitive information, not a token.
  ['INT-5', 'RFC', 'SHOULD', CODE_FLOW, 'RFC 6749 §5.1 (sensitive information); RFC 7662 §2.2, §4', 'An introspection answer that says a token is active (it vouches for a live credential, and may name its subject, client and scope) carries Cache-Control: no-store.'],
] as const);
