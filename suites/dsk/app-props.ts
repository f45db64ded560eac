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
import { approvedClient, expectExpired, expectWorks, initAndAnswer, initConfig, openDesk, runDesk, type DeskRun } from './session.js';
import { DesktopConnectionError, DesktopSocket, type DesktopAnswer } from './socket-client.js';

const TURN_ON = /turn (it )?on|enable|switch (it )?on|integrate with other apps/i;

function expectDisabled(answer: DesktopAnswer, what: string): void {
  check(answer.status === 503 && answer.name === 'IntegrationDisabled', () => `${what} with the integration turned off: expected 503 IntegrationDisabled, got ${answer.line}`);
  check(typeof answer.message === 'string' && TURN_ON.test(answer.message), () => `${what}: the IntegrationDisabled message does not tell the user to turn the integration on: ${JSON.stringify(answer.message)}`);
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
        const { clientId } = await approvedClient(d, initConfig(d, shape, d.account));
        await d.app.setIntegration!(false);
        try {
          const out = await initAndAnswer(d, initConfig(d, { ...shape, integrationName: `${shape.integrationName} again` }, d.account), 'approve');
          expectDisabled(out.answer, `init_client${out.prompt ? ' (after a prompt, approved)' : ''}`);
          expectDisabled(await d.sock.invoke(clientId, method), `${method} with a client approved before`);
          expectDisabled(await d.sock.release(clientId), 'releasing a client');
        } finally {
          await d.app.setIntegration!(true);
        }
      }),
    );
  },
};

/** How long a dropped or refused connection may take to surface. */
const boundMs = (d: DeskRun) => Math.min(d.timeoutMs, 3_000);

async function attempt(d: DeskRun, sock: DesktopSocket, op: 'init' | 'invoke' | 'release', fakeId: string): Promise<DesktopAnswer> {
  if (op === 'init') return sock.init(initConfig(d, fixedIntegration('connection check'), d.account), boundMs(d));
  return op === 'invoke' ? sock.invoke(fakeId, 'VaultsList') : sock.release(fakeId);
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
    return ctx.forAll(arb, ({ faults, op }) =>
      runDesk(desk, async (d) => {
        for (const fault of faults) {
          const what = `${op} while the app ${fault === 'drop' ? 'drops the connection' : 'refuses connections'}`;
          // A connection of its own: the fault must meet a new request, not a kept-alive one.
          const sock = new DesktopSocket(d.sock.socketPath, boundMs(d));
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

export const dsk10: ConformanceProperty = {
  id: 'DSK-10',
  needs: ['desktop'],
  runs: 5,
  async property(ctx) {
    const desk = await openDesk(ctx, ['activity']);
    const shape = fixedIntegration('activity log');
    return ctx.forAll(fc.array(readMethod, { minLength: 1, maxLength: 4 }), (methods) =>
      runDesk(desk, async (d) => {
        const { clientId, account } = await approvedClient(d, initConfig(d, shape, d.account));
        const acc = { ...d.known, ...account };
        const from = await ctx.time.now();
        const list = await d.sock.invoke(clientId, 'VaultsList');
        expectWorks(list, 'VaultsList');
        const vault = ((list.body as { result?: Array<{ id?: string }> }).result ?? [])[0]?.id;
        const done = ['VaultsList'];
        for (const method of methods) {
          if (method !== 'VaultsList' && !vault) continue;
          expectWorks(await d.sock.invoke(clientId, method, method === 'VaultsList' ? {} : { vault_id: vault }), method);
          done.push(method);
        }
        const to = await ctx.time.now();
        const log = await d.app.activity!();
        const inWindow = (e: ActivityRecord) => {
          const t = Date.parse(text(e.time));
          return Number.isFinite(t) && t >= from - 2_000 && t <= to + 2_000;
        };
        for (const method of new Set(done)) {
          const want = done.filter((m) => m === method).length;
          const entries = log.filter((e) => e.command === method);
          check(entries.length >= want, () => `${want} × ${method} were run; the activity log has ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} for it (log: ${text(log.slice(-6))})`);
          const good = entries.filter((e) => inWindow(e) && namesOurProcess(e.process) && namesAccount(e.account, acc));
          check(good.length >= want, () => `the activity log's ${method} entries do not all carry the time (within the run), the process (pid ${process.pid}) and the account ${text(acc)}: ${text(entries.slice(-want))}`);
        }
      }),
    );
  },
};
