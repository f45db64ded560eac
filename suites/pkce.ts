/** PKCE — proof key for code exchange (RFC 7636; RFC 9700 §2.1.1, §4.8.2). */
import fc from 'fast-check';
import { malformedChallenge, malformedVerifier, verifier, wrongVerifier } from './arbitraries/pkce.js';
import { state as stateArb } from './arbitraries/oauth.js';
import { authorizationRequest, obtainCode, type AuthorizationOutcome } from './oauth/authorize.js';
import { confidentialClient, publicClient } from './oauth/clients.js';
import { pkcePair, s256 } from './oauth/pkce.js';
import { redeemCode } from './oauth/token.js';
import { check, expectError, expectTokens } from './runner/failure.js';
import type { AreaSuite, ConformanceProperty, PropertyContext } from './runner/types.js';

/** The authorization request was not granted: no code came back. */
function expectNoCode(o: AuthorizationOutcome, what: string): void {
  const code = o.params?.get('code');
  check(!code, () => `${what}: the server issued a code (${o.callback?.toString()})`);
}

function authorize(ctx: PropertyContext, p: { challenge?: string | undefined; method?: string | undefined; state?: string }): Promise<AuthorizationOutcome> {
  const client = publicClient(ctx.target);
  return authorizationRequest(ctx, {
    client_id: client.id,
    redirect_uri: client.redirectUri,
    scope: client.scope,
    state: p.state ?? 'pkce',
    code_challenge: p.challenge,
    code_challenge_method: p.method,
  });
}

const pkce1: ConformanceProperty = {
  id: 'PKCE-1',
  needs: ['public'],
  runs: 5,
  property(ctx) {
    return ctx.forAll(stateArb(), async (state) => {
      expectNoCode(await authorize(ctx, { state }), 'an authorization request without code_challenge');
    });
  },
};

const pkce2: ConformanceProperty = {
  id: 'PKCE-2',
  needs: ['public'],
  runs: 6,
  property(ctx) {
    const cases = fc.record({
      verifier: verifier(),
      method: fc.constantFrom<'plain' | undefined>('plain', undefined),
      challengeIs: fc.constantFrom<'verifier' | 's256'>('verifier', 's256'),
    });
    return ctx.forAll(cases, async (c) => {
      const challenge = c.challengeIs === 'verifier' ? c.verifier : s256(c.verifier);
      const o = await authorize(ctx, { challenge, method: c.method });
      // RFC 7636 §4.3: an absent method means plain.
      expectNoCode(o, `code_challenge_method=${c.method ?? '(absent, i.e. plain)'}`);
    });
  },
};

const pkce3: ConformanceProperty = {
  id: 'PKCE-3',
  needs: ['public'],
  runs: 10,
  property(ctx) {
    return ctx.forAll(malformedChallenge(), async (m) => {
      expectNoCode(await authorize(ctx, { challenge: m.challenge, method: 'S256' }), `a ${m.kind} S256 challenge ${JSON.stringify(m.challenge)}`);
    });
  },
};

const pkce4: ConformanceProperty = {
  id: 'PKCE-4',
  needs: ['public'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const variants = fc.shuffledSubarray<'absent' | 'empty'>(['absent', 'empty'], { minLength: 2 });
    return ctx.forAll(variants, async (order) => {
      for (const variant of order) {
        const issued = await obtainCode(ctx, client);
        const res = await redeemCode(ctx, client, { ...issued, verifier: variant === 'empty' ? '' : undefined });
        expectError(res, `token request with code_verifier ${variant}`, variant === 'empty' ? ['invalid_grant', 'invalid_request'] : 'invalid_grant');
      }
    });
  },
};

const pkce5: ConformanceProperty = {
  id: 'PKCE-5',
  needs: ['public'],
  runs: 40,
  property(ctx) {
    const client = publicClient(ctx.target);
    const cases = verifier().chain((good) => fc.record({ good: fc.constant(good), wrong: wrongVerifier(good) }));
    return ctx.forAll(cases, async ({ good, wrong }) => {
      const issued = await obtainCode(ctx, client, { pkce: pkcePair(good) });
      const res = await redeemCode(ctx, client, { ...issued, verifier: wrong.verifier });
      expectError(res, `verifier ${wrong.kind} (${wrong.verifier}) for the challenge of ${good}`, 'invalid_grant');
    });
  },
};

const pkce6: ConformanceProperty = {
  id: 'PKCE-6',
  needs: ['public'],
  runs: 20,
  property(ctx) {
    const client = publicClient(ctx.target);
    return ctx.forAll(malformedVerifier(), async (m) => {
      // The challenge is the verifier's own S256 hash, so only the format can refuse it.
      const challenge = s256(m.verifier);
      const o = await authorize(ctx, { challenge, method: 'S256' });
      const code = o.params?.get('code');
      check(code, () => `authorization with a well-formed challenge got no code (${o.refused ?? o.callback?.toString()})`);
      const res = await redeemCode(ctx, client, { code, redirectUri: client.redirectUri as string, verifier: m.verifier });
      expectError(res, `a ${m.kind} verifier ${JSON.stringify(m.verifier)} (length ${m.verifier.length}) whose S256 hash matches`, ['invalid_grant', 'invalid_request']);
    });
  },
};

const pkce7: ConformanceProperty = {
  id: 'PKCE-7',
  needs: ['confidentialCode'],
  runs: 4,
  property(ctx) {
    const client = confidentialClient(ctx.target);
    return ctx.forAll(verifier(), async (v) => {
      const issued = await obtainCode(ctx, client, { pkce: null, scope: client.scope ?? 'openid' });
      const res = await redeemCode(ctx, client, { ...issued, verifier: v });
      expectError(res, `code_verifier ${v} sent for a code issued without a challenge`, ['invalid_grant', 'invalid_request']);
    });
  },
};

const pkce8: ConformanceProperty = {
  id: 'PKCE-8',
  needs: ['public'],
  runs: 60,
  property(ctx) {
    const client = publicClient(ctx.target);
    return ctx.forAll(verifier(), async (v) => {
      const issued = await obtainCode(ctx, client, { pkce: pkcePair(v) });
      const res = await redeemCode(ctx, client, { ...issued, verifier: v });
      expectTokens(res, `a legal verifier of ${v.length} characters with its S256 challenge`);
    });
  },
};

const pkce9: ConformanceProperty = {
  id: 'PKCE-9',
  needs: [],
  runs: 1,
  property(ctx) {
    return ctx.forAll(fc.constant(ctx.target.metadataUrl), async (url) => {
      const methods = ctx.target.metadata.code_challenge_methods_supported;
      check(
        Array.isArray(methods) && methods.length > 0 && methods.every((m) => m === 'S256'),
        () => `metadata (${url || 'none'}) code_challenge_methods_supported is ${JSON.stringify(methods)}, expected ["S256"]`,
      );
    });
  },
};

export const PKCE: AreaSuite = { area: 'PKCE', properties: [pkce1, pkce2, pkce3, pkce4, pkce5, pkce6, pkce7, pkce8, pkce9] };
