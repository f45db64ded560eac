import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s256 } from '../oauth/pkce.js';
import { leadsTo, parseRaw, redirectUriMutations } from './redirect.js';
import { malformedChallenge, malformedVerifier, verifier, wrongVerifier } from './pkce.js';

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
});
