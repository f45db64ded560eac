/** Randomness and comparison for codes, tokens and secrets: node:crypto only. */
import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';

/*
 * Random bytes come from a pool filled by node:crypto's CSPRNG 8 KiB at a time and handed out
 * once each: a randomBytes call costs microseconds of fixed overhead (bench/README.md, "Where
 * the mock's time goes"), a slice of the pool a few hundred nanoseconds. Every token still
 * gets its own fresh bytes; none is ever handed out twice.
 */
const POOL_BYTES = 8192;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let used = POOL_BYTES;

function take(bytes: number): [Buffer, number] {
  if (bytes > POOL_BYTES) return [randomFillSync(Buffer.allocUnsafe(bytes)), 0];
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const start = used;
  used += bytes;
  return [pool, start];
}

/** 256 bits, base64url: codes, tokens, request ids (RFC 6749 §10.10 asks for ≥ 128). */
export function randomToken(bytes = 32): string {
  const [buf, start] = take(bytes);
  return buf.toString('base64url', start, start + bytes);
}

/** `logi_<32 hex>`: a registered application's client_id (public-clients document). */
export function randomClientId(): string {
  const [buf, start] = take(16);
  return `logi_${buf.toString('hex', start, start + 16)}`;
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the
 * length nor the position of the first difference leaks through timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/**
 * A stored secret, hashed once (SHA-256) so that each comparison hashes the presented side
 * only; the comparison is as constant-time as `constantTimeEqual`.
 */
export interface SecretDigest {
  /** The secret the digest was made from, to notice a record whose secret changed. */
  readonly of: string;
  readonly digest: Buffer;
}

export function secretDigest(secret: string): SecretDigest {
  return { of: secret, digest: sha256(secret) };
}

/** `presented` equals the secret behind `stored`, compared in constant time. */
export function matchesDigest(presented: string, stored: SecretDigest): boolean {
  return timingSafeEqual(sha256(presented), stored.digest);
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
