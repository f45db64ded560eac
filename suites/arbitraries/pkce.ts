/** PKCE arbitraries (RFC 7636 §4.1, §4.2): legal verifiers, wrong ones, malformed ones. */
import fc from 'fast-check';
import { VERIFIER_ALPHABET } from '../oauth/pkce.js';

const unreserved = fc.constantFrom(...VERIFIER_ALPHABET);
const base64url = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
/** Characters a verifier may not contain: reserved, space, percent, non-ASCII. */
const illegalChar = fc.constantFrom('+', '/', '=', ' ', '%', '!', '*', '"', ':', '@', 'é', 'ß', '\u00a0', '字');

/** Every legal verifier: 43-128 characters of [A-Za-z0-9-._~], lengths spread evenly. */
export function verifier(): fc.Arbitrary<string> {
  return fc.integer({ min: 43, max: 128 }).chain((n) => fc.string({ unit: unreserved, minLength: n, maxLength: n }));
}

export type WrongVerifierKind = 'other' | 'one-char-changed' | 'appended' | 'truncated' | 'case-flipped';

/** Verifiers that are legal but not `good`: a downgrading or guessing client's attempts. */
export function wrongVerifier(good: string): fc.Arbitrary<{ kind: WrongVerifierKind; verifier: string }> {
  const tag = (kind: WrongVerifierKind) => (v: string) => ({ kind, verifier: v });
  return fc
    .oneof(
      verifier().map(tag('other')),
      fc.tuple(fc.nat(good.length - 1), unreserved).map(([i, c]) => tag('one-char-changed')(good.slice(0, i) + c + good.slice(i + 1))),
      unreserved.map((c) => tag('appended')(good.length < 128 ? good + c : good.slice(1) + c)),
      fc.constant(tag('truncated')(good.length > 43 ? good.slice(0, -1) : `${good.slice(0, -1)}${good.at(-1) === 'A' ? 'B' : 'A'}`)),
      fc.constant(tag('case-flipped')(good.replace(/[a-z]/, (c) => c.toUpperCase()).replace(/^[^a-z]*$/, (s) => s.replace(/[A-Z]/, (c) => c.toLowerCase())))),
    )
    .filter((w) => w.verifier !== good);
}

export type MalformedVerifierKind = 'too-short' | 'too-long' | 'illegal-character';

/** Verifiers outside 43-128 unreserved characters (RFC 7636 §4.1). */
export function malformedVerifier(): fc.Arbitrary<{ kind: MalformedVerifierKind; verifier: string }> {
  return fc.oneof(
    fc.string({ unit: unreserved, minLength: 1, maxLength: 42 }).map((v) => ({ kind: 'too-short' as const, verifier: v })),
    fc.string({ unit: unreserved, minLength: 129, maxLength: 200 }).map((v) => ({ kind: 'too-long' as const, verifier: v })),
    fc
      .tuple(fc.string({ unit: unreserved, minLength: 43, maxLength: 127 }), illegalChar, fc.nat())
      .map(([v, c, i]) => ({ kind: 'illegal-character' as const, verifier: v.slice(0, i % v.length) + c + v.slice(i % v.length) })),
  );
}

export type MalformedChallengeKind = 'too-short' | 'too-long' | 'illegal-character' | 'padded';

/** S256 challenges that are not 43 base64url characters (RFC 7636 §4.2). */
export function malformedChallenge(): fc.Arbitrary<{ kind: MalformedChallengeKind; challenge: string }> {
  return fc.oneof(
    fc.string({ unit: base64url, minLength: 1, maxLength: 42 }).map((c) => ({ kind: 'too-short' as const, challenge: c })),
    fc.string({ unit: base64url, minLength: 44, maxLength: 128 }).map((c) => ({ kind: 'too-long' as const, challenge: c })),
    fc
      .tuple(fc.string({ unit: base64url, minLength: 42, maxLength: 42 }), fc.constantFrom('+', '/', '.', '~', '%', ' ', '='))
      .map(([c, x]) => ({ kind: 'illegal-character' as const, challenge: c + x })),
    fc.string({ unit: base64url, minLength: 43, maxLength: 43 }).map((c) => ({ kind: 'padded' as const, challenge: `${c}=` })),
  );
}
