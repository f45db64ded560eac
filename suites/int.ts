/** INT — token introspection (RFC 7662 §2.1, §2.2, §4). */
import fc from 'fast-check';
import { positiveControls } from './oauth/baseline.js';
import { confidentialClient, publicClient, type ClientRef } from './oauth/clients.js';
import { codeFlowTokens, codeFlowWithRefresh, parseTokens, refreshRequest, tokenRequest } from './oauth/token.js';
import type { HttpResponse } from './http/client.js';
import { CaseFindings, check, evidence, expectRefused, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

const noIntrospection = (ctx: PropertyContext) =>
  ctx.target.endpoints.introspection_endpoint ? undefined : 'the target advertises no introspection_endpoint (RFC 7662)';

/** An introspection request; `caller` undefined sends no client identification at all. */
function introspect(ctx: PropertyContext, caller: ClientRef | undefined, token: string): Promise<HttpResponse> {
  return introspectWith(ctx, caller, [['token', token]]);
}

/** An introspection request with exactly `params` besides the caller's authentication. */
function introspectWith(ctx: PropertyContext, caller: ClientRef | undefined, params: Array<[string, string]>): Promise<HttpResponse> {
  const endpoint = ctx.target.endpoints.introspection_endpoint as string;
  if (!caller) return ctx.http.postForm(endpoint, params);
  return tokenRequest(ctx, caller, params, { endpoint });
}

/** Claims of RFC 7662 §2.2 besides `active` that tell something about the token. */
const CLAIMS = ['sub', 'client_id', 'scope', 'exp', 'iat', 'username', 'aud', 'jti'];

/** Not active true, and none of the token's claims. */
function expectNothingLearnt(res: HttpResponse, what: string): void {
  const body = (res.json ?? {}) as Record<string, unknown>;
  check(body.active !== true, () => `${what}: answered active true: ${evidence(res)}`, Severity.granted);
  const leaked = CLAIMS.filter((c) => body[c] !== undefined);
  check(leaked.length === 0, () => `${what}: the answer carries the token's ${leaked.join(', ')}: ${evidence(res)}`, Severity.granted);
}

/** The positive control: the authorized (confidential) caller sees the same token active. */
async function authorizedSeesActive(ctx: PropertyContext, token: string, what: string): Promise<void> {
  const res = await introspect(ctx, confidentialClient(ctx.target), token);
  check(res.status === 200 && (res.json as { active?: unknown } | undefined)?.active === true, () => `${what}: the confidential client introspecting it got ${evidence(res)}, expected active true`);
}

const int1: ConformanceProperty = {
  id: 'INT-1',
  needs: ['public', 'confidential'],
  runs: 2,
  skipIf: noIntrospection,
  property(ctx) {
    const owner = publicClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.constantFrom('access_token', 'refresh_token'), async (kind) => {
      const set = await codeFlowWithRefresh(ctx, owner);
      const token = kind === 'refresh_token' ? set.refresh_token : set.access_token;
      await control(`the confidential client introspecting a live ${kind}`, 'an unauthenticated caller', () => authorizedSeesActive(ctx, token, `a live ${kind}`));
      const findings = new CaseFindings();
      // RFC 7662 §2.1: the endpoint MUST require authorization; a client_id anyone can send is none.
      await findings.attempt(async () => expectNothingLearnt(await introspect(ctx, undefined, token), `introspecting a live ${kind} with no credentials (RFC 7662 §2.1)`));
      await findings.attempt(async () => expectNothingLearnt(await introspect(ctx, owner, token), `introspecting ${owner.id}'s own live ${kind} with its bare client_id (RFC 7662 §2.1: a public client_id authenticates nothing)`));
      findings.settle();
    });
  },
};

const int2: ConformanceProperty = {
  id: 'INT-2',
  needs: ['public', 'public2', 'confidential'],
  runs: 2,
  skipIf: noIntrospection,
  property(ctx) {
    const owner = publicClient(ctx.target);
    const other = publicClient(ctx.target, 'public2');
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(['access_token', 'refresh_token'] as const, { minLength: 2 }), async (kinds) => {
      const set = await codeFlowWithRefresh(ctx, owner);
      const findings = new CaseFindings();
      for (const kind of kinds) {
        const token = kind === 'refresh_token' ? set.refresh_token : set.access_token;
        await control(`the confidential client introspecting ${owner.id}'s live ${kind}`, `${other.id} introspecting it`, () => authorizedSeesActive(ctx, token, `${owner.id}'s live ${kind}`));
        // RFC 7662 §2.2: a token the caller may not introspect is active false; §4: no claims.
        await findings.attempt(async () => expectNothingLearnt(await introspect(ctx, other, token), `${other.id} introspecting ${owner.id}'s live ${kind} (RFC 7662 §2.2, §4)`));
      }
      findings.settle();
    });
  },
};

const int3: ConformanceProperty = {
  id: 'INT-3',
  needs: ['public', 'confidential', 'revocation'],
  runs: 2,
  alone: true, // the expired case moves the clock when the target has one
  skipIf: noIntrospection,
  property(ctx) {
    const owner = publicClient(ctx.target);
    const caller = confidentialClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(['rotated out', 'revoked', 'expired'] as const, { minLength: 3 }), async (order) => {
      const findings = new CaseFindings();
      for (const state of order) await findings.attempt(async () => {
        const set = await codeFlowWithRefresh(ctx, owner);
        await control(`the confidential client introspecting a live refresh token`, `a ${state} one`, () => authorizedSeesActive(ctx, set.refresh_token, 'a live refresh token'));
        if (state === 'rotated out') {
          const next = parseTokens(await refreshRequest(ctx, owner, set.refresh_token), 'refreshing once');
          // The successor stays active: the answer below is about the old token, not the family.
          await authorizedSeesActive(ctx, next.refresh_token ?? next.access_token, 'the refresh that rotated it out');
        } else if (state === 'revoked') {
          const res = await tokenRequest(ctx, owner, [['token', set.refresh_token]], { endpoint: ctx.target.endpoints.revocation_endpoint as string });
          check(res.status === 200, () => `revoking the refresh token answered ${evidence(res)}`);
        } else {
          const lifetime = ctx.time.declared('refresh_token');
          if (ctx.time.whyNot('refresh_token') || lifetime === undefined && !ctx.time.hasClock) return;
          const ttl = typeof set.raw.refresh_expires_in === 'number' ? set.raw.refresh_expires_in : lifetime;
          if (ttl === undefined) return;
          await ctx.time.pass(ttl + 1);
        }
        const res = await introspect(ctx, caller, set.refresh_token);
        check(res.status === 200 && (res.json as { active?: unknown } | undefined)?.active === false, () => `introspecting a ${state} refresh token: expected active false (RFC 7662 §2.2), got ${evidence(res)}`, Severity.granted);
      });
      findings.settle();
    });
  },
};

const int4: ConformanceProperty = {
  id: 'INT-4',
  needs: ['public', 'confidential'],
  runs: 2,
  skipIf: noIntrospection,
  property(ctx) {
    const owner = publicClient(ctx.target);
    const caller = confidentialClient(ctx.target);
    const control = positiveControls();
    const unknown = fc.stringMatching(/^[A-Za-z0-9._~-]{8,80}$/);
    const malformed = fc.constantFrom('not a token', '%%%', 'a.b.c', '\u00e9t\u00e9');
    return ctx.forAll(fc.tuple(unknown, malformed), async ([guess, bad]) => {
      // The control differs from every case below only in the token: a live one, active true.
      const set = await codeFlowTokens(ctx, owner);
      await control('the confidential client introspecting a live access token', 'an unknown token, or none', () => authorizedSeesActive(ctx, set.access_token, 'a live access token'));
      const findings = new CaseFindings();
      for (const [what, token] of [['an unknown token', guess], ['a malformed token', bad]] as const) await findings.attempt(async () => {
        const res = await introspect(ctx, caller, token);
        // RFC 7662 §2.3: a properly formed, authorized query for an invalid token is no error;
        // §2.2: the answer MUST be active false.
        const active = (res.json as { active?: unknown } | undefined)?.active;
        check(res.status === 200 && active === false,
          () => `introspecting ${what} ${JSON.stringify(token.slice(0, 40))}: expected 200 with active false (RFC 7662 §2.2, §2.3), got ${evidence(res)}`,
          active === true ? Severity.granted : Severity.wrongAnswer);
      });
      // RFC 7662 §2.1: token is REQUIRED; a request without one is not the properly formed query
      // §2.3 answers with active false. RFC 6749 Appendix A.12: a token has at least one character.
      const noToken: Array<[string, Array<[string, string]>]> = [['no token parameter', []], ['an empty token parameter', [['token', '']]]];
      for (const [what, params] of noToken) await findings.attempt(async () => {
        const res = await introspectWith(ctx, caller, params);
        expectRefused(res, `introspecting with ${what} (RFC 7662 §2.1: token REQUIRED)`);
      });
      findings.settle();
    });
  },
};

const int5: ConformanceProperty = {
  id: 'INT-5',
  needs: ['public', 'confidential'],
  runs: 2,
  skipIf: noIntrospection,
  property(ctx) {
    const owner = publicClient(ctx.target);
    const caller = confidentialClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(['access_token', 'refresh_token'] as const, { minLength: 2 }), async (kinds) => {
      const set = await codeFlowWithRefresh(ctx, owner);
      await control('the confidential client introspecting a live access token', 'its Cache-Control', () => authorizedSeesActive(ctx, set.access_token, 'a live access token'));
      const findings = new CaseFindings();
      for (const kind of kinds) await findings.attempt(async () => {
        const res = await introspect(ctx, caller, kind === 'refresh_token' ? set.refresh_token : set.access_token);
        check(res.status === 200 && (res.json as { active?: unknown } | undefined)?.active === true, () => `the confidential client introspecting a live ${kind}: expected active true, got ${evidence(res)}`);
        // RFC 6749 §5.1: no-store on any response containing tokens, credentials or other
        // sensitive information; an active answer vouches for a live credential.
        const cc = res.headers['cache-control'] ?? '';
        check(/(^|,)\s*no-store\s*(,|$)/i.test(cc), () => `the introspection answer for a live ${kind} has Cache-Control ${JSON.stringify(cc || null)}, expected no-store (RFC 6749 §5.1)`);
      });
      findings.settle();
    });
  },
};

export const INT = areaSuite('INT', { 'INT-1': int1, 'INT-2': int2, 'INT-3': int3, 'INT-4': int4, 'INT-5': int5 });
