/**
 * `authprobe serve --keys FILE`: the signing key kept across restarts, since clients cache the
 * JWKS (RFC 8414 §2 jwks_uri) and a new key at every start breaks tokens they still hold. The file
 * is a JWK set of the private keys (ES256 for access tokens, RS256 for ID tokens); it is created (mode 0600: it holds a private key)
 * when missing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, importJWK, type CryptoKey, type JWK } from 'jose';
import { createSigningKey, type SigningKey } from './keys.js';

export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

async function importPair(path: string, jwk: JWK, alg: 'ES256' | 'RS256'): Promise<{ kid: string; privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK }> {
  try {
    const privateKey = (await importJWK({ ...jwk, alg }, alg, { extractable: true })) as CryptoKey;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
    const publicKey = (await importJWK({ ...pub, alg }, alg, { extractable: true })) as CryptoKey;
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    return { kid, privateKey, publicKey, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
  } catch (err) {
    throw new KeyFileError(`${path}: the ${alg} key cannot be imported (${(err as Error).message}); delete the file to have a new one created`);
  }
}

/** The set's private keys: one EC P-256 (ES256, access tokens) and one RSA (RS256, ID tokens). */
async function fromSet(path: string, keys: JWK[]): Promise<SigningKey> {
  const ec = keys.find((k) => k.kty === 'EC' && k.crv === 'P-256' && typeof k.d === 'string');
  const rsa = keys.find((k) => k.kty === 'RSA' && typeof k.d === 'string');
  if (!ec || !rsa) throw new KeyFileError(`${path}: must hold a private EC P-256 key (ES256) and a private RSA key (RS256); delete the file to have a new one created`);
  const e = await importPair(path, ec, 'ES256');
  const r = await importPair(path, rsa, 'RS256');
  return { ...e, rsa: { kid: r.kid, privateKey: r.privateKey, publicJwk: r.publicJwk } };
}

/** Reads the key from `path`, or creates it there (0600) when the file does not exist. */
export async function loadOrCreateKeyFile(path: string): Promise<SigningKey> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new KeyFileError(`${path}: cannot be read (${code ?? 'error'}); check its permissions, or give another --keys path`);
    const key = await createSigningKey();
    const keys = [
      { ...(await exportJWK(key.privateKey)), kid: key.kid, alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(key.rsa.privateKey)), kid: key.rsa.kid, alg: 'RS256', use: 'sig' },
    ];
    try {
      writeFileSync(path, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      throw new KeyFileError(`${path}: cannot be created (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the directory, or give another --keys path`);
    }
    return key;
  }
  let set: unknown;
  try {
    set = JSON.parse(text);
  } catch {
    throw new KeyFileError(`${path}: is not JSON; it must be a JWK set {"keys": [...private JWKs]} (delete it to have a new one created)`);
  }
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'object' && k !== null))
    throw new KeyFileError(`${path}: must be a JWK set {"keys": [<private ES256 JWK>, <private RS256 JWK>]}`);
  return fromSet(path, keys as JWK[]);
}
