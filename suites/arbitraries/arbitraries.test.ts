import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s256 } from '../oauth/pkce.js';
import { leadsTo, parseRaw, redirectUriMutations } from './redirect.js';
import { wrongSecret, wrongSecretSet } from './oauth.js';
import { ILLEGAL_CHALLENGE_CHARS, malformedChallenge, malformedChallengeSet, malformedVerifier, malformedVerifierSet, verifier, wrongVerifier, wrongVerifierSet } from './pkce.js';

const LEGAL = /^[A-Za-z0-9._~-]{43,128}$/;

describe('redirectUriMutations (RED-1)', () => {
  for (const registered of ['http://127.0.0.1:8765/callback', 'https://app.example.com/callback', 'com.example.app:/oauth/cb']) {
    it(`RED-1: mutations of ${registered} differ from it and parse as URIs`, () => {
      fc.assert(
        fc.property(redirectUriMutations(registered), (m) => {
          expect(m.uri).not.toBe(registered);
          expect(parseRaw(m.uri)).toBeDefined();
        }),
        { numRuns: 300 },
      );
    });
  }

  it('RED-1: every component is mutated, including IDN look-alikes and loopback ports', () => {
    const seen = new Set(fc.sample(redirectUriMutations('http://localhost:8765/callback'), 2000).map((m) => m.component));
    for (const c of ['scheme', 'userinfo', 'host', 'port', 'path', 'dot-segment', 'trailing-slash', 'case', 'percent-encoding', 'query', 'fragment', 'idn-lookalike']) {
      expect(seen).toContain(c);
    }
  });

  it('RED-1: loopback ports are left alone under native-loopback', () => {
    const ports = fc.sample(redirectUriMutations('http://127.0.0.1:8765/callback', { loopbackPortsVary: true }), 1000).filter((m) => m.component === 'port');
    expect(ports).toEqual([]);
  });

  it('RED-1: leadsTo sees a redirect to the mutated URI, not one back to the registered URI', () => {
    const registered = ['https://app.example.com/callback'];
    expect(leadsTo('https://app.example.com/callback/x?code=1', 'https://app.example.com/callback/x', registered)).toBe(true);
    expect(leadsTo('https://app.example.com/callback?error=invalid_request', 'https://app.example.com/callback/x', registered)).toBe(false);
    // A host-case mutation parses to the registered place: going there is not an escape.
    expect(leadsTo('https://app.example.com/callback?error=x', 'https://APP.example.com/callback', registered)).toBe(false);
    expect(leadsTo('https://APP.example.com/callback?error=x', 'https://APP.example.com/callback', registered)).toBe(true);
  });
});

describe('PKCE arbitraries', () => {
  it('PKCE-8: verifier() yields only legal verifiers, of every length 43-128', () => {
    const lengths = new Set<number>();
    fc.assert(
      fc.property(verifier(), (v) => {
        expect(v).toMatch(LEGAL);
        lengths.add(v.length);
      }),
      { numRuns: 2000 },
    );
    expect(lengths.size).toBeGreaterThan(80);
  });

  it('PKCE-5: wrongVerifier(good) never yields good, and its challenge differs', () => {
    fc.assert(
      fc.property(verifier().chain((g) => fc.tuple(fc.constant(g), wrongVerifier(g))), ([good, wrong]) => {
        expect(wrong.verifier).not.toBe(good);
        expect(s256(wrong.verifier)).not.toBe(s256(good));
      }),
      { numRuns: 500 },
    );
  });

  it('PKCE-6: malformedVerifier() never yields a legal verifier', () => {
    fc.assert(fc.property(malformedVerifier(), (m) => !LEGAL.test(m.verifier)), { numRuns: 500 });
  });

  it('PKCE-3: malformedChallenge() is never 43 base64url characters', () => {
    fc.assert(fc.property(malformedChallenge(), (m) => !/^[A-Za-z0-9_-]{43}$/.test(m.challenge)), { numRuns: 500 });
  });

  it('PKCE-3: malformedChallengeSet() holds every kind and every illegal character, none of them a valid S256 challenge', () => {
    fc.assert(
      fc.property(malformedChallengeSet(), (set) => {
        expect(new Set(set.map((m) => m.kind))).toEqual(new Set(['too-short', 'too-long', 'padded', 'illegal-character']));
        for (const x of ILLEGAL_CHALLENGE_CHARS) expect(set.some((m) => m.kind === 'illegal-character' && m.challenge.includes(x)), x).toBe(true);
        for (const m of set) expect(m.challenge).not.toMatch(/^[A-Za-z0-9_-]{43}$/);
      }),
      { numRuns: 200 },
    );
  });

  it('PKCE-6: malformedVerifierSet() holds every kind, none of them legal', () => {
    fc.assert(
      fc.property(malformedVerifierSet(), (set) => {
        expect(set.map((m) => m.kind).sort()).toEqual(['illegal-character', 'too-long', 'too-short']);
        for (const m of set) expect(m.verifier).not.toMatch(LEGAL);
      }),
      { numRuns: 200 },
    );
  });

  it('PKCE-5: wrongVerifierSet(good) holds every kind that applies, none of them good', () => {
    fc.assert(
      fc.property(verifier().chain((g) => fc.tuple(fc.constant(g), wrongVerifierSet(g))), ([good, set]) => {
        const kinds = set.map((w) => w.kind);
        expect(kinds).toEqual(expect.arrayContaining(['other', 'one-char-changed', 'appended', 'truncated']));
        for (const w of set) expect(w.verifier).not.toBe(good);
      }),
      { numRuns: 300 },
    );
    // No letters to flip: the kind is left out rather than spinning on a filter.
    const digits = '0123456789'.repeat(5);
    fc.assert(fc.property(wrongVerifierSet(digits), (set) => !set.some((w) => w.kind === 'case-flipped')), { numRuns: 20 });
  });
});

describe('wrong secrets (DG-3)', () => {
  it('DG-3: wrongSecretSet(real) tries the empty secret and every other kind in every value, never the real one', () => {
    for (const real of ['demo-confidential-secret', 'UPPER', '12345', 'x']) {
      fc.assert(
        fc.property(wrongSecretSet(real), (set) => {
          const kinds = set.map((w) => w.kind);
          expect(kinds).toEqual(expect.arrayContaining(['random', 'one-char-changed', 'prefix', 'empty', 'appended']));
          expect(kinds.includes('case-flipped')).toBe(/[A-Za-z]/.test(real));
          for (const w of set) expect(w.secret).not.toBe(real);
        }),
        { numRuns: 100 },
      );
    }
    fc.assert(fc.property(wrongSecret('s3cret'), (w) => w.secret !== 's3cret'), { numRuns: 200 });
  });
});
