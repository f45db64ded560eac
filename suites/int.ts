/** INT — token introspection (RFC 7662 §2.1, §2.2, §4). */
import fc from 'fast-check';
import { positiveControls } from './oauth/baseline.js';
import { confidentialClient, publicClient, type ClientRef } from './oauth/clients.js';
import { codeFlowWithRefresh, parseTokens, refreshRequest, tokenRequest } from './oauth/token.js';
import type { HttpResponse } from './http/client.js';
import { CaseFindings, check, evidence, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

const noIntrospection = (ctx: PropertyContext) =>
  ctx.target.endpoints.introspection_endpoint ? undefined : 'the target advertises no introspection_endpoint (RFC 7662)';

/** An introspection request; `caller` undefined sends no client identification at all. */
function introspect(ctx: PropertyContext, caller: ClientRef | undefined, token: string): Promise<HttpResponse> {
  const endpoint = ctx.target.endpoints.introspection_endpoint as string;
  if (!caller) return ctx.http.postForm(endpoint, [['token', token]]);
  return tokenRequest(ctx, caller, [['token', token]], { endpoint });
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

export const INT = areaSuite('INT', { 'INT-1': int1, 'INT-2': int2, 'INT-3': int3 });
