import { defineArea } from './define.js';
import { TOKEN_ENDPOINT } from './profiles.js';

export const TOK = defineArea('TOK', [
  ['TOK-1', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §5.1', 'Responses that carry tokens carry Cache-Control: no-store.'],
  ['TOK-2', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §5.2', 'Errors are JSON {error, error_description?} with the RFC 6749 §5.2 codes and status 400 (401 for failed client authentication).'],
  ['TOK-3', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §3.2, Appendix B', 'A body that is not application/x-www-form-urlencoded is refused with invalid_request.'],
  ['TOK-4', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §3.2', 'A parameter sent twice is refused with invalid_request.'],
  ['TOK-5', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §5.2', 'An unknown grant_type fails with unsupported_grant_type.'],
  ['TOK-6', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §3.2', 'The token endpoint accepts POST only.'],
  ['TOK-7', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §5.2; RFC 9700 §4', 'No malformed input yields a 5xx or breaks the server for later requests.'],
  ['TOK-8', 'RFC', 'MUST', TOKEN_ENDPOINT, 'RFC 6749 §5.1, §7.1; RFC 6750 §4', 'Every successful token response (authorization_code, refresh_token, client_credentials) carries a non-empty access_token and token_type Bearer, compared case-insensitively.'],
] as const);
