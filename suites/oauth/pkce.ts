/** RFC 7636 §4.1-4.2: verifiers and their S256 challenges. */
import { createHash, randomBytes } from 'node:crypto';

export const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh 43-character verifier from 256 random bits. */
export function randomVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function randomState(): string {
  return randomBytes(16).toString('base64url');
}

export interface PkcePair {
  verifier: string;
  challenge: string;
}

export function pkcePair(verifier = randomVerifier()): PkcePair {
  return { verifier, challenge: s256(verifier) };
}
