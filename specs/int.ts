import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

/**
 * INT — token introspection (RFC 7662). A confidential client's duty to authenticate at the
 * introspection endpoint is DG-6; expired and revoked access tokens are EXP-2 and EXP-4.
 */
export const INT = defineArea('INT', [
  ['INT-1', 'RFC', 'MUST', CODE_FLOW, 'RFC 7662 §2.1, §4', 'The introspection endpoint requires authorization: a caller with no credentials, or a public client with its bare client_id, never gets active true or a token\'s claims.'],
  ['INT-2', 'RFC', 'MUST', CODE_FLOW, 'RFC 7662 §2.2, §4', "A token issued to another client, presented by a caller not allowed to introspect it, answers active false (or a refusal) without any of the token's claims."],
  ['INT-3', 'RFC', 'MUST', CODE_FLOW, 'RFC 7662 §2.2; RFC 9700 §4.14.2', 'A refresh token that was rotated out, revoked or expired introspects as active false.'],
] as const);
