/** CODE — authorization codes (RFC 6749 §4.1.2, §4.1.3, §10.10; RFC 9700 §4.5). */
import fc from 'fast-check';
import { obtainCode } from './oauth/authorize.js';
import { grantedCodeTokens, positiveControls, validRefusedToo } from './oauth/baseline.js';
import { publicClient } from './oauth/clients.js';
import { accessTokenActive, expectActive, parseTokens, redeemCode, refreshRequest } from './oauth/token.js';
import { check, evidence, expectError, fail, PropertySkip } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty } from './runner/types.js';

const code1: ConformanceProperty = {
  id: 'CODE-1',
  needs: ['public'],
  runs: 5,
  property(ctx) {
    const client = publicClient(ctx.target);
    // Both ways of redeeming twice in every run, in a generated order.
    const modes = fc.shuffledSubarray<'sequential' | 'concurrent'>(['sequential', 'concurrent'], { minLength: 2 });
    return ctx.forAll(modes, async (order) => {
      for (const mode of order) {
        const issued = await obtainCode(ctx, client);
        const redeem = () => redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier });
        const answers = mode === 'sequential' ? [await redeem(), await redeem()] : await Promise.all([redeem(), redeem()]);
        const ok = answers.filter((r) => r.status === 200 && (r.json as { access_token?: unknown } | undefined)?.access_token);
        check(ok.length <= 1, () => `a code redeemed twice (${mode}) was accepted ${ok.length} times: ${answers.map(evidence).join(' | ')}`);
        // One of the two must be granted: a fresh code redeemed once is the valid request.
        if (ok.length === 0) validRefusedToo(`the first redemption of a fresh code`, `its second redemption (${mode})`, answers.map(evidence).join(' | '));
        const refused = answers.find((r) => r.status !== 200);
        if (!refused) fail(`a code redeemed twice (${mode}) was never refused`);
        expectError(refused, `the second redemption of a code (${mode})`, 'invalid_grant');
      }
    });
  },
};

const code2: ConformanceProperty = {
  id: 'CODE-2',
  needs: ['public', 'tokenStatus'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // Decisive, both in every run: one replay, and several (a server that revokes on the
    // first replay only, or counts replays, differs between them).
    return ctx.forAll(fc.shuffledSubarray([0, 3], { minLength: 2 }), async (order) => {
      for (const extraReplays of order) await replayRevokes(extraReplays);
    });
    async function replayRevokes(extraReplays: number): Promise<void> {
      const issued = await obtainCode(ctx, client);
      const first = parseTokens(await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier }), 'the first redemption of a code');
      // The token is accepted before the replay, or its rejection after it shows nothing.
      await control('a freshly issued access token, before any replay', 'the token after the replay', () => expectActive(ctx, first.access_token, true, 'the access token just issued', client));
      for (let i = 0; i <= extraReplays; i++) await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier });
      const active = await accessTokenActive(ctx, first.access_token, client);
      if (active === undefined) throw new PropertySkip('neither introspection nor userinfo tells whether an access token is active');
      check(!active, () => `after the code was replayed ${extraReplays + 1} time(s), the access token it issued is still accepted`);
      if (first.refresh_token) {
        const res = await refreshRequest(ctx, client, first.refresh_token);
        check(res.status !== 200, () => `after the code was replayed ${extraReplays + 1} time(s), the refresh token it issued still refreshes: ${evidence(res)}`);
      }
    }
  },
};

const code3: ConformanceProperty = {
  id: 'CODE-3',
  needs: ['public', 'public2'],
  runs: 2,
  property(ctx) {
    const owner = publicClient(ctx.target, 'public');
    const other = publicClient(ctx.target, 'public2');
    const variants = fc.shuffledSubarray<'code-redirect' | 'own-redirect'>(['code-redirect', 'own-redirect'], { minLength: 2 });
    const control = positiveControls();
    return ctx.forAll(variants, async (order) => {
      await control(`${owner.id} redeeming its own code`, `the code from ${other.id}`, () => grantedCodeTokens(ctx, owner));
      for (const redirect of order) {
        const issued = await obtainCode(ctx, owner);
        const res = await redeemCode(ctx, other, {
          code: issued.code,
          redirectUri: redirect === 'code-redirect' ? issued.redirectUri : (other.redirectUri as string),
          verifier: issued.pkce.verifier,
        });
        expectError(res, `${owner.id}'s code redeemed by ${other.id} (redirect_uri: ${redirect})`, 'invalid_grant');
      }
    });
  },
};

/** RFC 6749 §4.1.2: a maximum lifetime of 10 minutes is recommended; CODE-4 requires it. */
const MAX_CODE_LIFETIME = 600;

const code4: ConformanceProperty = {
  id: 'CODE-4',
  needs: ['public', 'time:code'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const lifetime = Math.min(ctx.time.declared('code') ?? MAX_CODE_LIFETIME, MAX_CODE_LIFETIME);
    const extra = ctx.time.hasClock ? fc.integer({ min: 1, max: 120 }) : fc.constant(1);
    const control = positiveControls();
    return ctx.forAll(extra, async (beyond) => {
      await control('a fresh code redeemed at once', 'an expired code', () => grantedCodeTokens(ctx, client));
      const issued = await obtainCode(ctx, client);
      await ctx.time.pass(lifetime + beyond);
      const res = await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier });
      expectError(res, `a code redeemed ${lifetime + beyond} s after it was issued`, 'invalid_grant');
    });
  },
};

/**
 * Entropy estimate from samples: positions that vary between samples times the bits per
 * character of the alphabet seen. A counter or a timestamp varies in a few positions only.
 */
export function estimatedBits(samples: readonly string[]): number {
  const chars = new Set(samples.join(''));
  const alphabet = [...chars].every((c) => /[0-9]/.test(c)) ? 10 : [...chars].every((c) => /[0-9a-f]/.test(c)) ? 16 : [...chars].every((c) => /[0-9a-fA-F-]/.test(c)) ? 16 : 64;
  const len = Math.min(...samples.map((s) => s.length));
  let varying = 0;
  for (let i = 0; i < len; i++) if (new Set(samples.map((s) => s[i])).size > 1) varying++;
  // Differences in length carry little: a counter grows by a digit now and then.
  return varying * Math.log2(alphabet);
}

const code5: ConformanceProperty = {
  id: 'CODE-5',
  needs: ['public'],
  runs: 1,
  property(ctx) {
    const client = publicClient(ctx.target);
    return ctx.forAll(fc.integer({ min: 8, max: 10 }), async (n) => {
      const codes: string[] = [];
      const refresh: string[] = [];
      const access: string[] = [];
      for (let i = 0; i < n; i++) {
        const issued = await obtainCode(ctx, client);
        codes.push(issued.code);
        const t = parseTokens(await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier }), 'redeeming a code');
        access.push(t.access_token);
        if (t.refresh_token) refresh.push(t.refresh_token);
      }
      for (const [kind, list] of [['codes', codes], ['access tokens', access], ['refresh tokens', refresh]] as const) {
        if (list.length === 0) continue;
        check(new Set(list).size === list.length, () => `${kind} repeat across ${list.length} issuances: ${list.join(', ')}`);
        const bits = estimatedBits(list);
        check(bits >= 128, () => `${kind} vary in about ${Math.round(bits)} bits across ${list.length} samples (at least 128 needed): ${list.slice(0, 4).join(', ')}`);
      }
    });
  },
};

export const CODE = areaSuite('CODE', { 'CODE-1': code1, 'CODE-2': code2, 'CODE-3': code3, 'CODE-4': code4, 'CODE-5': code5 });
