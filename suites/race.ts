/** RACE — concurrent requests against single-use and revocable grants (RFC 6749 §4.1.2; RFC 7009 §2.1). */
import fc from 'fast-check';
import { obtainCode } from './oauth/authorize.js';
import { grantedCodeTokens, positiveControls } from './oauth/baseline.js';
import { publicClient } from './oauth/clients.js';
import { accessTokenActive, codeFlowWithRefresh, redeemCode, refreshRequest, tokenRequest } from './oauth/token.js';
import { CaseFindings, check, evidence, PropertySkip, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Redemptions {
  sent: number;
  granted: Array<{ access_token: string; refresh_token?: string }>;
  answers: string[];
}

/** `n` redemptions of one fresh code, sent at once. */
async function concurrentRedemptions(ctx: PropertyContext, n: number): Promise<Redemptions> {
  const client = publicClient(ctx.target);
  const issued = await obtainCode(ctx, client);
  const results = await Promise.all(Array.from({ length: n }, () => redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier })));
  const granted = results
    .filter((r) => r.status === 200 && typeof (r.json as { access_token?: unknown } | undefined)?.access_token === 'string')
    .map((r) => r.json as { access_token: string; refresh_token?: string });
  return { sent: n, granted, answers: results.map(evidence) };
}

const race1: ConformanceProperty = {
  id: 'RACE-1',
  needs: ['public'],
  runs: 4,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.integer({ min: 2, max: 5 }), async (n) => {
      await control(`${client.id} redeeming a fresh code once`, `${n} concurrent redemptions of one code`, () => grantedCodeTokens(ctx, client));
      const r = await concurrentRedemptions(ctx, n);
      // RFC 6749 §4.1.2: the code MUST NOT be used more than once; a second use MUST be denied.
      check(r.granted.length <= 1, () => `${n} concurrent redemptions of one code: ${r.granted.length} succeeded (RFC 6749 §4.1.2: at most one): ${r.answers.join(' | ')}`, Severity.granted);
    });
  },
};

const race2: ConformanceProperty = {
  id: 'RACE-2',
  needs: ['public', 'tokenStatus'],
  runs: 3,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.integer({ min: 2, max: 4 }), async (n) => {
      await control(`the tokens of a code redeemed once`, 'those of a code redeemed concurrently', async () => {
        const set = await grantedCodeTokens(ctx, client);
        const active = await accessTokenActive(ctx, set.access_token as string, client);
        if (active === undefined) throw new PropertySkip('neither introspection nor userinfo tells whether an access token is active');
        check(active, 'the access token of a code redeemed once is not active');
      });
      const r = await concurrentRedemptions(ctx, n);
      check(r.granted.length > 0, () => `${n} concurrent redemptions of a valid code: none succeeded: ${r.answers.join(' | ')}`, Severity.wrongAnswer);
      const findings = new CaseFindings();
      for (const [i, set] of r.granted.entries()) {
        // RFC 6749 §4.1.2: SHOULD revoke all tokens previously issued based on the code.
        await findings.attempt(async () => {
          const active = await accessTokenActive(ctx, set.access_token, client);
          check(active === false, () => `${n} concurrent redemptions of one code: the access token of success ${i + 1} is ${active ? 'still accepted' : 'of unknown state'} (RFC 6749 §4.1.2)`, Severity.granted);
        });
        if (set.refresh_token) await findings.attempt(async () => {
          const res = await refreshRequest(ctx, client, set.refresh_token as string);
          check(res.status >= 400, () => `${n} concurrent redemptions of one code: the refresh token of success ${i + 1} still refreshes: ${evidence(res)}`, Severity.granted);
        });
      }
      findings.settle();
    });
  },
};

const race3: ConformanceProperty = {
  id: 'RACE-3',
  needs: ['public', 'revocation'],
  runs: 4,
  property(ctx) {
    const client = publicClient(ctx.target);
    const endpoint = ctx.target.endpoints.revocation_endpoint as string;
    const control = positiveControls();
    // The revocation follows the refresh by a few milliseconds: inside a refresh still at work.
    return ctx.forAll(fc.integer({ min: 3, max: 10 }), async (delay) => {
      await control(`${client.id} refreshing without a revocation`, 'a refresh racing a revocation', async () => {
        const set = await codeFlowWithRefresh(ctx, client);
        const res = await refreshRequest(ctx, client, set.refresh_token);
        check(res.status === 200, () => `refreshing answered ${evidence(res)}`);
      });
      const set = await codeFlowWithRefresh(ctx, client);
      const [refreshed, revoked] = await Promise.all([
        refreshRequest(ctx, client, set.refresh_token),
        sleep(delay).then(() => tokenRequest(ctx, client, [['token', set.refresh_token], ['token_type_hint', 'refresh_token']], { endpoint })),
      ]);
      check(revoked.status === 200, () => `revoking the refresh token answered ${evidence(revoked)}`);
      const findings = new CaseFindings();
      const next = refreshed.json as { access_token?: unknown; refresh_token?: unknown } | undefined;
      const what = `a refresh and a revocation ${delay} ms apart (the refresh answered ${refreshed.status})`;
      if (refreshed.status === 200 && typeof next?.refresh_token === 'string') {
        await findings.attempt(async () => {
          const res = await refreshRequest(ctx, client, next.refresh_token as string);
          check(res.status >= 400, () => `${what}: the refresh token it returned still refreshes: ${evidence(res)}`, Severity.granted);
        });
      }
      if (refreshed.status === 200 && typeof next?.access_token === 'string') {
        await findings.attempt(async () => {
          const active = await accessTokenActive(ctx, next.access_token as string, client);
          check(active !== true, () => `${what}: the access token it returned is still accepted`, Severity.granted);
        });
      }
      findings.settle();
    });
  },
};

export const RACE = areaSuite('RACE', { 'RACE-1': race1, 'RACE-2': race2, 'RACE-3': race3 });
