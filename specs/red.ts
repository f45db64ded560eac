import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

export const RED = defineArea('RED', [
  ['RED-1', 'BCP', 'MUST', CODE_FLOW, 'RFC 6749 §3.1.2.3; RFC 9700 §4.1.3; RFC 8252 §7.3', 'An authorization request whose redirect_uri differs from every registered URI in any component is refused and never redirected to (loopback port varies only under native-loopback).'],
  ['RED-2', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2.1', 'An unknown client_id is refused without redirecting.'],
  ['RED-3', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §3.1.2.3', 'A request without redirect_uri from a client with several registered URIs is refused without redirecting.'],
  ['RED-4', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.3', "The token request's redirect_uri must equal the authorization request's, else invalid_grant."],
  ['RED-5', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2.1', 'Errors for a valid client and redirect go back to the redirect URI with error and the exact state.'],
  ['RED-6', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2', 'A successful authorization response carries the exact state sent, byte for byte.'],
  ['RED-7', 'RFC', 'SHOULD', CODE_FLOW, 'RFC 9207 §2', 'The authorization response carries iss when metadata says authorization_response_iss_parameter_supported.'],
  // Native-loopback only: under public-client the port of a loopback URI is pinned by product policy (RED-1).
  ['RED-8', 'RFC', 'MUST', ['native-loopback'], 'RFC 8252 §7.3', 'A registered loopback IP redirect URI (http://127.0.0.1, http://[::1]) sent with another port, or none, is granted: the code goes to the URI as sent.'],
] as const);
