import { defineArea } from './define.js';
import { CODE_FLOW } from './profiles.js';

/**
 * GRACE — refresh rotation with a grace window. Many servers let a client that lost a refresh
 * response present the immediately previous refresh token again for a few seconds; the target
 * declares it as `rotation.grace_seconds`. Outside that narrow exception, reuse detection
 * (RFC 9700 §4.14.2, ROT-3) holds unchanged.
 */
export const GRACE = defineArea('GRACE', [
  ['GRACE-1', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', 'Inside the declared grace window, presenting the immediately previous refresh token again continues the same chain: afterwards only one refresh token of the family works (no fork).'],
  ['GRACE-2', 'BCP', 'MUST', CODE_FLOW, 'RFC 9700 §4.14.2', 'A refresh token older than the immediately previous one, even inside the grace window, and the previous one after the window, is refused and revokes the whole family.'],
] as const);
