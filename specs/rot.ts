import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const ROT = defineArea('ROT', [
  ['ROT-1', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2; public-clients', 'Every refresh returns a new refresh token, different from all earlier ones.'],
  ['ROT-2', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', 'A refresh token is single use: presenting it again fails with invalid_grant.'],
  ['ROT-3', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', "Presenting a rotated-out refresh token revokes the whole family, its latest refresh token and its access tokens."],
  ['ROT-4', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §6, §10.4', 'A refresh token fails for any client but its own.'],
  ['ROT-5', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §6', 'A refresh cannot widen the scope (invalid_scope).'],
  ['ROT-6', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', 'Two concurrent refreshes with the same token never both succeed, and never fork the family.'],
  ['ROT-7', 'public-clients', 'MUST', CODE_FLOW, 'RFC 7009 §2.1; public-clients', 'Revoking a refresh token revokes its family.'],
] as const);
