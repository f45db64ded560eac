import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const PKCE = defineArea('PKCE', [
  ['PKCE-1', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §2.1.1; RFC 7636 §4.4.1', "A public client's authorization request without code_challenge is refused."],
  ['PKCE-2', 'public-clients', 'MUST', CODE_FLOW, 'RFC 9700 §2.1.1; RFC 7636 §4.2; public-clients', 'code_challenge_method=plain is refused; only S256 is accepted.'],
  ['PKCE-3', 'public-clients', 'MUST', CODE_FLOW, 'RFC 7636 §4.2; public-clients', 'A malformed challenge (not 43 base64url characters for S256) is refused.'],
  ['PKCE-4', 'RFC', 'MUST', CODE_FLOW, 'RFC 7636 §4.6', 'A token request without code_verifier fails with invalid_grant (or invalid_request, RFC 6749 §5.2 for a missing parameter).'],
  ['PKCE-5', 'RFC', 'MUST', CODE_FLOW, 'RFC 7636 §4.6', 'Any code_verifier other than the one whose S256 hash was sent fails with invalid_grant.'],
  ['PKCE-6', 'public-clients', 'MUST', CODE_FLOW, 'RFC 7636 §4.1; public-clients', 'A verifier that is not 43-128 characters of [A-Za-z0-9-._~] is refused.'],
  ['PKCE-7', 'BCP', 'MUST', [...CODE_FLOW, 'confidential'], 'RFC 9700 §4.8.2', 'A code_verifier sent for a code issued without a challenge is refused (PKCE downgrade).'],
  ['PKCE-8', 'RFC', 'MUST', CODE_FLOW, 'RFC 7636 §4.1, §4.6', 'Every valid verifier (43-128 unreserved characters) with its S256 challenge succeeds.'],
  ['PKCE-9', 'public-clients', 'MUST', CODE_FLOW, 'RFC 8414 §2; RFC 9700 §2.1.1; public-clients', 'Metadata advertises code_challenge_methods_supported containing only S256.'],
] as const);
