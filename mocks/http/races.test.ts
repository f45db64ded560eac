/**
 * Issue 12 proof: races over a real socket (fast-check picks the fan-out). Exactly one winner
 * per refresh token and per code; a reused refresh token revokes its family; revoke racing
 * refresh leaves no live token behind; approve racing deny on one desktop prompt has one outcome.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../index.js';
import { startHarness, initBody } from '../testing/desktop-harness.js';
import { getCode, post, redeem, refreshWith, tokens } from '../testing/http-kit.js';

let mock: RunningMock;
let I: string;
let races = 0;
beforeAll(async () => {
  mock = await startMock({ consent: 'auto', desktop: false });
  I = mock.issuer;
});
afterAll(async () => {
  await mock?.close();
  console.log(`mock races: ${races} concurrent races, each with exactly one winner`);
});

const fanOut = fc.integer({ min: 2, max: 8 });

describe('issue 12: races have exactly one winner', () => {
  it('ROT-2 / ROT-3: concurrent refreshes of one token: one succeeds, and the reuse revokes the family', async () => {
    await fc.assert(fc.asyncProperty(fanOut, async (n) => {
      races += 1;
      const t = await tokens(I);
      const answers = await Promise.all(Array.from({ length: n }, () => refreshWith(I, t.refresh_token!)));
      const winners = answers.filter((a) => a.status === 200);
      expect(winners).toHaveLength(1);
      // The losers reused a rotated-out token: the family, the winner's new token included, is revoked.
      expect((await refreshWith(I, winners[0]!.json.refresh_token as string)).json.error).toBe('invalid_grant');
    }), { numRuns: 15 });
  });

  it('CODE-1 / CODE-2: concurrent redemptions of one code: exactly one gets tokens', async () => {
    await fc.assert(fc.asyncProperty(fanOut, async (n) => {
      races += 1;
      const code = await getCode(I);
      const answers = await Promise.all(Array.from({ length: n }, () => redeem(I, code)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status !== 200).every((a) => a.json.error === 'invalid_grant')).toBe(true);
    }), { numRuns: 15 });
  });

  it('ROT-7: revoke racing refresh: afterwards no refresh token of the family works', async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), async (revokeFirst) => {
      races += 1;
      const t = await tokens(I);
      const revoke = () => post(I, '/oauth/revoke', { token: t.refresh_token!, client_id: 'demo-public' });
      const refresh = () => refreshWith(I, t.refresh_token!);
      const [a, b] = await Promise.all(revokeFirst ? [revoke(), refresh()] : [refresh(), revoke()]);
      const refreshed = revokeFirst ? b : a;
      expect((revokeFirst ? a : b).status).toBe(200);
      if (refreshed.status === 200) expect((await refreshWith(I, refreshed.json.refresh_token as string)).status).toBe(400);
      expect((await refreshWith(I, t.refresh_token!)).status).toBe(400);
    }), { numRuns: 15 });
  });

  it('DSK-1 / DSK-3: approve racing deny (and a second approve) on one prompt: one answer wins, the held init gets exactly that answer', async () => {
    const harness = await startHarness();
    try {
      await fc.assert(fc.asyncProperty(fc.constantFrom('approve', 'deny'), fc.integer({ min: 2, max: 4 }), async (first, n) => {
        races += 1;
        // A lock ends the grant an earlier run's approval left, so this init prompts again (DSK-6).
        await harness.control('POST', '/lock', {});
        await harness.control('POST', '/unlock', {});
        const init = harness.call('POST', '/v1/clients', initBody());
        const [prompt] = await harness.waitForPrompts(1);
        const decisions = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? first : first === 'approve' ? 'deny' : 'approve'));
        const answers = await Promise.all(decisions.map((d) => harness.control('POST', `/prompts/${prompt.id}/${d}`, {})));
        const won = answers.filter((a) => a.status === 200);
        expect(won).toHaveLength(1);
        const held = await init;
        const winner = decisions[answers.findIndex((a) => a.status === 200)];
        // The held init_client gets the winning decision, and no second session appears.
        expect(held.status).toBe(winner === 'approve' ? 201 : 403);
        expect(await harness.waitForPrompts(0)).toEqual([]);
      }), { numRuns: 10 });
    } finally {
      await harness.close();
    }
  });
});
