/**
 * DSK properties about the app around the sessions: the integration switch (DSK-8), transport
 * faults surfacing as clear connection errors in bounded time (DSK-9), and the activity log
 * (DSK-10).
 */
import fc from 'fast-check';
import { check, fail } from '../runner/failure.js';
import type { ConformanceProperty } from '../runner/types.js';
import { fixedIntegration, readMethod } from './arbitraries.js';
import type { ActivityRecord } from './prompts.js';
import { approvedClient, decisiveOnce, expectExpired, expectWorks, initAndAnswer, initConfig, openDesk, runDesk, type DeskRun } from './session.js';
import { openChannel, type DesktopChannelClient } from './channel.js';
import { DesktopConnectionError, track, type DesktopAnswer } from './socket-client.js';

const TURN_ON = /turn (it )?on|enable|switch (it )?on|integrate with other apps/i;

function expectDisabled(answer: DesktopAnswer, what: string): void {
  check(answer.status === 503 && answer.name === 'IntegrationDisabled', () => `${what} with the integration turned off: expected 503 IntegrationDisabled, got ${answer.line}`);
  check(typeof answer.message === 'string' && TURN_ON.test(answer.message), () => `${what}: the IntegrationDisabled message does not tell the user to turn the integration on: ${JSON.stringify(answer.message)}`);
}

/**
 * An init_client held on its prompt (no grant yet) when the switch goes off fails too, even if
 * the prompt is then approved: approving must not gain access while the integration is off.
 */
async function heldWhenTurnedOff(d: DeskRun, name: string): Promise<void> {
  const config = initConfig(d, fixedIntegration(`${name} held`), d.account);
  const held = track(d.sock.init(config));
  const prompt = await d.app.nextPrompt({ integrationName: config.integrationName, account: config.account_name }, d.timeoutMs);
  // No prompt seen (an app that answered at once, e.g. under a policy): nothing was held open
  // when the switch went off, so there is nothing to judge here; the rest of DSK-8 still runs.
  if (!prompt) {
    await held.promise.catch(() => undefined);
    return;
  }
  await d.app.setIntegration!(false);
  try {
    await d.app.answer(prompt, 'approve').catch(() => undefined);
    expectDisabled(await held.promise, 'init_client whose prompt was open when the switch went off (the prompt then approved)');
  } finally {
    await d.app.setIntegration!(true);
  }
}

export const dsk8: ConformanceProperty = {
  id: 'DSK-8',
  needs: ['desktop'],
  runs: 5,
  async property(ctx) {
    const desk = await openDesk(ctx, ['integration']);
    const shape = fixedIntegration('integration switch');
    return ctx.forAll(readMethod, (method) =>
      runDesk(desk, async (d) => {
        await heldWhenTurnedOff(d, shape.integrationName);
        const { clientId } = await approvedClient(d, initConfig(d, shape, d.account));
        // The valid counterpart: the same invoke is served while the integration is on.
        const list = await d.sock.invoke(clientId, 'VaultsList');
        expectWorks(list, 'VaultsList with the integration on');
        const vault = ((list.body as { result?: Array<{ id?: string }> }).result ?? [])[0]?.id;
        const params = method === 'VaultsList' || !vault ? {} : { vault_id: vault };
        if (method !== 'VaultsList') expectWorks(await d.sock.invoke(clientId, method, params), `${method} with the integration on`);
        await d.app.setIntegration!(false);
        try {
          // The requests that would gain access (init_client) or use it (invoke) must fail.
          const out = await initAndAnswer(d, initConfig(d, { ...shape, integrationName: `${shape.integrationName} again` }, d.account), 'approve');
          expectDisabled(out.answer, `init_client${out.prompt ? ' (after a prompt, approved)' : ''}`);
          expectDisabled(await d.sock.invoke(clientId, method, params), `${method} with a client approved before`);
          // release_client is not judged: it gives access up, and an app may honour it while the
          // integration is off, or answer for a client the switch already ended (issue 10 §1).
        } finally {
          await d.app.setIntegration!(true);
        }
      }),
    );
  },
};

/** How long a dropped or refused connection may take to surface. */
const boundMs = (d: DeskRun) => Math.min(d.timeoutMs, 3_000);

async function attempt(d: DeskRun, sock: DesktopChannelClient, op: 'init' | 'invoke' | 'release', fakeId: string): Promise<DesktopAnswer> {
  if (op === 'init') return sock.init(initConfig(d, fixedIntegration('connection check'), d.account), boundMs(d));
  return op === 'invoke' ? sock.invoke(fakeId, 'VaultsList') : sock.release(fakeId);
}

/**
 * The app locks while an invocation runs: "a command already running when access ends may
 * finish" (cli-app-integration), so the answer may be the result or DesktopSessionExpired, or a
 * clear connection error — but it comes, within the bound. Decisive: once per suite run.
 */
async function lockInFlight(d: DeskRun): Promise<void> {
  const { clientId } = await approvedClient(d, initConfig(d, fixedIntegration('lock in flight'), d.account));
  const sock = openChannel(d.sock.socketPath, boundMs(d), d.sock.protocol);
  try {
    // What the command answers when it runs undisturbed: "may finish" means with this result.
    const before = await sock.invoke(clientId, 'VaultsList');
    expectWorks(before, 'VaultsList before the lock-in-flight fault is armed');
    await d.app.faults!({ lock_in_flight: 1 });
    const started = Date.now();
    let outcome: DesktopAnswer | DesktopConnectionError;
    try {
      outcome = await sock.invoke(clientId, 'VaultsList');
    } catch (err) {
      if (!(err instanceof DesktopConnectionError)) throw err;
      outcome = err;
    }
    const elapsed = Date.now() - started;
    const what = 'VaultsList while the app locks during the call';
    if (outcome instanceof DesktopConnectionError) check(outcome.kind !== 'timeout', () => `${what}: no answer within ${boundMs(d)} ms, the call hangs (${outcome.message})`);
    check(elapsed <= boundMs(d), () => `${what}: the answer took ${elapsed} ms (bound ${boundMs(d)} ms)`);
    // An answer is the command finished (its result, as before the lock) or the session ended.
    if (!(outcome instanceof DesktopConnectionError) && outcome.status === 200) {
      check(JSON.stringify(outcome.body) === JSON.stringify(before.body),
        () => `${what}: answered 200 but not with the command's result (before the lock the same call answered ${text(before.body)}; now ${outcome.line})`);
    } else if (!(outcome instanceof DesktopConnectionError)) {
      expectExpired(outcome, `${what}, answered without its result`);
    }
  } finally {
    await d.app.faults!({ lock_in_flight: 0 }).catch(() => undefined);
    await d.app.unlock?.().catch(() => undefined);
    await sock.close().catch(() => undefined);
  }
}

/**
 * The app stops answering mid-request (the `silent` fault): the client's wait ends within its
 * bound with a connection error, never a hang, and the app answers the next request. Decisive:
 * once per suite run.
 */
async function silentApp(d: DeskRun): Promise<void> {
  // The wait is this client's own bound: the case proves that it ends in a connection error and
  // that the app answers afterwards, and a longer wait would prove nothing more.
  const quickMs = Math.min(boundMs(d), 300);
  const sock = openChannel(d.sock.socketPath, quickMs, d.sock.protocol);
  try {
    await d.app.faults!({ silent: 1 });
    const started = Date.now();
    const outcome = await sock.invoke('authprobe-no-such-client', 'VaultsList').catch((err: unknown) => {
      if (err instanceof DesktopConnectionError) return err;
      throw err;
    });
    const elapsed = Date.now() - started;
    check(elapsed <= quickMs + 1_000, () => `an invocation the app never answers took ${elapsed} ms to end (client bound ${quickMs} ms)`);
    if (!(outcome instanceof DesktopConnectionError)) expectExpired(outcome, 'an invocation under the silent fault, answered after all');
  } finally {
    await d.app.faults!({ silent: 0 }).catch(() => undefined);
    await sock.close().catch(() => undefined);
  }
  expectExpired(await d.sock.invoke('authprobe-no-such-client', 'VaultsList'), 'after the app was silent once, the next invoke with an unknown client id');
}

export const dsk9: ConformanceProperty = {
  id: 'DSK-9',
  needs: ['desktop'],
  runs: 4,
  async property(ctx) {
    const desk = await openDesk(ctx, ['faults']);
    // Few dimensions on purpose: a hanging target costs the whole bound per shrinking step.
    const arb = fc.record({
      faults: fc.constantFrom<Array<'drop' | 'refuse'>>(['drop', 'refuse'], ['refuse', 'drop']),
      op: fc.constantFrom('init' as const, 'invoke' as const, 'release' as const),
    });
    const fakeId = 'authprobe-no-such-client';
    // Neither takes generated input, so they run once per suite run (and again while they
    // fail): the silent case waits out its whole client bound each time it runs.
    const decisive = decisiveOnce<DeskRun>([
      { name: 'a lock while a command runs', run: lockInFlight },
      { name: 'an app that never answers', run: silentApp },
    ]);
    return ctx.forAll(arb, ({ faults, op }) =>
      runDesk(desk, async (d) => {
        await decisive(d);
        for (const fault of faults) {
          const what = `${op} while the app ${fault === 'drop' ? 'drops the connection' : 'refuses connections'}`;
          // A connection of its own: the fault must meet a new request, not a kept-alive one.
          const sock = openChannel(d.sock.socketPath, boundMs(d), d.sock.protocol);
          try {
            await d.app.faults!(fault === 'drop' ? { drop: 1 } : { refuse: true });
            const started = Date.now();
            let outcome: DesktopAnswer | DesktopConnectionError;
            try {
              outcome = await attempt(d, sock, op, fakeId);
            } catch (err) {
              if (!(err instanceof DesktopConnectionError)) throw err;
              outcome = err;
            }
            const elapsed = Date.now() - started;
            if (!(outcome instanceof DesktopConnectionError)) fail(`${what}: expected a connection error, got an answer: ${outcome.line}`);
            check(outcome.kind !== 'timeout', () => `${what}: no error within ${boundMs(d)} ms, the client hangs (${outcome.message})`);
            check(elapsed <= boundMs(d), () => `${what}: the connection error took ${elapsed} ms (bound ${boundMs(d)} ms)`);
          } finally {
            await d.app.faults!({ drop: 0, refuse: false }).catch(() => undefined);
            await sock.close().catch(() => undefined);
          }
          // Once the fault is gone, the channel answers again.
          expectExpired(await attempt(d, d.sock, 'invoke', fakeId), `after the ${fault} fault was cleared, invoke with an unknown client id`);
        }
      }),
    );
  },
};

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The entry names the process; when it gives a pid, it is ours. */
function namesOurProcess(p: unknown): boolean {
  if (p === undefined || p === null || p === '') return false;
  if (typeof p === 'object') {
    const pid = (p as { pid?: unknown }).pid;
    if (typeof pid === 'number') return pid === process.pid;
    return Object.values(p as object).some((v) => v !== null && v !== undefined && v !== '');
  }
  return true;
}

function namesAccount(a: unknown, account: { id?: string; name?: string }): boolean {
  if (typeof a === 'string') return a === account.name || a === account.id;
  if (typeof a === 'object' && a !== null) {
    const { id, name } = a as { id?: unknown; name?: unknown };
    return (account.id !== undefined && id === account.id) || (account.name !== undefined && name === account.name);
  }
  return false;
}

/**
 * Where this run's activity times must fall. The suite moves the target's clock (DSK-5, CODE-4,
 * ...), so "now" is the target's time as the suite moved it, never the wall clock: read from the
 * clock when it can tell (the mock's can; a module's `now()`), the wall clock when the target has
 * no clock (nothing moved it). A clock that moves but cannot tell its time leaves the absolute
 * time unknown: then this run's entries are judged against each other (readable times, no
 * further apart than the run took).
 */
type TimeJudge = { absolute: true; from: number; to: number } | { absolute: false; spanMs: number };

export const dsk10: ConformanceProperty = {
  id: 'DSK-10',
  needs: ['desktop'],
  runs: 5,
  async property(ctx) {
    const desk = await openDesk(ctx, ['activity']);
    const shape = fixedIntegration('activity log');
    const clockTells = !ctx.target.clock || typeof ctx.target.clock.now === 'function';
    const SLACK_MS = 2_000;
    return ctx.forAll(fc.array(readMethod, { minLength: 1, maxLength: 4 }), (methods) =>
      runDesk(desk, async (d) => {
        const { clientId, account } = await approvedClient(d, initConfig(d, shape, d.account));
        const acc = { ...d.known, ...account };
        const wallFrom = Date.now();
        const from = clockTells ? await ctx.time.now() : wallFrom;
        const list = await d.sock.invoke(clientId, 'VaultsList');
        expectWorks(list, 'VaultsList');
        const vault = ((list.body as { result?: Array<{ id?: string }> }).result ?? [])[0]?.id;
        const done = ['VaultsList'];
        for (const method of methods) {
          if (method !== 'VaultsList' && !vault) continue;
          expectWorks(await d.sock.invoke(clientId, method, method === 'VaultsList' ? {} : { vault_id: vault }), method);
          done.push(method);
        }
        const judge: TimeJudge = clockTells ? { absolute: true, from, to: await ctx.time.now() } : { absolute: false, spanMs: Date.now() - wallFrom };
        const log = await d.app.activity!();
        const timeOf = (e: ActivityRecord) => Date.parse(text(e.time));
        const inWindow = (e: ActivityRecord) => {
          if (!judge.absolute) return Number.isFinite(timeOf(e));
          const t = timeOf(e);
          return Number.isFinite(t) && t >= judge.from - SLACK_MS && t <= judge.to + SLACK_MS;
        };
        const window = judge.absolute
          ? `between ${new Date(judge.from).toISOString()} and ${new Date(judge.to).toISOString()} on the target's clock`
          : 'a readable time';
        for (const method of new Set(done)) {
          const want = done.filter((m) => m === method).length;
          const entries = log.filter((e) => e.command === method);
          check(entries.length >= want, () => `${want} × ${method} were run; the activity log has ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} for it (log: ${text(log.slice(-6))})`);
          const good = entries.filter((e) => inWindow(e) && namesOurProcess(e.process) && namesAccount(e.account, acc));
          check(good.length >= want, () => `the activity log's ${method} entries do not all carry the time (${window}, ±${SLACK_MS / 1000} s), the process (pid ${process.pid}) and the account ${text(acc)}: ${text(entries.slice(-want))}`);
        }
        if (!judge.absolute) {
          const ours = log.filter((e) => done.includes(String(e.command)) && namesOurProcess(e.process) && namesAccount(e.account, acc)).slice(-done.length);
          const times = ours.map(timeOf);
          const spread = Math.max(...times) - Math.min(...times);
          check(spread <= judge.spanMs + SLACK_MS, () => `the target's clock cannot tell its time, so this run's ${done.length} entries are judged against each other: they lie ${spread} ms apart, but the run took ${judge.spanMs} ms: ${text(ours)}`);
        }
      }),
    );
  },
};
