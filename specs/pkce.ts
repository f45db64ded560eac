import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const PKCE = defineArea('PKCE', [
  [1, 'MUST', CODE_FLOW, 'RFC 9700 §2.1.1; RFC 7636 §4.4.1', "A public client's authorization request without code_challenge is refused."],
  [2, 'MUST', CODE_FLOW, 'RFC 9700 §2.1.1; RFC 7636 §4.2', 'code_challenge_method=plain is refused; only S256 is accepted.'],
  [3, 'MUST', CODE_FLOW, 'RFC 7636 §4.2', 'A malformed challenge (not 43 base64url characters for S256) is refused.'],
  [4, 'MUST', CODE_FLOW, 'RFC 7636 §4.6', 'A token request without code_verifier fails with invalid_grant.'],
  [5, 'MUST', CODE_FLOW, 'RFC 7636 §4.6', 'Any code_verifier other than the one whose S256 hash was sent fails with invalid_grant.'],
  [6, 'MUST', CODE_FLOW, 'RFC 7636 §4.1', 'A verifier that is not 43-128 characters of [A-Za-z0-9-._~] is refused.'],
  [7, 'MUST', [...CODE_FLOW, 'confidential'], 'RFC 9700 §4.8.2', 'A code_verifier sent for a code issued without a challenge is refused (PKCE downgrade).'],
  [8, 'MUST', CODE_FLOW, 'RFC 7636 §4.1, §4.6', 'Every valid verifier (43-128 unreserved characters) with its S256 challenge succeeds.'],
  [9, 'MUST', CODE_FLOW, 'RFC 8414 §2; RFC 9700 §2.1.1', 'Metadata advertises code_challenge_methods_supported containing only S256.'],
]);
