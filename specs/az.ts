import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

/** AZ — authorization endpoint hygiene (RFC 6749 §3.1, §4.1.2.1, §10.12, §10.13; RFC 9700 §4.2, §4.11, §4.16). */
export const AZ = defineArea('AZ', [
  ['AZ-1', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2.1; RFC 9700 §4.11.2', 'A request with an unknown client or an unregistered redirect_uri is never redirected, even when its response_type or scope is also wrong (no open redirector through error precedence).'],
  ['AZ-2', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §3.1', 'An authorization request that repeats client_id, redirect_uri, state or response_type is refused: no code is issued.'],
  ['AZ-3', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.16; RFC 6749 §10.13', "The page a user approves on (consent or login) refuses framing: CSP frame-ancestors 'none' or 'self', or X-Frame-Options DENY or SAMEORIGIN."],
  ['AZ-4', 'public-clients', 'MUST', CODE_FLOW, 'RFC 9700 §4.2.4; public-clients', 'The consent or login page sends a Referrer-Policy that keeps its URL (and any code or state) out of cross-origin referrers.'],
  ['AZ-5', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §10.12', "A consent approval posted by a page on another site (its Origin, the cookies a browser sends cross-site, the form values that site can obtain for itself) issues no code; the server's own form, posted from its page, does."],
] as const);
