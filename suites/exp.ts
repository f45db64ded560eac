/**
 * EXP — expiry (RFC 6749 §4.2.2, §5.1; RFC 9068 §2.2; RFC 7662 §2.2; RFC 7009 §2.1).
 * Time is moved with the target's clock, or waited out when the target declares a short
 * lifetime; otherwise the property is skipped with the reason.
 */
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { secretClients } from './dg.js';
import { clientAuth, publicClient, type ClientRef } from './oauth/clients.js';
import { positiveControls } from './oauth/baseline.js';
import { codeFlowTokens, codeFlowWithRefresh, expectActive, parseTokens, refreshRequest, revoke, type TokenSet } from './oauth/token.js';
import { check, expectError, PropertySkip } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

interface TokenSource {
  label: string;
  client: ClientRef;
  obtain(): Promise<TokenSet>;
}

function sources(ctx: PropertyContext): TokenSource[] {
  const out: TokenSource[] = [];
  if (ctx.target.spec.clients?.public && (ctx.profiles.includes('public-client') || ctx.profiles.includes('native-loopback'))) {
    const client = publicClient(ctx.target);
    out.push({ label: `code flow for ${client.id}`, client, obtain: () => codeFlowTokens(ctx, client) });
  }
  for (const t of secretClients(ctx)) {
    out.push({
      label: `client_credentials for ${t.client.id}`,
      client: t.client,
      obtain: async () => {
        const auth = clientAuth(t.client);
        const params: Array<[string, string]> = [['grant_type', 'client_credentials'], ...auth.params];
        return parseTokens(await ctx.http.postForm(t.endpoint, params, auth.headers), `client_credentials for ${t.client.id}`);
      },
    });
  }
  return out;
}

const needSource = (ctx: PropertyContext) => (sources(ctx).length ? undefined : 'client missing: no client the claimed profiles can obtain an access token with');

function expiresIn(set: TokenSet, label: string): number {
  const e = set.expires_in;
  check(Number.isInteger(e) && (e as number) > 0, () => `${label}: expires_in ${JSON.stringify(e)} is not a positive integer`);
  return e as number;
}

/** Time can pass for `seconds` on this target, else skip with the reason. */
function requireTime(ctx: PropertyContext, seconds: number): void {
  const why = ctx.time.whyNot('access_token', seconds);
  if (why) throw new PropertySkip(why);
}

const exp1: ConformanceProperty = {
  id: 'EXP-1',
  runs: 3,
  skipIf: needSource,
  property(ctx) {
    // Every token source in every run: a defect in one grant type cannot slip through.
    return ctx.forAll(fc.integer({ min: 2, max: 30 }), async (margin) => {
      for (const source of sources(ctx)) {
      const before = await ctx.time.now();
      const set = await source.obtain();
      const lifetime = expiresIn(set, source.label);
      if (set.access_token.split('.').length === 3) {
        let claims;
        try {
          claims = decodeJwt(set.access_token);
        } catch {
          claims = undefined;
        }
        if (claims?.exp !== undefined) {
          // RFC 9068 §2.2: exp bounds the token; it must agree with expires_in (clock skew allowed).
          const expected = Math.floor(before / 1000) + lifetime;
          check(Math.abs(claims.exp - expected) <= 5, () => `${source.label}: JWT exp ${claims.exp} is ${claims.exp - expected} s away from issue time + expires_in (${lifetime})`);
          if (claims.iat !== undefined) check(Math.abs(claims.exp - claims.iat - lifetime) <= 2, () => `${source.label}: JWT exp - iat = ${claims.exp - (claims.iat as number)}, expires_in = ${lifetime}`);
        }
      }
      // The token works until just before expires_in, where the target lets us observe it.
      const passing = Math.max(0, lifetime - margin);
      if (ctx.time.whyNot('access_token', passing) || !(ctx.target.endpoints.introspection_endpoint || ctx.target.endpoints.userinfo_endpoint)) continue;
      await ctx.time.pass(passing);
      await expectActive(ctx, set.access_token, true, `${source.label}: ${passing} s into an expires_in of ${lifetime} s`, source.client);
      }
    });
  },
};

const exp2: ConformanceProperty = {
  id: 'EXP-2',
  needs: ['tokenStatus'],
  runs: 2,
  skipIf: needSource,
  property(ctx) {
    const control = positiveControls();
    return ctx.forAll(fc.integer({ min: 1, max: 60 }), async (beyond) => {
      for (const source of sources(ctx)) {
        const set = await source.obtain();
        // Accepted while fresh, or its rejection once expired shows nothing.
        await control(`a fresh access token (${source.label})`, 'an expired one', () => expectActive(ctx, set.access_token, true, `${source.label}: the token just issued`, source.client));
        const lifetime = expiresIn(set, source.label);
        const wait = lifetime + (ctx.time.hasClock ? beyond : 1);
        requireTime(ctx, wait);
        await ctx.time.pass(wait);
        await expectActive(ctx, set.access_token, false, `${source.label}: ${wait} s after issue, expires_in ${lifetime}`, source.client);
      }
    });
  },
};

const exp3: ConformanceProperty = {
  id: 'EXP-3',
  needs: ['public'],
  runs: 2,
  skipIf(ctx) {
    const declared = ctx.time.declared('refresh_token');
    if (declared === undefined) return 'the target declares no ttl.refresh_token, so the refresh token lifetime is unknown';
    return ctx.time.whyNot('refresh_token', declared);
  },
  property(ctx) {
    const client = publicClient(ctx.target);
    const lifetime = ctx.time.declared('refresh_token') as number;
    const control = positiveControls();
    return ctx.forAll(fc.integer({ min: 1, max: 3600 }), async (beyond) => {
      await control('a fresh refresh token used at once', 'an expired one', async () => {
        const fresh = await codeFlowWithRefresh(ctx, client);
        parseTokens(await refreshRequest(ctx, client, fresh.refresh_token), 'refreshing with it');
      });
      const set = await codeFlowWithRefresh(ctx, client);
      const wait = lifetime + (ctx.time.hasClock ? beyond : 1);
      await ctx.time.pass(wait);
      expectError(await refreshRequest(ctx, client, set.refresh_token), `a refresh token used ${wait} s after issue (ttl.refresh_token ${lifetime})`, 'invalid_grant');
    });
  },
};

const exp4: ConformanceProperty = {
  id: 'EXP-4',
  needs: ['revocation', 'tokenStatus'],
  runs: 1,
  skipIf: needSource,
  property(ctx) {
    const control = positiveControls();
    // With and without token_type_hint, for every token source, in every run.
    return ctx.forAll(fc.shuffledSubarray([undefined, 'access_token'], { minLength: 2 }), async (hints) => {
      for (const hint of hints) for (const source of sources(ctx)) {
        const set = await source.obtain();
        await control(`a fresh access token (${source.label})`, 'a revoked one', () => expectActive(ctx, set.access_token, true, `${source.label}: the token just issued`, source.client));
        await revoke(ctx, source.client, set.access_token, hint);
        await expectActive(ctx, set.access_token, false, `${source.label}: access token after revocation${hint ? ' (token_type_hint=access_token)' : ''}`, source.client);
      }
    });
  },
};

export const EXP = areaSuite('EXP', { 'EXP-1': exp1, 'EXP-2': exp2, 'EXP-3': exp3, 'EXP-4': exp4 });
