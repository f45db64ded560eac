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

function wrongVerifiersByKind(good: string): Array<fc.Arbitrary<{ kind: WrongVerifierKind; verifier: string }>> {
  const tag = (kind: WrongVerifierKind) => (v: string) => ({ kind, verifier: v });
  const caseFlipped = good.replace(/[a-z]/, (c) => c.toUpperCase()).replace(/^[^a-z]*$/, (s) => s.replace(/[A-Z]/, (c) => c.toLowerCase()));
  const arbs = [
    verifier().map(tag('other')),
    fc.tuple(fc.nat(good.length - 1), unreserved).map(([i, c]) => tag('one-char-changed')(good.slice(0, i) + c + good.slice(i + 1))),
    unreserved.map((c) => tag('appended')(good.length < 128 ? good + c : good.slice(1) + c)),
    fc.constant(tag('truncated')(good.length > 43 ? good.slice(0, -1) : `${good.slice(0, -1)}${good.at(-1) === 'A' ? 'B' : 'A'}`)),
    // A verifier without letters has no case to flip: a constant that never passes the filter would spin.
    ...(caseFlipped !== good ? [fc.constant(tag('case-flipped')(caseFlipped))] : []),
  ];
  return arbs.map((a) => a.filter((w) => w.verifier !== good));
}

/** Verifiers that are legal but not `good`: a downgrading or guessing client's attempts. */
export function wrongVerifier(good: string): fc.Arbitrary<{ kind: WrongVerifierKind; verifier: string }> {
  return fc.oneof(...wrongVerifiersByKind(good));
}

/** One wrong verifier of every kind that applies to `good`: every kind, every run. */
export function wrongVerifierSet(good: string): fc.Arbitrary<Array<{ kind: WrongVerifierKind; verifier: string }>> {
  return fc.tuple(...wrongVerifiersByKind(good));
}

export type MalformedVerifierKind = 'too-short' | 'too-long' | 'illegal-character';

const malformedVerifiersByKind = (): Array<fc.Arbitrary<{ kind: MalformedVerifierKind; verifier: string }>> => [
  fc.string({ unit: unreserved, minLength: 1, maxLength: 42 }).map((v) => ({ kind: 'too-short' as const, verifier: v })),
  fc.string({ unit: unreserved, minLength: 129, maxLength: 200 }).map((v) => ({ kind: 'too-long' as const, verifier: v })),
  fc
    .tuple(fc.string({ unit: unreserved, minLength: 43, maxLength: 127 }), illegalChar, fc.nat())
    .map(([v, c, i]) => ({ kind: 'illegal-character' as const, verifier: v.slice(0, i % v.length) + c + v.slice(i % v.length) })),
];

/**
 * The edges of RFC 7636 §4.1, every one on every run: a verifier of each length from 1 to 42,
 * lengths 129, 130 and 256, and a 43-character verifier with each illegal character.
 */
export function boundaryVerifierSet(): fc.Arbitrary<Array<{ kind: MalformedVerifierKind; verifier: string }>> {
  const short = Array.from({ length: 42 }, (_, i) => fc.string({ unit: unreserved, minLength: i + 1, maxLength: i + 1 }).map((v) => ({ kind: 'too-short' as const, verifier: v })));
  const long = [129, 130, 256].map((n) => fc.string({ unit: unreserved, minLength: n, maxLength: n }).map((v) => ({ kind: 'too-long' as const, verifier: v })));
  const illegal = ['+', '/', '=', ' ', '%', '!', '*', '"', ':', '@', 'é', '\u00a0', '字'].map((c) =>
    fc.tuple(fc.string({ unit: unreserved, minLength: 42, maxLength: 42 }), fc.nat(42)).map(([v, i]) => ({ kind: 'illegal-character' as const, verifier: v.slice(0, i) + c + v.slice(i) })),
  );
  // No shrinking: the lengths and characters are the cases, fixed; shrinking the random letters
  // around them reran all 58 redemptions per step (20 s) and sharpened nothing (CaseFindings
  // already reports the worst case).
  return fc.noShrink(fc.tuple(...short, ...long, ...illegal));
}

/** Verifiers outside 43-128 unreserved characters (RFC 7636 §4.1). */
export function malformedVerifier(): fc.Arbitrary<{ kind: MalformedVerifierKind; verifier: string }> {
  return fc.oneof(...malformedVerifiersByKind());
}

/** One malformed verifier of every kind: every kind, every run. */
export function malformedVerifierSet(): fc.Arbitrary<Array<{ kind: MalformedVerifierKind; verifier: string }>> {
  return fc.tuple(...malformedVerifiersByKind());
}

export type MalformedChallengeKind = 'too-short' | 'too-long' | 'illegal-character' | 'padded';

/** Characters outside base64url that a careless encoder produces (standard base64, verifier-only, escapes). */
export const ILLEGAL_CHALLENGE_CHARS = ['+', '/', '.', '~', '%', ' ', '='] as const;

function illegalCharacterChallenge(ch: fc.Arbitrary<string>): fc.Arbitrary<{ kind: 'illegal-character'; challenge: string }> {
  // 42 base64url characters with the stray one somewhere among them: 43 in all.
  return fc
    .tuple(fc.string({ unit: base64url, minLength: 42, maxLength: 42 }), ch, fc.nat(42))
    .map(([c, x, i]) => ({ kind: 'illegal-character' as const, challenge: c.slice(0, i) + x + c.slice(i) }));
}

const tooShortChallenge = fc.string({ unit: base64url, minLength: 1, maxLength: 42 }).map((c) => ({ kind: 'too-short' as const, challenge: c }));
const tooLongChallenge = fc.string({ unit: base64url, minLength: 44, maxLength: 128 }).map((c) => ({ kind: 'too-long' as const, challenge: c }));
const paddedChallenge = fc.string({ unit: base64url, minLength: 43, maxLength: 43 }).map((c) => ({ kind: 'padded' as const, challenge: `${c}=` }));

/** S256 challenges that are not 43 base64url characters (RFC 7636 §4.2). */
export function malformedChallenge(): fc.Arbitrary<{ kind: MalformedChallengeKind; challenge: string }> {
  return fc.oneof(tooShortChallenge, tooLongChallenge, illegalCharacterChallenge(fc.constantFrom(...ILLEGAL_CHALLENGE_CHARS)), paddedChallenge);
}

/**
 * Every kind of malformed S256 challenge in one value: too short, too long, padded, and one
 * with each illegal character, so that every run tries every case.
 */
export function malformedChallengeSet(): fc.Arbitrary<Array<{ kind: MalformedChallengeKind; challenge: string }>> {
  return fc.tuple(tooShortChallenge, tooLongChallenge, paddedChallenge, ...ILLEGAL_CHALLENGE_CHARS.map((x) => illegalCharacterChallenge(fc.constant(x))));
}
