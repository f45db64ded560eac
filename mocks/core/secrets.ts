/** Randomness and comparison for codes, tokens and secrets: node:crypto only. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits, base64url: codes, tokens, request ids (RFC 6749 §10.10 asks for ≥ 128). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** `logi_<32 hex>`: a registered application's client_id (public-clients document). */
export function randomClientId(): string {
  return `logi_${randomBytes(16).toString('hex')}`;
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the
 * length nor the position of the first difference leaks through timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
