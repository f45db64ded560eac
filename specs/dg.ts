import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const DG = defineArea('DG', [
  [1, 'MUST', CODE_FLOW, 'RFC 6749 §2.1, §3.2.1; public-clients', 'A public client that sends client_secret in the body fails with invalid_client, even with a correct PKCE verifier.'],
  [2, 'MUST', CODE_FLOW, 'RFC 6749 §2.3.1; public-clients', 'A public client that sends an HTTP Basic Authorization header fails with invalid_client.'],
  [3, 'MUST', ['confidential', 'users-api'], 'RFC 6749 §5.2', 'A confidential client with a missing or wrong secret fails with 401 invalid_client; a 401 answer to Basic carries WWW-Authenticate.'],
  [4, 'MUST', ['confidential', 'users-api'], 'RFC 6749 §2.3', 'A request that uses more than one client authentication method fails.'],
  [5, 'MUST', CODE_FLOW, 'RFC 6749 §4.4', 'A public client cannot use the client_credentials grant.'],
  [6, 'MUST', ['confidential'], 'RFC 6749 §2.3; RFC 7591 §2', "A confidential client's registered method is the only one accepted (no falling back from secret authentication to none)."],
]);
