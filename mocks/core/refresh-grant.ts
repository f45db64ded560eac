/** grant_type=refresh_token with rotation and reuse detection (RFC 6749 §6, RFC 9700 §4.14.2). */
import { scopeList, type CoreContext } from './context.js';
import { InvalidGrant, InvalidRequest, InvalidScope } from './errors.js';
import type { Params } from './form.js';
import type { ClientRecord, FamilyRecord } from './store.js';
import { issueAccessToken, issueIdToken, issueRefreshToken, revokeFamily } from './tokens.js';

/** The revocation reason of a family ended by reuse (the dashboard marks these red). */
export const REUSE_REVOKED = 'rotated-out refresh token reused';

/**
 * The last rotation of each live family: the token it retired, its successor, and when. Keyed by
 * the family record, so an entry goes when the store purges the family.
 */
const lastRotation = new WeakMap<object, { previous: string; current: string; at: number }>();

/**
 * The grace window (`rotation.grace_seconds`): a retry after a lost response may present the
 * immediately previous refresh token again for a short while, and gets the same chain back (its
 * successor), never a second branch. Any older token, or the previous one after the window, is
 * reuse (RFC 9700 §4.14.2). Undefined: not a retry the window covers.
 */
function graceRetry(ctx: CoreContext, family: FamilyRecord, value: string): { current: string } | 'fork' | undefined {
  const grace = (ctx.config.rotation?.grace_seconds ?? 0) * 1000;
  const last = lastRotation.get(family);
  if (grace <= 0 || !last) return undefined;
  const inWindow = ctx.clock.now() - last.at <= grace || ctx.defects.on('grace-never-ends'); // defect: breaks GRACE-2
  const previous = last.previous === value || ctx.defects.on('grace-any-old-token'); // defect: breaks GRACE-2
  if (!inWindow || !previous) return undefined;
  if (ctx.defects.on('grace-forks')) return 'fork'; // defect: breaks GRACE-1
  return { current: last.current };
}

export async function refresh(ctx: CoreContext, client: ClientRecord, params: Params): Promise<Record<string, unknown>> {
  const { store, defects } = ctx;
  const value = params.refresh_token;
  if (value === undefined || value === '') throw new InvalidRequest('refresh_token is required');
  const token = store.refreshTokens.get(value);
  if (!token) throw new InvalidGrant('the refresh token is unknown or expired');
  const family = store.families.get(token.familyId);
  if (!family) throw new InvalidGrant('the refresh token is unknown or expired');
  if (token.clientId !== client.client_id && !defects.on('refresh-not-bound-to-client')) // defect: breaks ROT-4
    throw new InvalidGrant('the refresh token was issued to another client (RFC 6749 §6)');
  if (family.revoked) throw new InvalidGrant(`the refresh token was revoked (${family.revokedReason ?? 'revoked'})`);
  if (token.expiresAt <= ctx.clock.now()) throw new InvalidGrant('the refresh token expired');
  // A queued adversarial answer (CL-19, CL-20): what the client does next is judged.
  const adversary = ctx.clientConformance.refreshAdversary(ctx, client.client_id, value);
  if (adversary === 'refresh-invalid-grant') {
    revokeFamily(family, 'scenario refresh-invalid-grant');
    throw new InvalidGrant('the refresh token is no longer valid; the user must log in again');
  }
  const retry = token.rotated ? graceRetry(ctx, family, value) : undefined;
  if (token.rotated && !retry && !defects.on('old-refresh-valid')) { // defect: breaks ROT-2, ROT-3
    // RFC 9700 §4.14.2: reuse of a rotated-out token means it leaked; end the family.
    if (!defects.on('reuse-keeps-family')) revokeFamily(family, REUSE_REVOKED); // defect: breaks ROT-3
    throw new InvalidGrant('the refresh token was already used; the session must start again');
  }
  let scope = family.scope;
  if (params.scope !== undefined) {
    const requested = scopeList(params.scope);
    const granted = scopeList(family.scope);
    const limit = defects.on('refresh-scope-widening') ? client.allowed_scopes : granted; // defect: breaks ROT-5
    const wider = requested.filter((s) => !limit.includes(s));
    if (requested.length === 0 || wider.length > 0)
      throw new InvalidScope(`scope ${wider.join(' ') || '(empty)'} exceeds what was granted: ${family.scope} (RFC 6749 §6)`);
    scope = [...new Set(requested)].join(' ');
  }

  let next: string;
  // RFC 6749 §6: the server MAY issue no new refresh token; the client keeps the one it has.
  if (adversary === 'no-new-refresh-token') next = value;
  else if (retry && retry !== 'fork') next = retry.current; // the retry continues the chain: its successor again, no new branch
  else if (defects.on('refresh-not-rotated')) next = value; // defect: breaks ROT-1
  else if (defects.on('refresh-race')) { // defect: breaks ROT-6
    // The defect: rotation happens after a yield, so two concurrent uses both pass the check.
    await new Promise((resolve) => setTimeout(resolve, 25));
    token.rotated = true;
    next = issueRefreshToken(ctx, family, token.clientId, scope);
  } else {
    // Rotate before any await: a concurrent use of `value` now sees it rotated (ROT-6).
    token.rotated = true;
    // defect: breaks RACE-3 (with revoke-refresh-race: a revocation during this wait misses the successor)
    if (defects.on('revoke-refresh-race')) await new Promise((resolve) => setTimeout(resolve, 25));
    next = issueRefreshToken(ctx, family, token.clientId, scope);
  }
  if (next !== value && !(retry && retry !== 'fork')) lastRotation.set(family, { previous: value, current: next, at: ctx.clock.now() });
  const access = await issueAccessToken(ctx, {
    clientId: token.clientId, sub: family.sub, scope, familyId: family.id, lifetime: ctx.config.lifetimes.accessToken,
  });
  const body: Record<string, unknown> = {
    access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope, refresh_token: next,
  };
  if (adversary === 'no-new-refresh-token') delete body.refresh_token;
  if (scopeList(scope).includes('openid'))
    body.id_token = await issueIdToken(ctx, { clientId: token.clientId, sub: family.sub, nonce: null, authTime: family.createdAt });
  return body;
}
