import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const CODE = defineArea('CODE', [
  ['CODE-1', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2', 'A code is redeemed at most once; a second redemption fails with invalid_grant.'],
  ['CODE-2', 'RFC', 'SHOULD', CODE_FLOW, 'RFC 6749 §4.1.2; RFC 9700 §4.5', 'Redeeming a code twice revokes the tokens issued from it.'],
  ['CODE-3', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.3', 'A code issued to one client fails for another with invalid_grant.'],
  ['CODE-4', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2', 'A code expires (at most 10 minutes); an expired code fails with invalid_grant.'],
  ['CODE-5', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §10.10; RFC 6819 §5.1.4.2.2', 'Codes and tokens are unguessable: at least 128 bits of entropy, no two alike.'],
] as const);
