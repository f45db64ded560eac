/** Small shared arbitraries: state values, scopes, secrets a client might get wrong. */
import fc from 'fast-check';

/** RFC 6749 Appendix A.5: state is VSCHAR (%x20-7E); servers must return it byte for byte. */
export function state(): fc.Arbitrary<string> {
  return fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 80 });
}

export const scopeToken = fc.stringMatching(/^[a-z][a-z0-9_:.-]{0,15}$/);

/** A scope the client was not granted: outside `granted`. */
export function extraScope(granted: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('api', 'admin', 'email', 'write', 'users:write'), scopeToken).filter((s) => !granted.includes(s));
}

export type WrongSecretKind = 'random' | 'one-char-changed' | 'prefix' | 'case-flipped' | 'empty' | 'appended';

export function wrongSecret(real: string): fc.Arbitrary<{ kind: WrongSecretKind; secret: string }> {
  const tag = (kind: WrongSecretKind) => (secret: string) => ({ kind, secret });
  return fc
    .oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/).map(tag('random')),
      fc.tuple(fc.nat(Math.max(0, real.length - 1)), fc.stringMatching(/^[A-Za-z0-9]$/)).map(([i, c]) => tag('one-char-changed')(real.slice(0, i) + c + real.slice(i + 1))),
      fc.integer({ min: 0, max: Math.max(0, real.length - 1) }).map((n) => tag('prefix')(real.slice(0, n))),
      fc.constant(tag('case-flipped')(real.toUpperCase() === real ? real.toLowerCase() : real.toUpperCase())),
      fc.constant(tag('empty')('')),
      fc.stringMatching(/^[A-Za-z0-9]{1,4}$/).map((s) => tag('appended')(real + s)),
    )
    .filter((w) => w.secret !== real);
}
