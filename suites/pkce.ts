/** PKCE — proof key for code exchange (RFC 7636; RFC 9700 §2.1.1, §4.8.2). */
import fc from 'fast-check';
import { boundaryVerifierSet, malformedChallengeSet, verifier, wrongVerifierSet } from './arbitraries/pkce.js';
import { state as stateArb } from './arbitraries/oauth.js';
import { authorizationRequest, obtainCode, type AuthorizationOutcome } from './oauth/authorize.js';
import { grantedCode, grantedCodeTokens, positiveControls, type PositiveControls } from './oauth/baseline.js';
import { confidentialClient, publicClient } from './oauth/clients.js';
import { pkcePair, s256 } from './oauth/pkce.js';
import { redeemCode } from './oauth/token.js';
import { CaseFindings, check, expectError, expectTokens, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

/** The authorization request was not granted: no code came back. */
function expectNoCode(o: AuthorizationOutcome, what: string): void {
  const code = o.params?.get('code');
  check(!code, () => `${what}: the server issued a code (${o.callback?.toString()})`, Severity.granted);
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

/** The same authorization request with a valid S256 challenge is granted a code. */
function s256Granted(ctx: PropertyContext, control: PositiveControls, refusal: string): Promise<void> {
  return control('the same authorization request with a valid S256 code_challenge', refusal, () => grantedCode(ctx, publicClient(ctx.target)));
}

/** A fresh code redeemed with its own verifier yields tokens. */
function verifierGranted(ctx: PropertyContext, control: PositiveControls, refusal: string): Promise<void> {
  return control('redeeming a fresh code with its own code_verifier', refusal, () => grantedCodeTokens(ctx, publicClient(ctx.target)));
}

const pkce1: ConformanceProperty = {
  id: 'PKCE-1',
  needs: ['public'],
  runs: 5,
  property(ctx) {
    const control = positiveControls();
    return ctx.forAll(stateArb(), async (state) => {
      await s256Granted(ctx, control, 'a request without code_challenge');
      expectNoCode(await authorize(ctx, { state }), 'an authorization request without code_challenge');
    });
  },
};

type PlainCase = { method: 'plain' | undefined; challengeIs: 'verifier' | 's256' };
const PLAIN_CASES: readonly PlainCase[] = [
  { method: 'plain', challengeIs: 'verifier' },
  { method: 'plain', challengeIs: 's256' },
  { method: undefined, challengeIs: 'verifier' },
  { method: undefined, challengeIs: 's256' },
];

const pkce2: ConformanceProperty = {
  id: 'PKCE-2',
  needs: ['public'],
  runs: 3,
  property(ctx) {
    const control = positiveControls();
    // Every combination in every run, each with its own verifier.
    const cases = fc.tuple(...PLAIN_CASES.map((c) => verifier().map((v) => ({ ...c, verifier: v }))));
    return ctx.forAll(cases, async (list) => {
      await s256Granted(ctx, control, 'code_challenge_method=plain');
      for (const c of list) {
        const challenge = c.challengeIs === 'verifier' ? c.verifier : s256(c.verifier);
        const o = await authorize(ctx, { challenge, method: c.method });
        // RFC 7636 §4.3: an absent method means plain.
        expectNoCode(o, `code_challenge_method=${c.method ?? '(absent, i.e. plain)'} with the ${c.challengeIs === 'verifier' ? 'verifier itself' : "verifier's S256 hash"} as challenge`);
      }
    });
  },
};

const pkce3: ConformanceProperty = {
  id: 'PKCE-3',
  needs: ['public'],
  runs: 3,
  property(ctx) {
    const control = positiveControls();
    // Every kind of malformed challenge (each illegal character too) in every run.
    return ctx.forAll(malformedChallengeSet(), async (cases) => {
      await s256Granted(ctx, control, 'a malformed S256 challenge');
      for (const m of cases) {
        expectNoCode(await authorize(ctx, { challenge: m.challenge, method: 'S256' }), `a ${m.kind} S256 challenge ${JSON.stringify(m.challenge)}`);
      }
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
    const control = positiveControls();
    return ctx.forAll(variants, async (order) => {
      await verifierGranted(ctx, control, 'a missing code_verifier');
      for (const variant of order) {
        const issued = await obtainCode(ctx, client);
        const res = await redeemCode(ctx, client, { ...issued, verifier: variant === 'empty' ? '' : undefined });
        // RFC 7636 §4.6 names invalid_grant for a verifier that does not match; RFC 6749 §5.2
        // names invalid_request for a missing parameter. Either is defensible; nothing else is.
        expectError(res, `token request with code_verifier ${variant}`, ['invalid_grant', 'invalid_request']);
      }
    });
  },
};

const pkce5: ConformanceProperty = {
  id: 'PKCE-5',
  needs: ['public'],
  runs: 8,
  property(ctx) {
    const client = publicClient(ctx.target);
    // Every kind of wrong verifier in every run, for one generated good verifier.
    const cases = verifier().chain((good) => fc.record({ good: fc.constant(good), wrongs: wrongVerifierSet(good) }));
    const control = positiveControls();
    return ctx.forAll(cases, async ({ good, wrongs }) => {
      await verifierGranted(ctx, control, 'a wrong code_verifier');
      // Values the exchange itself offers an attacker: the challenge that was sent (a legal
      // verifier by its alphabet and length), and the verifier of another, earlier flow.
      const earlier = await obtainCode(ctx, client);
      const drawn = [
        { kind: 'the code_challenge itself', verifier: s256(good) },
        { kind: "another flow's verifier", verifier: earlier.pkce.verifier },
      ];
      const findings = new CaseFindings();
      for (const wrong of [...wrongs, ...drawn]) {
        await findings.attempt(async () => {
          const issued = await obtainCode(ctx, client, { pkce: pkcePair(good) });
          const res = await redeemCode(ctx, client, { ...issued, verifier: wrong.verifier });
          expectError(res, `verifier ${wrong.kind} (${wrong.verifier}) for the challenge of ${good}`, 'invalid_grant');
        });
      }
      findings.settle();
    });
  },
};

const pkce6: ConformanceProperty = {
  id: 'PKCE-6',
  needs: ['public'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // Every length from 1 to 42, 129 and up, and each illegal character, in every run.
    return ctx.forAll(boundaryVerifierSet(), async (cases) => {
      await verifierGranted(ctx, control, 'a malformed code_verifier');
      const findings = new CaseFindings();
      for (const m of cases) await findings.attempt(async () => {
        // The challenge is the verifier's own S256 hash, so only the format can refuse it.
        const challenge = s256(m.verifier);
        const o = await authorize(ctx, { challenge, method: 'S256' });
        const code = o.params?.get('code');
        check(code, () => `authorization with a well-formed challenge got no code (${o.refused ?? o.callback?.toString()})`);
        const res = await redeemCode(ctx, client, { code, redirectUri: client.redirectUri as string, verifier: m.verifier });
        expectError(res, `a ${m.kind} verifier ${JSON.stringify(m.verifier)} (length ${m.verifier.length}) whose S256 hash matches`, ['invalid_grant', 'invalid_request']);
      });
      findings.settle();
    });
  },
};

const pkce7: ConformanceProperty = {
  id: 'PKCE-7',
  needs: ['confidentialCode'],
  runs: 4,
  property(ctx) {
    const client = confidentialClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(verifier(), async (v) => {
      await control(`${client.id} redeeming a code issued without a challenge, with no code_verifier`, 'a code_verifier for a code issued without a challenge', async () => {
        const issued = await obtainCode(ctx, client, { pkce: null, scope: client.scope ?? 'openid' });
        expectTokens(await redeemCode(ctx, client, issued), 'redeeming it');
      });
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
  skipIf(ctx) {
    // RFC 8414 metadata is optional: a server that publishes none advertises nothing to judge.
    return ctx.target.metadataUrl ? undefined : 'the target publishes no authorization server metadata (endpoints were given in the target file)';
  },
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

export const PKCE = areaSuite('PKCE', { 'PKCE-1': pkce1, 'PKCE-2': pkce2, 'PKCE-3': pkce3, 'PKCE-4': pkce4, 'PKCE-5': pkce5, 'PKCE-6': pkce6, 'PKCE-7': pkce7, 'PKCE-8': pkce8, 'PKCE-9': pkce9 });
