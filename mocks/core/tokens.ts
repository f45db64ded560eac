/**
 * Issuing, validating and revoking access tokens, and revoking token families. JWT access
 * tokens (RFC 9068) are verified by signature and only stored when something must be
 * remembered about them (their family, or their revocation), which keeps the
 * client_credentials path free of writes; opaque tokens are stored by value.
 */
import { seconds, type CoreContext } from './context.js';
import { signAccessToken, signIdToken, verifyAccessToken } from './keys.js';
import { randomToken } from './secrets.js';
import type { FamilyRecord } from './store.js';

export interface IssuedAccessToken {
  token: string;
  /** What the response says in expires_in. */
  expiresIn: number;
}

export async function issueAccessToken(
  ctx: CoreContext,
  t: { clientId: string; sub: string; scope: string; familyId: string | null; lifetime: number },
): Promise<IssuedAccessToken> {
  const now = ctx.clock.now();
  const iat = seconds(now);
  const exp = iat + t.lifetime;
  const expiresIn = ctx.defects.on('expires-in-mismatch') ? t.lifetime * 2 : t.lifetime; // defect: breaks EXP-1
  if (ctx.config.accessTokenFormat === 'opaque') {
    const token = randomToken();
    ctx.store.accessTokens.insert({
      id: token, clientId: t.clientId, sub: t.sub, scope: t.scope, familyId: t.familyId,
      issuedAt: now, expiresAt: exp * 1000, revoked: false,
    });
    return { token, expiresIn };
  }
  const jti = randomToken(16);
  if (t.familyId !== null) {
    ctx.store.accessTokens.insert({
      id: jti, clientId: t.clientId, sub: t.sub, scope: t.scope, familyId: t.familyId,
      issuedAt: now, expiresAt: exp * 1000, revoked: false,
    });
  }
  const token = await signAccessToken(ctx.key, {
    issuer: ctx.issuer, audience: ctx.issuer, sub: t.sub, clientId: t.clientId, scope: t.scope, jti, iat, exp,
  });
  return { token, expiresIn };
}

export function issueIdToken(ctx: CoreContext, t: { clientId: string; sub: string; nonce: string | null; authTime: number }): Promise<string> {
  const iat = seconds(ctx.clock.now());
  const user = ctx.config.users.find((u) => u.sub === t.sub);
  const extra: Record<string, unknown> = {};
  if (user?.name) extra.name = user.name;
  if (user?.email) extra.email = user.email;
  return signIdToken(ctx.key, {
    issuer: ctx.issuer, clientId: t.clientId, sub: t.sub, nonce: t.nonce, iat,
    exp: iat + ctx.config.lifetimes.accessToken, authTime: seconds(t.authTime), extra,
  }, ctx.defects.on('id-token-es256-only') ? 'ES256' : 'RS256'); // defect: breaks META-3
}

export interface ActiveAccessToken {
  /** The store key: the opaque value or the JWT's jti. */
  id: string;
  jwt: boolean;
  clientId: string;
  sub: string;
  scope: string;
  iat: number;
  exp: number;
}

const looksLikeJwt = (token: string) => token.split('.').length === 3;

/** The token's claims if it is ours, unexpired, unrevoked and its family alive; else null. */
export async function validateAccessToken(ctx: CoreContext, token: string): Promise<ActiveAccessToken | null> {
  if (token.length > 8192) return null;
  let found: ActiveAccessToken;
  if (looksLikeJwt(token)) {
    const v = await verifyAccessToken(ctx.key, token, ctx.issuer);
    if (!v) return null;
    found = { id: v.jti, jwt: true, clientId: v.clientId, sub: v.sub, scope: v.scope, iat: v.iat, exp: v.exp };
  } else {
    const r = ctx.store.accessTokens.get(token);
    if (!r) return null;
    found = { id: token, jwt: false, clientId: r.clientId, sub: r.sub, scope: r.scope, iat: seconds(r.issuedAt), exp: seconds(r.expiresAt) };
  }
  if (found.exp * 1000 <= ctx.clock.now() && !ctx.defects.on('expired-token-accepted')) return null; // defect: breaks EXP-2
  const record = ctx.store.accessTokens.get(found.id);
  if (record?.revoked) return null;
  if (record?.familyId) {
    const family = ctx.store.families.get(record.familyId);
    if (!family || family.revoked) return null;
  }
  return found;
}

/** RFC 7009 §2.1 for an access token. */
export function revokeAccessToken(ctx: CoreContext, active: ActiveAccessToken): void {
  if (ctx.defects.on('access-revoke-noop')) return; // defect: breaks EXP-4
  const record = ctx.store.accessTokens.get(active.id);
  if (record) record.revoked = true;
  else {
    ctx.store.accessTokens.insert({
      id: active.id, clientId: active.clientId, sub: active.sub, scope: active.scope, familyId: null,
      issuedAt: active.iat * 1000, expiresAt: active.exp * 1000, revoked: true,
    });
  }
}

/** RFC 9700 §4.14.2: the whole family — refresh and access tokens — stops working. */
export function revokeFamily(family: FamilyRecord | undefined, reason: string): void {
  if (!family || family.revoked) return;
  family.revoked = true;
  family.revokedReason = reason;
}

export function createFamily(ctx: CoreContext, f: { clientId: string; sub: string; scope: string }): FamilyRecord {
  const now = ctx.clock.now();
  return ctx.store.families.insert({
    id: randomToken(16), clientId: f.clientId, sub: f.sub, scope: f.scope, createdAt: now,
    revoked: false, revokedReason: null, refreshIssued: 0,
    expiresAt: now + Math.max(ctx.config.lifetimes.refreshToken, ctx.config.lifetimes.accessToken) * 1000,
  });
}

/** A new refresh token in `family`, valid for the configured lifetime. */
export function issueRefreshToken(ctx: CoreContext, family: FamilyRecord, clientId: string, scope: string): string {
  const now = ctx.clock.now();
  const token = randomToken();
  const expiresAt = ctx.defects.on('refresh-never-expires') // defect: breaks EXP-3
    ? Number.MAX_SAFE_INTEGER
    : now + ctx.config.lifetimes.refreshToken * 1000;
  ctx.store.refreshTokens.insert({ token, familyId: family.id, clientId, scope, issuedAt: now, expiresAt, rotated: false });
  family.refreshIssued += 1;
  family.expiresAt = Math.max(family.expiresAt, expiresAt, now + ctx.config.lifetimes.accessToken * 1000);
  return token;
}
