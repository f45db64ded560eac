/**
 * DSK properties about the prompt: nothing before approval (DSK-1), what the prompt states
 * (DSK-2), denial and timeout (DSK-3), choosing the account (DSK-7), one approval per account
 * (DSK-11).
 */
import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { check, fail } from '../runner/failure.js';
import type { ConformanceProperty } from '../runner/types.js';
import { accountBy, fabricatedClientId, fixedIntegration, integration } from './arbitraries.js';
import { desktopApp, type ShownPrompt } from './prompts.js';
import {
  accountName, approvedClient, expectExpired, expectWorks, initAndAnswer, initConfig, learnAccountId, openDesk, runDesk,
} from './session.js';
import { track, type DesktopAnswer } from './socket-client.js';

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

export const dsk3: ConformanceProperty = {
  id: 'DSK-3',
  needs: ['desktop'],
  runs: 6,
  async skipIf(ctx) {
    if (!ctx.time.hasClock) {
      const app = await desktopApp(ctx.target, ctx.http);
      const t = await app?.promptTimeoutSeconds?.();
      if (t === undefined || t > ctx.time.maxWaitSeconds) return `the target has no clock, and the prompt timeout (${t ?? 'unknown'} s) cannot be waited out: the timed-out prompt cannot be observed`;
    }
    return undefined;
  },
  async property(ctx) {
    const desk = await openDesk(ctx, ['deny', 'promptTimeout']);
    const timeoutSeconds = (await desk.app.promptTimeoutSeconds!())!;
    const arb = fc.record({ shape: integration, order: fc.constantFrom<Array<'denied' | 'timed out'>>(['denied', 'timed out'], ['timed out', 'denied']) });
    return ctx.forAll(arb, ({ shape, order }) =>
      runDesk(desk, async (d) => {
        // Both outcomes every run, in either order: each must leave nothing behind for the other.
        for (const outcome of order) {
          const config = initConfig(d, { ...shape, integrationName: `${shape.integrationName} ${outcome}` }, d.account);
          let answer: DesktopAnswer;
          if (outcome === 'denied') {
            const out = await initAndAnswer(d, config, 'deny');
            if (out.early) fail(`init_client was answered before its prompt could be denied: ${out.answer.line}`);
            answer = out.answer;
            check(answer.status === 403 && answer.name === 'AuthorizationDenied', () => `a denied prompt: expected 403 AuthorizationDenied, got ${answer.line}`);
          } else {
            // With a clock the answer follows the move at once; without one, the timeout is waited out.
            const pending = track(d.sock.init(config, (ctx.time.hasClock ? 0 : timeoutSeconds * 1000) + d.timeoutMs * 2));
            const prompt = await d.app.nextPrompt({ integrationName: config.integrationName, account: config.account_name }, d.timeoutMs);
            if (!prompt || pending.settled) fail(`init_client showed no prompt to leave unanswered: ${(await pending.promise).line}`);
            await ctx.time.pass(timeoutSeconds + 1);
            answer = await pending.promise;
            check(answer.status === 408 && answer.name === 'AuthorizationTimeout', () => `a prompt left unanswered for ${timeoutSeconds + 1} s: expected 408 AuthorizationTimeout, got ${answer.line}`);
          }
          check(typeof answer.message === 'string' && answer.message.trim().length >= 10, () => `the ${outcome} answer carries no message a person can act on: ${answer.line}`);
          check((answer.body as { clientId?: unknown }).clientId === undefined, () => `the ${outcome} answer carries a clientId: ${answer.line}`);
          // No session: the next init for the same process and account must prompt again.
          const again = await initAndAnswer(d, config, 'deny');
          check(!again.early, () => `after the ${outcome} prompt, a new init_client was answered without a prompt: the ${outcome} prompt left a session: ${again.answer.line}`);
        }
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

export const dsk11: ConformanceProperty = {
  id: 'DSK-11',
  needs: ['desktop'],
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
      }),
    );
  },
};
