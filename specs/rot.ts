import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const ROT = defineArea('ROT', [
  [1, 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2; public-clients', 'Every refresh returns a new refresh token, different from all earlier ones.'],
  [2, 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', 'A refresh token is single use: presenting it again fails with invalid_grant.'],
  [3, 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', "Presenting a rotated-out refresh token revokes the whole family, its latest refresh token and its access tokens."],
  [4, 'MUST', CODE_FLOW, 'RFC 6749 §6, §10.4', 'A refresh token fails for any client but its own.'],
  [5, 'MUST', CODE_FLOW, 'RFC 6749 §6', 'A refresh cannot widen the scope (invalid_scope).'],
  [6, 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', 'Two concurrent refreshes with the same token never both succeed, and never fork the family.'],
  [7, 'MUST', CODE_FLOW, 'RFC 7009 §2.1', 'Revoking a refresh token revokes its family.'],
]);
