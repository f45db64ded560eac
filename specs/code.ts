import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const CODE = defineArea('CODE', [
  [1, 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2', 'A code is redeemed at most once; a second redemption fails with invalid_grant.'],
  [2, 'SHOULD', CODE_FLOW, 'RFC 6749 §4.1.2; RFC 9700 §4.5', 'Redeeming a code twice revokes the tokens issued from it.'],
  [3, 'MUST', CODE_FLOW, 'RFC 6749 §4.1.3', 'A code issued to one client fails for another with invalid_grant.'],
  [4, 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2', 'A code expires (at most 10 minutes); an expired code fails with invalid_grant.'],
  [5, 'MUST', CODE_FLOW, 'RFC 6749 §10.10; RFC 6819 §5.1.4.2.2', 'Codes and tokens are unguessable: at least 128 bits of entropy, no two alike.'],
]);
