import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

/** RACE — concurrent requests against single-use and revocable grants. */
export const RACE = defineArea('RACE', [
  ['RACE-1', 'RFC', 'MUST', CODE_FLOW, 'RFC 6749 §4.1.2', 'Of several concurrent redemptions of one authorization code, at most one succeeds.'],
  ['RACE-2', 'RFC', 'SHOULD', CODE_FLOW, 'RFC 6749 §4.1.2, §10.5; RFC 9700 §4.5', 'After concurrent redemptions of one code, the tokens any of them issued are revoked.'],
  ['RACE-3', 'public-clients', 'MUST', CODE_FLOW, 'RFC 7009 §2.1; RFC 9700 §4.14.2; public-clients', 'A refresh that runs concurrently with the revocation of its family leaves no live token behind: neither the refresh token it returned nor its access token works afterwards.'],
] as const);
