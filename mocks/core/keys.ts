/**
 * The signing key (ES256) and the JWTs signed with it: RFC 9068 access tokens (`at+jwt`) and
 * OpenID Connect ID tokens. jose does the JOSE work.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
  /** RS256, for ID tokens: OpenID Connect Registration §2 makes RS256 the default id_token_signed_response_alg. */
  readonly rsa: { readonly kid: string; readonly privateKey: CryptoKey; readonly publicJwk: JWK };
}

export async function createSigningKey(): Promise<SigningKey> {
  const [ec, rsa] = await Promise.all([generateKeyPair('ES256', { extractable: true }), generateKeyPair('RS256', { extractable: true })]);
  const jwk = await exportJWK(ec.publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const rsaJwk = await exportJWK(rsa.publicKey);
  const rsaKid = await calculateJwkThumbprint(rsaJwk);
  return {
    kid, privateKey: ec.privateKey, publicKey: ec.publicKey, publicJwk: { ...jwk, kid, alg: 'ES256', use: 'sig' },
    rsa: { kid: rsaKid, privateKey: rsa.privateKey, publicJwk: { ...rsaJwk, kid: rsaKid, alg: 'RS256', use: 'sig' } },
  };
}

export interface AccessTokenClaims {
  issuer: string;
  audience: string;
  sub: string;
  clientId: string;
  scope: string;
  jti: string;
  /** seconds since the epoch */
  iat: number;
  exp: number;
}

/** RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti; typ at+jwt (§2.1). */
export function signAccessToken(key: SigningKey, c: AccessTokenClaims): Promise<string> {
  return new SignJWT({ client_id: c.clientId, scope: c.scope })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.kid })
    .setIssuer(c.issuer)
    .setAudience(c.audience)
    .setSubject(c.sub)
    .setJti(c.jti)
    .setIssuedAt(c.iat)
    .setExpirationTime(c.exp)
    .sign(key.privateKey);
}

export interface IdTokenClaims {
  issuer: string;
  clientId: string;
  sub: string;
  nonce: string | null;
  iat: number;
  exp: number;
  authTime: number;
  extra?: Record<string, unknown>;
}

/** OpenID Connect Core §2; RS256 by default (Registration §2), ES256 where `alg` says so. */
export function signIdToken(key: SigningKey, c: IdTokenClaims, alg: 'RS256' | 'ES256' = 'RS256'): Promise<string> {
  const payload: Record<string, unknown> = { ...c.extra, auth_time: c.authTime };
  if (c.nonce !== null) payload.nonce = c.nonce;
  const signer = alg === 'RS256' ? key.rsa : key;
  return new SignJWT(payload)
    .setProtectedHeader({ alg, typ: 'JWT', kid: signer.kid })
    .setIssuer(c.issuer)
    .setAudience(c.clientId)
    .setSubject(c.sub)
    .setIssuedAt(c.iat)
    .setExpirationTime(c.exp)
    .sign(signer.privateKey);
}

export interface VerifiedAccessToken {
  jti: string;
  sub: string;
  clientId: string;
  scope: string;
  iat: number;
  exp: number;
  aud: string;
}

/**
 * Verifies signature, type and issuer of one of our access tokens. Expiry is left to the
 * caller, which compares against the mock clock (and may be running a defect).
 */
export async function verifyAccessToken(key: SigningKey, token: string, issuer: string): Promise<VerifiedAccessToken | null> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      issuer,
      typ: 'at+jwt',
      algorithms: ['ES256'],
      // expiry is checked against the mock clock by the caller
      currentDate: new Date(0),
      clockTolerance: Number.MAX_SAFE_INTEGER,
    });
    const { jti, sub, client_id, scope, iat, exp, aud } = payload as Record<string, unknown>;
    if (typeof jti !== 'string' || typeof sub !== 'string' || typeof client_id !== 'string' || typeof exp !== 'number')
      return null;
    return {
      jti,
      sub,
      clientId: client_id,
      scope: typeof scope === 'string' ? scope : '',
      iat: typeof iat === 'number' ? iat : 0,
      exp,
      aud: typeof aud === 'string' ? aud : Array.isArray(aud) ? String(aud[0]) : '',
    };
  } catch {
    return null;
  }
}
