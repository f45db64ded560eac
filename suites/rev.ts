/** REV — token revocation (RFC 7009 §2.1, §2.2). */
import fc from 'fast-check';
import { positiveControls } from './oauth/baseline.js';
import { publicClient, type ClientRef } from './oauth/clients.js';
import { accessTokenActive, codeFlowTokens, codeFlowWithRefresh, expectActive, refreshRequest, tokenRequest } from './oauth/token.js';
import type { HttpResponse } from './http/client.js';
import { CaseFindings, check, evidence, expectError, expectRefused, expectTokens, oauthError, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

/** A revocation request by `client` (its own authentication), the status left to the caller. */
export function revocationRequest(ctx: PropertyContext, client: ClientRef, token: string, hint?: string): Promise<HttpResponse> {
  const params: Array<[string, string]> = [['token', token]];
  if (hint !== undefined) params.push(['token_type_hint', hint]);
  return tokenRequest(ctx, client, params, { endpoint: ctx.target.endpoints.revocation_endpoint as string });
}

/** The refresh token no longer refreshes (its family was revoked). */
async function expectRefreshEnded(ctx: PropertyContext, client: ClientRef, refreshToken: string, what: string): Promise<void> {
  expectRefused(await refreshRequest(ctx, client, refreshToken), what);
}

/** RFC 7009 §2.1 (and §2.2): the positive control — the owner's own revocation takes effect. */
async function ownRevocationWorks(ctx: PropertyContext, client: ClientRef, hint?: string): Promise<void> {
  const set = await codeFlowWithRefresh(ctx, client);
  const res = await revocationRequest(ctx, client, set.refresh_token, hint);
  check(res.status === 200, () => `${client.id} revoking its own refresh token${hint ? ` (hint ${hint})` : ''}: expected 200, got ${evidence(res)} (RFC 7009 §2.2)`);
  await expectRefreshEnded(ctx, client, set.refresh_token, `${client.id}'s own refresh token after revoking it`);
}

const rev1: ConformanceProperty = {
  id: 'REV-1',
  needs: ['public', 'public2', 'revocation'],
  runs: 2,
  property(ctx) {
    const owner = publicClient(ctx.target);
    const other = publicClient(ctx.target, 'public2');
    const control = positiveControls();
    // Both token kinds, with and without the right hint, in every run.
    const cases = fc.shuffledSubarray(['refresh_token', 'access_token'] as const, { minLength: 2 }).chain((kinds) => fc.tuple(fc.constant(kinds), fc.boolean()));
    return ctx.forAll(cases, async ([kinds, withHint]) => {
      await control(`${owner.id} revoking its own refresh token`, `${other.id} revoking ${owner.id}'s token`, () => ownRevocationWorks(ctx, owner));
      const findings = new CaseFindings();
      for (const kind of kinds) await findings.attempt(async () => {
        const set = await codeFlowWithRefresh(ctx, owner);
        const token = kind === 'refresh_token' ? set.refresh_token : set.access_token;
        const res = await revocationRequest(ctx, other, token, withHint ? kind : undefined);
        const what = `${other.id} revoking ${owner.id}'s ${kind}${withHint ? ' (with its hint)' : ''}`;
        // RFC 7009 §2.1: the server verifies the token was issued to the requester; the answer says nothing of the token.
        for (const leak of [owner.id, set.scope].filter((x): x is string => typeof x === 'string' && x.length > 0))
          check(!res.text.includes(leak), () => `${what}: the answer names the token's ${leak === owner.id ? 'client' : 'scope'}: ${evidence(res)}`, Severity.weak);
        if (kind === 'refresh_token') {
          expectTokens(await refreshRequest(ctx, owner, set.refresh_token), `${what} answered ${res.status}; then ${owner.id} refreshing with it (RFC 7009 §2.1: the token stays valid)`);
        } else {
          await expectActive(ctx, set.access_token, true, `${what} answered ${res.status}; afterwards (RFC 7009 §2.1: the token stays valid)`, owner);
        }
      });
      findings.settle();
    });
  },
};

const rev2: ConformanceProperty = {
  id: 'REV-2',
  needs: ['public', 'revocation'],
  runs: 3,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    const unknown = fc.stringMatching(/^[A-Za-z0-9._~-]{8,80}$/);
    const malformed = fc.constantFrom('not a token', '%%%', 'a.b.c', '\u00e9t\u00e9');
    return ctx.forAll(fc.tuple(unknown, malformed), async ([guess, bad]) => {
      // The control is the answer to a live token (200), the one thing this row compares with.
      const revoked = await codeFlowWithRefresh(ctx, client);
      const first = await revocationRequest(ctx, client, revoked.refresh_token);
      await control(`${client.id} revoking a live refresh token, answered 200`, 'an unknown or revoked one', async () => {
        check(first.status === 200, () => `revoking a live refresh token answered ${evidence(first)}`);
      });
      const findings = new CaseFindings();
      const cases: Array<[string, string]> = [
        ['an unknown token', guess],
        ['a malformed token', bad],
        ['an already-revoked refresh token', revoked.refresh_token],
        ['the access token of a revoked family', revoked.access_token],
      ];
      for (const [what, token] of cases) await findings.attempt(async () => {
        const res = await revocationRequest(ctx, client, token);
        // RFC 7009 §2.2: 200 also when the client submitted an invalid token.
        check(res.status === 200, () => `revoking ${what} ${JSON.stringify(token.slice(0, 40))}: expected 200 (RFC 7009 §2.2), got ${evidence(res)}`, Severity.wrongAnswer);
      });
      findings.settle();
    });
  },
};

const rev3: ConformanceProperty = {
  id: 'REV-3',
  needs: ['public', 'revocation'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(['refresh_token', 'access_token'] as const, { minLength: 2 }), async (kinds) => {
      await control(`${client.id} revoking its refresh token with token_type_hint=refresh_token`, 'a revocation with the wrong hint', () => ownRevocationWorks(ctx, client, 'refresh_token'));
      const findings = new CaseFindings();
      for (const kind of kinds) await findings.attempt(async () => {
        const wrong = kind === 'refresh_token' ? 'access_token' : 'refresh_token';
        const set = await codeFlowWithRefresh(ctx, client);
        const res = await revocationRequest(ctx, client, kind === 'refresh_token' ? set.refresh_token : set.access_token, wrong);
        const what = `revoking a ${kind} with token_type_hint=${wrong} (answered ${res.status})`;
        // RFC 7009 §2.1: a hint that does not find the token MUST NOT end the search.
        if (kind === 'refresh_token') await expectRefreshEnded(ctx, client, set.refresh_token, `${what}, then refreshing with it`);
        else await expectActive(ctx, set.access_token, false, `${what}, then using it`, client);
      });
      findings.settle();
    });
  },
};

const rev4: ConformanceProperty = {
  id: 'REV-4',
  needs: ['public', 'revocation'],
  runs: 3,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    const unknownHint = fc.stringMatching(/^[a-z][a-z_]{2,24}$/).filter((h) => h !== 'access_token' && h !== 'refresh_token');
    /** Whether the target can tell an access token's state (introspection or userinfo); learned once. */
    let seesAccess: boolean | undefined;
    return ctx.forAll(unknownHint, async (hint) => {
      await control(`${client.id} revoking its refresh token with no hint`, 'a revocation with another hint', () => ownRevocationWorks(ctx, client));
      if (seesAccess === undefined) {
        const fresh = await codeFlowTokens(ctx, client);
        const active = await accessTokenActive(ctx, fresh.access_token, client);
        seesAccess = active !== undefined;
        // Without a way to see an access token's state, only the refresh-token half is judged.
        if (seesAccess) await control(`${client.id}'s fresh access token, accepted`, 'a revoked one', async () => check(active, `${client.id}'s fresh access token is rejected at introspection or userinfo`));
      }
      const findings = new CaseFindings();
      for (const h of ['refresh_token', hint]) await findings.attempt(async () => {
        const set = await codeFlowWithRefresh(ctx, client);
        const res = await revocationRequest(ctx, client, set.refresh_token, h);
        const what = `revoking a refresh token with token_type_hint=${JSON.stringify(h)}`;
        // RFC 7009 §2: refresh tokens MUST be revocable; §2.2: an invalid hint value is ignored.
        check(oauthError(res) !== 'unsupported_token_type' && res.status === 200, () => `${what}: expected 200, got ${evidence(res)} (RFC 7009 §2, §2.2)`);
        await expectRefreshEnded(ctx, client, set.refresh_token, `${what}, then refreshing with it`);
      });
      if (seesAccess) for (const h of [undefined, 'access_token', hint]) await findings.attempt(async () => {
        const set = await codeFlowTokens(ctx, client);
        const res = await revocationRequest(ctx, client, set.access_token, h);
        const what = `revoking an access token ${h === undefined ? 'with no hint' : `with token_type_hint=${JSON.stringify(h)}`}`;
        // RFC 7009 §2: access-token revocation is a SHOULD; a server without it says so (§2.2.1).
        if (oauthError(res) === 'unsupported_token_type') return;
        check(res.status === 200, () => `${what}: expected 200, or unsupported_token_type where access tokens are not revocable; got ${evidence(res)} (RFC 7009 §2.2, §2.2.1)`, Severity.wrongAnswer);
        // RFC 7009 §2.2: 200 means the token has been revoked (or was invalid); §2.1: the search
        // goes on past a hint that does not find the token.
        await expectActive(ctx, set.access_token, false, `${what} answered 200; afterwards (RFC 7009 §2.1, §2.2)`, client);
      });
      findings.settle();
    });
  },
};

/** The two shapes of a revocation request that names no token, each with the parameters it sends. */
const NO_TOKEN: ReadonlyArray<readonly [string, Array<[string, string]>]> = [
  ['no token parameter', []],
  // RFC 6749 Appendix A.12, A.17: a token has at least one character, so an empty value names none.
  ['an empty token parameter', [['token', '']]],
];

const rev5: ConformanceProperty = {
  id: 'REV-5',
  needs: ['public', 'revocation'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray([...NO_TOKEN], { minLength: NO_TOKEN.length }), async (shapes) => {
      // The control is the same request with a live token: answered 200 (RFC 7009 §2.2).
      await control(`${client.id} revoking a live refresh token, answered 200`, 'the same request without a token', async () => {
        const set = await codeFlowWithRefresh(ctx, client);
        const res = await revocationRequest(ctx, client, set.refresh_token);
        check(res.status === 200, () => `${client.id} revoking a live refresh token answered ${evidence(res)}`);
      });
      const findings = new CaseFindings();
      for (const [what, params] of shapes) await findings.attempt(async () => {
        const res = await tokenRequest(ctx, client, params, { endpoint: ctx.target.endpoints.revocation_endpoint as string });
        // RFC 7009 §2.1: token is REQUIRED; §2.2.1: errors as RFC 6749 §5.2, whose invalid_request
        // is "missing a required parameter". §2.2's 200 is for a token that is invalid, not absent.
        expectError(res, `${client.id} revoking with ${what} (RFC 7009 §2.1, §2.2.1)`, 'invalid_request', 400);
      });
      findings.settle();
    });
  },
};

export const REV = areaSuite('REV', { 'REV-1': rev1, 'REV-2': rev2, 'REV-3': rev3, 'REV-4': rev4, 'REV-5': rev5 });
