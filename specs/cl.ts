/**
 * Client conformance: what an OAuth *client* must do, judged by the mock from its side of the
 * wire (mocks/core/client-conformance/), not by a server suite. Reported per client at
 * GET /_mock/client-report, on the dashboard and by `authprobe serve --client-report FILE`.
 *
 *   CL-1  the authorization request carries a code_challenge (PKCE sent)
 *   CL-2  code_challenge_method is S256 (plain, or omitted = plain, fails)
 *   CL-3  the token request for a code carries a code_verifier
 *   CL-4  the code_verifier is 43-128 characters of [A-Za-z0-9-._~]
 *   CL-5  the code_verifier has high entropy: varied characters, never reused (SHOULD)
 *   CL-6  the authorization request carries a state (SHOULD: PKCE may stand in, RFC 9700 §2.1)
 *   CL-7  the state is unpredictable (at least 16 characters, not a trivial value)
 *   CL-8  a state is never reused by the same client
 *   CL-9  the token request's redirect_uri is identical to the authorization request's
 *   CL-10 a public client sends no client_secret (an empty `client_secret=` is a warning)
 *   CL-11 a public client sends no HTTP Basic Authorization header
 *   CL-12 after rotation the client stores the new refresh token (a rotated-out one revokes the family)
 *   CL-13 code, refresh_token, code_verifier and client_secret never travel in the token endpoint's URL
 *   CL-14 the client_id is a registered one, not a placeholder (REPLACE_ME, ${...}, the app's name)
 *   CL-15 scenario wrong-state: no code is redeemed from a response whose state does not match
 *   CL-16 scenario wrong-iss: no code is redeemed from a response whose iss is not the issuer (SHOULD)
 *   CL-17 scenario missing-iss: no code is redeemed from a response without iss (SHOULD)
 *   CL-18 scenario foreign-code: a code issued to another client, once refused, is not presented again (SHOULD)
 *   CL-19 scenario refresh-invalid-grant: a refresh token refused with invalid_grant is not retried (SHOULD)
 *   CL-20 scenario no-new-refresh-token: the old refresh token is kept when a response carries none
 */
import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';
import type { Profile } from './types.js';

/** Rules every client of the code flow follows, public or confidential. */
const CODE_CLIENTS: readonly Profile[] = [...CODE_FLOW, 'confidential'];

export const CL = defineArea('CL', [
  ['CL-1', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §2.1.1; RFC 7636 §4.3', 'The authorization request carries a code_challenge.'],
  ['CL-2', 'public-clients', 'MUST', CODE_FLOW, 'RFC 9700 §2.1.1; RFC 7636 §4.3; public-clients', 'code_challenge_method is S256; plain, or an omitted method (which means plain), is not used.'],
  ['CL-3', 'public-clients', 'MUST', CODE_FLOW, 'RFC 7636 §4.5; public-clients (Common mistakes 4)', 'The token request that redeems a code carries the code_verifier.'],
  ['CL-4', 'RFC', 'MUST', CODE_FLOW, 'RFC 7636 §4.1', 'The code_verifier is 43-128 characters of [A-Za-z0-9-._~].'],
  ['CL-5', 'RFC', 'SHOULD', CODE_FLOW, 'RFC 7636 §4.1, §7.1', 'The code_verifier comes from a random source: varied characters, a fresh one (and challenge) per authorization request.'],
  // SHOULD, not MUST: RFC 9700 §2.1 lets a client that has checked the server supports PKCE rely
  // on PKCE against CSRF; a client with neither state nor PKCE already fails CL-1.
  ['CL-6', 'public-clients', 'SHOULD', CODE_CLIENTS, 'RFC 6749 §10.12; RFC 9700 §2.1; public-clients (Common mistakes 6)', 'The authorization request carries a state that binds the response to the user agent (RFC 9700 §2.1 lets PKCE stand in for it against a server that supports PKCE).'],
  ['CL-7', 'RFC', 'MUST', CODE_CLIENTS, 'RFC 6749 §10.12, §10.10', 'The state is non-guessable: at least 16 characters of varied content, not a constant or counter.'],
  ['CL-8', 'RFC', 'MUST', CODE_CLIENTS, 'RFC 6749 §10.12; RFC 9700 §4.7.1', 'A state value is used for one authorization request only, never reused by the same client.'],
  ['CL-9', 'public-clients', 'MUST', CODE_CLIENTS, 'RFC 6749 §4.1.3; public-clients (Common mistakes 5)', "The token request's redirect_uri is identical to the authorization request's."],
  ['CL-10', 'public-clients', 'MUST', CODE_FLOW, 'RFC 6749 §2.1, §3.2; public-clients (Common mistakes 2)', 'A public client sends no client_secret (an empty client_secret= is treated as omitted and only warned about).'],
  ['CL-11', 'public-clients', 'MUST', CODE_FLOW, 'RFC 6749 §2.1; public-clients (Common mistakes 3)', 'A public client sends no HTTP Basic Authorization header.'],
  ['CL-12', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2; RFC 6749 §6; public-clients', 'After rotation the client stores the new refresh token; presenting a rotated-out one is its bug, and the server revokes the family.'],
  ['CL-13', 'BCP', 'MUST', CODE_CLIENTS, 'RFC 9700 §4.3.2; RFC 6749 §3.2, §4.1.3', 'Codes, refresh tokens, verifiers and secrets travel in the POST body, never in the token endpoint URL.'],
  ['CL-14', 'public-clients', 'MUST', CODE_CLIENTS, 'RFC 6749 §2.2; public-clients (Common mistakes 1)', 'The client_id is the registered one, not a build placeholder (REPLACE_ME, ${...}, <client_id>) or the app name.'],
  ['CL-15', 'RFC', 'MUST', CODE_CLIENTS, 'RFC 6749 §10.12; RFC 9700 §4.7', 'A code from an authorization response whose state does not match the request is never redeemed.'],
  // SHOULD: RFC 9207 §2.4 binds clients that implement it, and RFC 9700 §4.4.2 asks a mix-up
  // defence only of clients that talk to more than one authorization server.
  ['CL-16', 'RFC', 'SHOULD', CODE_CLIENTS, 'RFC 9207 §2.4; RFC 9700 §4.4.2', 'A code from an authorization response whose iss is not the expected issuer is never redeemed.'],
  ['CL-17', 'RFC', 'SHOULD', CODE_CLIENTS, 'RFC 9207 §2.4; RFC 8414 authorization_response_iss_parameter_supported', 'A code from an authorization response without iss, from a server that advertises iss, is never redeemed.'],
  // SHOULD: no RFC forbids presenting a refused grant again; it cannot succeed (RFC 6749 §5.2).
  ['CL-18', 'RFC', 'SHOULD', CODE_CLIENTS, 'RFC 6749 §4.1.3, §5.2', 'A code refused with invalid_grant (issued to another client) is not presented again; the client starts a new authorization.'],
  ['CL-19', 'RFC', 'SHOULD', CODE_FLOW, 'RFC 6749 §5.2, §6; RFC 9700 §4.14', 'A refresh token refused with invalid_grant is not presented again; the client sends the user to log in again.'],
  ['CL-20', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §6', 'When a refresh response carries no new refresh token, the client keeps and uses its current one.'],
] as const);
