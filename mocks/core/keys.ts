/**
 * The signing key (ES256) and the JWTs signed with it: RFC 9068 access tokens (`at+jwt`) and
 * OpenID Connect ID tokens. jose does the JOSE work, except signing access tokens (below).
 */
import { KeyObject, sign } from 'node:crypto';
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

/** What signing an access token needs of a key, derived once per key (the token endpoint signs on every request). */
interface AccessTokenSigner {
  keyObject: KeyObject;
  /** The encoded protected header: it is the same for every token of the key. */
  header: string;
}
const signers = new WeakMap<SigningKey, AccessTokenSigner>();

function accessTokenSigner(key: SigningKey): AccessTokenSigner {
  let s = signers.get(key);
  if (s === undefined) {
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid: key.kid })).toString('base64url');
    const priv: unknown = key.privateKey;
    s = { keyObject: priv instanceof KeyObject ? priv : KeyObject.from(priv as Parameters<typeof KeyObject.from>[0]), header };
    signers.set(key, s);
  }
  return s;
}

/**
 * RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti; typ at+jwt (§2.1). Signed with
 * node:crypto's synchronous ES256 (RFC 7515 §5.1 compact serialisation by hand): on the token
 * endpoint's hot path, jose's WebCrypto signature costs a promise round and more per token
 * than the signature itself (bench/README.md). jose verifies these tokens like any other.
 */
export function signAccessToken(key: SigningKey, c: AccessTokenClaims): Promise<string> {
  const s = accessTokenSigner(key);
  const payload = JSON.stringify({ client_id: c.clientId, scope: c.scope, iss: c.issuer, aud: c.audience, sub: c.sub, jti: c.jti, iat: c.iat, exp: c.exp });
  const input = `${s.header}.${Buffer.from(payload).toString('base64url')}`;
  // RFC 7518 §3.4: the ES256 signature is R || S (IEEE P1363), not DER.
  const signature = sign('sha256', Buffer.from(input), { key: s.keyObject, dsaEncoding: 'ieee-p1363' });
  return Promise.resolve(`${input}.${signature.toString('base64url')}`);
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
