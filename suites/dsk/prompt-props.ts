/**
 * DSK properties about the prompt: nothing before approval (DSK-1), what the prompt states
 * (DSK-2), denial and timeout (DSK-3), choosing the account (DSK-7), one approval per account,
 * and one account's session ending alone (DSK-11).
 */
import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { check, fail, PropertySkip } from '../runner/failure.js';
import type { ConformanceProperty, PropertyContext } from '../runner/types.js';
import { accountBy, fabricatedClientId, fixedIntegration, integration, type IntegrationShape } from './arbitraries.js';
import type { ShownPrompt } from './prompts.js';
import {
  accountName, approvedClient, expectExpired, expectWorks, initAndAnswer, initConfig, learnAccountId, openDesk, runDesk, type DeskRun,
} from './session.js';
import { DesktopConnectionError, track, type DesktopAnswer } from './socket-client.js';

const show = (v: unknown) => JSON.stringify(v) ?? String(v);

export const dsk1: ConformanceProperty = {
  id: 'DSK-1',
  needs: ['desktop'],
  runs: 6,
  async property(ctx) {
    const desk = await openDesk(ctx, []);
    return ctx.forAll(fc.record({ shape: integration, fakeId: fabricatedClientId }), ({ shape, fakeId }) =>
      runDesk(desk, async (d) => {
        expectExpired(await d.sock.invoke(fakeId, 'VaultsList'), `invoke with the fabricated client id ${show(fakeId)} before any approval`);
        const config = initConfig(d, shape, d.account);
        const pending = track(d.sock.init(config));
        const stop = new AbortController();
        void pending.promise.then(() => stop.abort(), () => stop.abort());
        const prompt = await d.app.nextPrompt({ integrationName: config.integrationName, account: config.account_name }, d.timeoutMs, stop.signal);
        if (!prompt || pending.settled) {
          const answer = await pending.promise;
          fail(`init_client was answered before any prompt was approved (${prompt ? 'a prompt showed, unanswered' : 'no prompt showed'}): ${answer.line}`);
        }
        await sleep(40);
        check(!pending.settled, () => 'init_client was answered while its prompt was still open');
        expectExpired(await d.sock.invoke(fakeId, 'VaultsList'), `invoke with ${show(fakeId)} while the prompt is open`);
        // Writes need a live grant exactly as reads do.
        expectExpired(await d.sock.invoke(fakeId, 'ItemsCreate', { params: { vaultId: 'Private', title: `authprobe ${d.tag}` } }), `ItemsCreate with ${show(fakeId)} while the prompt is open`);
        await d.app.answer(prompt, 'approve');
        const answer = await pending.promise;
        const clientId = (answer.body as { clientId?: unknown } | undefined)?.clientId;
        check(answer.status === 201 && clientId !== undefined, () => `init_client after approval: expected 201 {clientId}, got ${answer.line}`);
        expectWorks(await d.sock.invoke(String(clientId), 'VaultsList'), 'VaultsList with the approved client');
      }),
    );
  },
};

/** DSK-2: the duration says 10 minutes without use (seconds, or words). */
function statesIdleLimit(duration: unknown): boolean {
  if (duration === undefined || duration === null) return false;
  if (typeof duration === 'object' && (duration as { idle_seconds?: unknown }).idle_seconds === 600) return true;
  return /\b(10|ten)[ -]?min|\b600\s*s/i.test(typeof duration === 'string' ? duration : JSON.stringify(duration));
}

function promptProblems(p: ShownPrompt, want: { accountBy: 'name' | 'uuid'; account: string; name: string; version: string }): string[] {
  const problems: string[] = [];
  const acc = p.account ?? {};
  if (want.accountBy === 'name' ? acc.name !== want.account : acc.id?.toLowerCase() !== want.account.toLowerCase()) {
    problems.push(`account ${show(p.account)} is not ${want.accountBy === 'name' ? 'named' : 'the UUID'} ${show(want.account)}`);
  }
  if (p.integration?.name !== want.name) problems.push(`integration name ${show(p.integration?.name)} is not ${show(want.name)}`);
  if (p.integration?.version !== want.version) problems.push(`integration version ${show(p.integration?.version)} is not ${show(want.version)}`);
  if (typeof p.scope !== 'string' || !/entire account/i.test(p.scope)) problems.push(`scope ${show(p.scope)} does not say "entire account"`);
  if (!statesIdleLimit(p.duration)) problems.push(`duration ${show(p.duration)} does not state the 10 minutes without use`);
  return problems;
}

export const dsk2: ConformanceProperty = {
  id: 'DSK-2',
  needs: ['desktop'],
  runs: 6,
  async property(ctx) {
    const desk = await openDesk(ctx, ['see']);
    return ctx.forAll(fc.record({ shape: integration, by: accountBy }), ({ shape, by }) =>
      runDesk(desk, async (d) => {
        if (by === 'uuid') await learnAccountId(d);
        const account = accountName(d, by);
        const config = initConfig(d, shape, account);
        const { prompt, answer } = await initAndAnswer(d, config, 'approve');
        if (!prompt) fail(`init_client for ${show(account)} showed no prompt: ${answer.line}`);
        const problems = promptProblems(prompt, { accountBy: by, account, name: config.integrationName, version: config.integrationVersion });
        check(problems.length === 0, () => `the prompt for ${show(config.integrationName)} ${config.integrationVersion} on ${show(account)} falls short: ${problems.join('; ')}; it showed ${show(prompt)}`);
      }),
    );
  },
};

/**
 * How the timed-out half of DSK-3 can be observed, or why it cannot. The app answers a prompt
 * left open by its own timer, which may follow the target's clock (the mock's does) or the wall
 * clock (a real app's may): `init_client` is held open for the declared prompt timeout plus a
 * margin whenever that fits in what the suite waits; past that, only a clock the app's timer
 * follows can show the timeout, and when the app's timer turns out not to, the half is SKIPPED
 * with the reason — never reported as an app that "did not answer".
 */
interface TimeoutPlan {
  seconds: number;
  /** How long `init_client` is held open, from its start. */
  holdMs: number;
  /** The hold is shorter than the declared timeout: only a clock-following timer answers in it. */
  reliesOnClock: boolean;
}

function timeoutPlan(ctx: PropertyContext, seconds: number | undefined, marginMs: number): TimeoutPlan | string {
  if (seconds === undefined) return 'the prompt timeout is unknown (desktop.prompts mode "mock", or promptTimeoutSeconds in the prompts module), so the timed-out half cannot be judged';
  const waitable = seconds + 1 <= ctx.time.maxWaitSeconds;
  if (waitable) return { seconds, holdMs: (seconds + 1) * 1000 + marginMs, reliesOnClock: false };
  if (!ctx.time.hasClock) return `the target has no clock, and the ${seconds} s prompt timeout is longer than the ${ctx.time.maxWaitSeconds} s the suite waits: the timed-out prompt cannot be observed`;
  return { seconds, holdMs: marginMs, reliesOnClock: true };
}

export const dsk3: ConformanceProperty = {
  id: 'DSK-3',
  needs: ['desktop'],
  alone: true, // moves the clock
  runs: 6,
  async property(ctx) {
    const desk = await openDesk(ctx, ['deny']);
    const declared = await desk.app.promptTimeoutSeconds?.();
    const arb = fc.record({ shape: integration, order: fc.constantFrom<Array<'denied' | 'timed out'>>(['denied', 'timed out'], ['timed out', 'denied']) });
    // Found once, it holds for the rest of the suite run (shrinking included): no more holds.
    let seenUnobservable: string | undefined;
    return ctx.forAll(arb, ({ shape, order }) =>
      runDesk(desk, async (d) => {
        const plan = seenUnobservable ?? timeoutPlan(ctx, declared, d.timeoutMs * 2);
        let unobservable = typeof plan === 'string' ? plan : undefined;
        // Both outcomes every run, in either order: each must leave nothing behind for the other.
        // A timed-out half that cannot be observed is skipped; the denied half still runs.
        for (const outcome of order) {
          if (outcome === 'timed out' && typeof plan === 'string') continue;
          const config = initConfig(d, { ...shape, integrationName: `${shape.integrationName} ${outcome}` }, d.account);
          let answer: DesktopAnswer;
          if (outcome === 'denied') {
            const out = await initAndAnswer(d, config, 'deny');
            if (out.early) fail(`init_client was answered before its prompt could be denied: ${out.answer.line}`);
            answer = out.answer;
            check(answer.status === 403 && answer.name === 'AuthorizationDenied', () => `a denied prompt: expected 403 AuthorizationDenied, got ${answer.line}`);
          } else {
            const { seconds, holdMs, reliesOnClock } = plan as TimeoutPlan;
            const pending = track(d.sock.init(config, holdMs));
            const prompt = await d.app.nextPrompt({ integrationName: config.integrationName, account: config.account_name }, d.timeoutMs);
            if (!prompt || pending.settled) fail(`init_client showed no prompt to leave unanswered: ${(await pending.promise).line}`);
            // With a clock the move passes the timeout at once; without one, the wait does.
            await ctx.time.pass(seconds + 1);
            try {
              answer = await pending.promise;
            } catch (err) {
              if (!(err instanceof DesktopConnectionError && err.kind === 'timeout' && reliesOnClock)) throw err;
              unobservable = seenUnobservable = `the prompt was still open ${holdMs} ms after the target's clock moved past its ${seconds} s timeout: the app's prompt timer does not follow the target's clock, and ${seconds} s is longer than the ${ctx.time.maxWaitSeconds} s the suite waits, so the timed-out prompt cannot be observed`;
              await d.app.answer(prompt, 'deny').catch(() => undefined);
              continue;
            }
            check(answer.status === 408 && answer.name === 'AuthorizationTimeout', () => `a prompt left unanswered for ${seconds + 1} s: expected 408 AuthorizationTimeout, got ${answer.line}`);
          }
          check(typeof answer.message === 'string' && answer.message.trim().length >= 10, () => `the ${outcome} answer carries no message a person can act on: ${answer.line}`);
          check((answer.body as { clientId?: unknown }).clientId === undefined, () => `the ${outcome} answer carries a clientId: ${answer.line}`);
          // No session: the next init for the same process and account must prompt again.
          const again = await initAndAnswer(d, config, 'deny');
          check(!again.early, () => `after the ${outcome} prompt, a new init_client was answered without a prompt: the ${outcome} prompt left a session: ${again.answer.line}`);
        }
        if (unobservable) throw new PropertySkip(`${unobservable}; the denied half (403 AuthorizationDenied, a message, no session) passed`);
      }),
    );
  },
};

export const dsk7: ConformanceProperty = {
  id: 'DSK-7',
  needs: ['desktop'],
  runs: 8,
  async property(ctx) {
    const desk = await openDesk(ctx, []);
    const listed = desk.app.accounts ? await desk.app.accounts() : [];
    const taken = (s: string) => [desk.account, ...listed.flatMap((a) => [a.name, a.id])].some((k) => k?.toLowerCase() === s.toLowerCase());
    const choice = fc.oneof(
      accountBy.map((by) => ({ by, unknown: undefined as string | undefined })),
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9 '-]{2,30}[A-Za-z0-9]$/).filter((s) => !taken(s)).map((unknown) => ({ by: 'name' as const, unknown })),
      fc.uuid().filter((s) => !taken(s)).map((unknown) => ({ by: 'uuid' as const, unknown })),
    );
    return ctx.forAll(fc.record({ shape: integration, choice }), ({ shape, choice }) =>
      runDesk(desk, async (d) => {
        if (choice.unknown !== undefined) {
          const config = initConfig(d, shape, choice.unknown);
          const { answer, prompt } = await initAndAnswer(d, config, 'approve');
          check(answer.status === 404 && answer.name === 'AccountNotFound', () => `init_client for the unknown account ${choice.by} ${show(choice.unknown)}${prompt ? ' (after a prompt, approved)' : ''}: expected 404 AccountNotFound, got ${answer.line}`);
          check(typeof answer.message === 'string' && answer.message.trim().length >= 10, () => `AccountNotFound carries no message a person can act on: ${answer.line}`);
          return;
        }
        if (choice.by === 'uuid') await learnAccountId(d);
        const account = accountName(d, choice.by);
        const { clientId, account: got } = await approvedClient(d, initConfig(d, shape, account));
        const matches = choice.by === 'uuid' ? got.id?.toLowerCase() === account.toLowerCase() : got.name === undefined || got.name === account;
        check(matches, () => `init_client by ${choice.by} ${show(account)} was granted ${show(got)}`);
        expectWorks(await d.sock.invoke(clientId, 'VaultsList'), `VaultsList on the account chosen by ${choice.by}`);
      }),
    );
  },
};

const IDLE_SECONDS = 600;

/**
 * Authorized separately, ended separately: `other` is approved halfway through `first`'s 10 idle
 * minutes, so when `first`'s session ends (DSK-5) `other`'s, 5 minutes old, must still serve.
 * Approval, not a use, starts `other`'s 5 minutes: this judges no use-restarts-the-timer rule.
 */
async function endsSeparately(d: DeskRun, shape: IntegrationShape, first: string, other: string): Promise<void> {
  await d.app.fresh!();
  const a = await approvedClient(d, initConfig(d, shape, first));
  await d.ctx.time.pass(IDLE_SECONDS / 2);
  const b = await approvedClient(d, initConfig(d, shape, other));
  await d.ctx.time.pass(IDLE_SECONDS / 2);
  // `first` goes first, so that an app ending sessions on their next use has ended it already.
  const ended = (await d.sock.invoke(a.clientId, 'VaultsList')).status === 401;
  expectWorks(await d.sock.invoke(b.clientId, 'VaultsList'),
    `VaultsList on ${show(other)}, approved ${IDLE_SECONDS / 2} s ago, after ${show(first)} sat ${IDLE_SECONDS} s unused${ended ? ' and its session ended' : ''}`);
}

export const dsk11: ConformanceProperty = {
  id: 'DSK-11',
  needs: ['desktop'],
  alone: true, // moves the clock
  runs: 5,
  async property(ctx) {
    const desk = await openDesk(ctx, ['secondAccount']);
    const shape = fixedIntegration('accounts');
    return ctx.forAll(fc.record({ secondFirst: fc.boolean(), by: accountBy }), ({ secondFirst, by }) =>
      runDesk(desk, async (d) => {
        if (by === 'uuid') await learnAccountId(d);
        const accounts = [accountName(d, by), accountName(d, by, d.second)];
        const [first, other] = secondFirst ? [accounts[1]!, accounts[0]!] : [accounts[0]!, accounts[1]!];
        const a = await approvedClient(d, initConfig(d, shape, first));
        const config = initConfig(d, shape, other);
        const out = await initAndAnswer(d, config, 'approve');
        check(!out.early, () => `with ${show(first)} approved, init_client for ${show(other)} was answered without its own prompt: ${out.answer.line}`);
        const b = out.answer.body as { clientId?: unknown; account?: { id?: string; name?: string } } | undefined;
        check(out.answer.status === 201 && b?.clientId !== undefined, () => `init_client for ${show(other)} after approval: expected 201, got ${out.answer.line}`);
        if (a.account.id && b?.account?.id) check(a.account.id !== b.account.id, () => `both accounts were granted as ${show(b.account)}`);
        expectWorks(await d.sock.invoke(String(b!.clientId), 'VaultsList'), `VaultsList on ${show(other)}`);
        expectWorks(await d.sock.invoke(a.clientId, 'VaultsList'), `VaultsList on ${show(first)}`);
        if (ctx.time.hasClock) await endsSeparately(d, shape, first, other);
      }),
    );
  },
};
