/**
 * GRACE — refresh rotation with a declared grace window (`rotation.grace_seconds`; RFC 9700
 * §4.14.2). A retry may present the immediately previous refresh token inside the window and
 * must get the same chain back; nothing older, and nothing after the window.
 */
import fc from 'fast-check';
import { positiveControls } from './oauth/baseline.js';
import { publicClient, type ClientRef } from './oauth/clients.js';
import { codeFlowWithRefresh, parseTokens, refreshRequest } from './oauth/token.js';
import { CaseFindings, check, evidence, PropertySkip, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

const graceOf = (ctx: PropertyContext): number => ctx.target.spec.rotation?.grace_seconds ?? 0;

/** Refreshes once; the new refresh token. */
async function rotate(ctx: PropertyContext, client: ClientRef, token: string, what: string): Promise<string> {
  const set = parseTokens(await refreshRequest(ctx, client, token), what);
  if (!set.refresh_token) throw new PropertySkip('the target returned no new refresh token on refresh: rotation is not in use');
  return set.refresh_token;
}

/** The family is revoked: its newest refresh token is refused too. */
async function expectFamilyEnded(ctx: PropertyContext, client: ClientRef, newest: string, what: string): Promise<void> {
  const res = await refreshRequest(ctx, client, newest);
  check(res.status >= 400, () => `${what}: the family's newest refresh token still refreshes afterwards: ${evidence(res)} (RFC 9700 §4.14.2)`, Severity.granted);
}

const grace1: ConformanceProperty = {
  id: 'GRACE-1',
  needs: ['public'],
  runs: 3,
  skipIf: (ctx) => (graceOf(ctx) > 0 ? undefined : 'the target declares no grace window (rotation.grace_seconds)'),
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // How far into the window the retry comes: at once, or part of the way.
    return ctx.forAll(fc.double({ min: 0, max: 0.5, noNaN: true }), async (fraction) => {
      const grace = graceOf(ctx);
      await control(`${client.id} refreshing once`, 'a retry inside the grace window', async () => {
        const set = await codeFlowWithRefresh(ctx, client);
        await rotate(ctx, client, set.refresh_token, 'refreshing a fresh family');
      });
      const set = await codeFlowWithRefresh(ctx, client);
      const t0 = set.refresh_token;
      const t1 = await rotate(ctx, client, t0, 'the first refresh');
      const wait = Math.floor(grace * fraction);
      if (wait > 0) await ctx.time.pass(wait);
      const retry = await refreshRequest(ctx, client, t0);
      if (retry.status !== 200) throw new PropertySkip(`the target declares grace_seconds ${grace} but refused the previous refresh token ${wait} s after the rotation: ${evidence(retry)}`);
      const r = parseTokens(retry, 'the retry').refresh_token;
      check(r, 'the retry inside the grace window returned no refresh token');
      // One chain: the retry's token and the first refresh's token cannot both go on.
      const viaRetry = await refreshRequest(ctx, client, r);
      check(viaRetry.status === 200, () => `the refresh token returned by the retry (${r === t1 ? 'the same as the first refresh returned' : 'a new one'}) does not refresh: ${evidence(viaRetry)}`, Severity.wrongAnswer);
      if (r !== t1) {
        const viaFirst = await refreshRequest(ctx, client, t1);
        check(viaFirst.status >= 400, () => `a retry with the previous refresh token ${wait} s into a ${grace} s grace window forked the family: both the first refresh's token and the retry's token refresh (${evidence(viaFirst)}) (RFC 9700 §4.14.2)`, Severity.granted);
      }
    });
  },
};

const grace2: ConformanceProperty = {
  id: 'GRACE-2',
  needs: ['public'],
  runs: 2,
  skipIf: (ctx) => ctx.time.whyNot('refresh_token', graceOf(ctx) + 1),
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // How many rotations old the replayed token is (2 or more), inside the window; and the previous one after it.
    return ctx.forAll(fc.integer({ min: 2, max: 4 }), async (age) => {
      const grace = graceOf(ctx);
      await control(`${client.id} refreshing with its newest refresh token`, 'an older one', async () => {
        const set = await codeFlowWithRefresh(ctx, client);
        await rotate(ctx, client, set.refresh_token, 'refreshing a fresh family');
      });
      const findings = new CaseFindings();
      await findings.attempt(async () => {
        const set = await codeFlowWithRefresh(ctx, client);
        const chain = [set.refresh_token];
        for (let i = 0; i < age; i++) chain.push(await rotate(ctx, client, chain[i] as string, `refresh ${i + 1}`));
        const res = await refreshRequest(ctx, client, chain[0] as string);
        const what = `a refresh token ${age} rotations old, presented at once${grace ? ` (inside a ${grace} s grace window)` : ''}`;
        check(res.status >= 400, () => `${what} was accepted: ${evidence(res)} (RFC 9700 §4.14.2: only the immediately previous token may be retried)`, Severity.granted);
        await expectFamilyEnded(ctx, client, chain[age] as string, what);
      });
      await findings.attempt(async () => {
        const set = await codeFlowWithRefresh(ctx, client);
        const t1 = await rotate(ctx, client, set.refresh_token, 'the first refresh');
        await ctx.time.pass(grace + 1);
        const res = await refreshRequest(ctx, client, set.refresh_token);
        const what = `the previous refresh token presented ${grace + 1} s after its rotation${grace ? ` (after a ${grace} s grace window)` : ''}`;
        check(res.status >= 400, () => `${what} was accepted: ${evidence(res)} (RFC 9700 §4.14.2)`, Severity.granted);
        await expectFamilyEnded(ctx, client, t1, what);
      });
      // The window runs from the rotation, not from the last retry: a retry half-way through does
      // not keep the previous token alive past the window's end (else retries could keep it forever).
      if (grace >= 2) {
        await findings.attempt(async () => {
          const set = await codeFlowWithRefresh(ctx, client);
          const t1 = await rotate(ctx, client, set.refresh_token, 'the first refresh');
          const half = Math.floor(grace / 2);
          await ctx.time.pass(half);
          // Inside the window a retry may be answered (GRACE-1) or refused; either way, what it returns is the newest.
          const retry = await refreshRequest(ctx, client, set.refresh_token);
          const newest = (retry.status === 200 && parseTokens(retry, 'the retry inside the window').refresh_token) || t1;
          await ctx.time.pass(grace + 1 - half);
          const res = await refreshRequest(ctx, client, set.refresh_token);
          const what = `the previous refresh token presented ${grace + 1} s after its rotation, having been retried ${half} s in (the ${grace} s window runs from the rotation)`;
          check(res.status >= 400, () => `${what} was accepted: ${evidence(res)} (RFC 9700 §4.14.2)`, Severity.granted);
          await expectFamilyEnded(ctx, client, newest, what);
        });
      }
      findings.settle();
    });
  },
};

export const GRACE = areaSuite('GRACE', { 'GRACE-1': grace1, 'GRACE-2': grace2 });
