/** Small shared arbitraries: state values, scopes, secrets a client might get wrong. */
import fc from 'fast-check';

/** RFC 6749 Appendix A.5: state is VSCHAR (%x20-7E); servers must return it byte for byte. */
export function state(): fc.Arbitrary<string> {
  return fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 80 });
}

const VSCHAR = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
const vschar = fc.constantFrom(...VSCHAR);

/**
 * States at the edges, every one on every run: every printable ASCII character at once (so
 * `+ / = % & # ;` and space among them), a percent sign that is not an escape, 2 KB of VSCHAR,
 * and a short one. RFC 6749 §4.1.2: the response carries "the exact value received".
 */
export function stateSet(): fc.Arbitrary<Array<{ kind: string; state: string }>> {
  // No shrinking: each edge is a case of its own, named in the finding; shrinking 2 KB of state
  // a character at a time reran every case per step and named nothing new.
  return fc.noShrink(fc.tuple(
    fc.shuffledSubarray(VSCHAR, { minLength: VSCHAR.length }).map((cs) => ({ kind: 'every printable ASCII character', state: cs.join('') })),
    fc.stringMatching(/^[A-Za-z0-9]{1,10}$/).map((s) => ({ kind: 'an invalid percent-escape', state: `${s}%zz%2%` })),
    fc.constantFrom('+', ' ', '&', '#', ';', '=', '/', '%20').map((c) => ({ kind: `a state that is only ${JSON.stringify(c)}`, state: c })),
    fc.string({ unit: vschar, minLength: 2048, maxLength: 2048 }).map((s) => ({ kind: '2 KB of printable ASCII', state: s })),
    state().map((s) => ({ kind: 'a generated state', state: s })),
  ));
}

/** A state outside VSCHAR (non-ASCII): a server may refuse it, but must not change it. */
export const nonAsciiState = fc.constantFrom('état-ß', '状态', 'emoji-😀', 'nbsp\u00a0x');

export const scopeToken = fc.stringMatching(/^[a-z][a-z0-9_:.-]{0,15}$/);

/** A scope the client was not granted: outside `granted`. */
export function extraScope(granted: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('api', 'admin', 'email', 'write', 'users:write'), scopeToken).filter((s) => !granted.includes(s));
}

export type WrongSecretKind = 'random' | 'one-char-changed' | 'prefix' | 'case-flipped' | 'empty' | 'appended';

function wrongSecretsByKind(real: string): Array<fc.Arbitrary<{ kind: WrongSecretKind; secret: string }>> {
  const tag = (kind: WrongSecretKind) => (secret: string) => ({ kind, secret });
  const flipped = real.toUpperCase() === real ? real.toLowerCase() : real.toUpperCase();
  const arbs = [
    fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/).map(tag('random')),
    fc.tuple(fc.nat(Math.max(0, real.length - 1)), fc.stringMatching(/^[A-Za-z0-9]$/)).map(([i, c]) => tag('one-char-changed')(real.slice(0, i) + c + real.slice(i + 1))),
    // A kind that cannot differ from this secret (no letters to flip, nothing to cut) is left
    // out: a constant that never passes the filter would spin.
    ...(real.length > 0 ? [fc.integer({ min: 0, max: real.length - 1 }).map((n) => tag('prefix')(real.slice(0, n)))] : []),
    ...(flipped !== real ? [fc.constant(tag('case-flipped')(flipped))] : []),
    ...(real !== '' ? [fc.constant(tag('empty')(''))] : []),
    fc.stringMatching(/^[A-Za-z0-9]{1,4}$/).map((s) => tag('appended')(real + s)),
  ];
  return arbs.map((a) => a.filter((w) => w.secret !== real));
}

export function wrongSecret(real: string): fc.Arbitrary<{ kind: WrongSecretKind; secret: string }> {
  return fc.oneof(...wrongSecretsByKind(real));
}

/** One wrong secret of every kind that applies to `real` (the empty one included): every kind, every run. */
export function wrongSecretSet(real: string): fc.Arbitrary<Array<{ kind: WrongSecretKind; secret: string }>> {
  return fc.tuple(...wrongSecretsByKind(real));
}
