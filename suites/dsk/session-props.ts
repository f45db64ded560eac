/**
 * DSK properties about a session's life: bound to its process (DSK-4, with a second real
 * process), 10 idle minutes restarted by each use (DSK-5), ended by a lock and not revived by
 * unlocking (DSK-6), and the 12-hour hard limit (DSK-12). DSK-5 and DSK-6 are model-based:
 * `fc.commands` sequences of use, clock moves, lock and unlock against a model of the grants.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { check, fail } from '../runner/failure.js';
import type { ConformanceProperty } from '../runner/types.js';
import { fixedIntegration, readMethod } from './arbitraries.js';
import { requestFromSecondProcess, type ChildAnswer } from './second-process.js';
import {
  approvedClient, expectExpired, expectWorks, initAndAnswer, initConfig, openDesk, runDesk, sameAccount, type DeskRun,
} from './session.js';
import type { DesktopAnswer } from './socket-client.js';

const IDLE_SECONDS = 600;
const HARD_LIMIT_SECONDS = 12 * 60 * 60;
const childLine = (c: ChildAnswer) => (c.error ? `no answer (${c.error})` : `${c.status} ${JSON.stringify(c.body)}`);
const sameAnswer = (c: ChildAnswer, a: DesktopAnswer) => c.status === a.status && isDeepStrictEqual(c.body, a.body);

export const dsk4: ConformanceProperty = {
  id: 'DSK-4',
  needs: ['desktop'],
  runs: 4,
  async property(ctx) {
    const desk = await openDesk(ctx, []);
    // A second process per run is slow to shrink: few dimensions, and the unknown id is not one of them.
    const arb = fc.record({ op: fc.constantFrom('invoke' as const, 'release' as const), method: readMethod });
    const shape = fixedIntegration('second process');
    return ctx.forAll(arb, ({ op, method }) =>
      runDesk(desk, async (d) => {
        const fakeId = randomBytes(16).toString('base64url');
        const { clientId } = await approvedClient(d, initConfig(d, shape, d.account));
        expectWorks(await d.sock.invoke(clientId, 'VaultsList'), 'VaultsList by the process that was approved');
        const path = `/v1/clients/${encodeURIComponent(clientId)}${op === 'invoke' ? '/invoke' : ''}`;
        const child = await requestFromSecondProcess({
          socketPath: d.sock.socketPath,
          method: op === 'invoke' ? 'POST' : 'DELETE',
          path,
          ...(op === 'invoke' ? { body: { name: method, parameters: {} } } : {}),
          timeoutMs: d.timeoutMs,
        });
        if (child.error) fail(`a second process (${op} with the first one's client id) got no answer: ${child.error}`);
        check(child.pid !== process.pid, 'the second request did not come from another process');
        const baseline = op === 'invoke' ? await d.sock.invoke(fakeId, method) : await d.sock.release(fakeId);
        check(child.status === 401 && (child.body as { name?: unknown } | undefined)?.name === 'DesktopSessionExpired',
          () => `another process (pid ${child.pid}) ${op === 'invoke' ? `invoking ${method}` : 'releasing'} with the first process's client id: expected 401 DesktopSessionExpired, got ${childLine(child)}`);
        check(sameAnswer(child, baseline), () => `another process's answer for a borrowed client id differs from the answer for an unknown one (it can probe): ${childLine(child)} vs ${baseline.line}`);
        expectWorks(await d.sock.invoke(clientId, 'VaultsList'), `VaultsList by the approved process after another process's ${op}`);
        if (op === 'invoke' && ctx.time.hasClock) {
          await ctx.time.pass(IDLE_SECONDS);
          const expired = await d.sock.invoke(clientId, method);
          // Only an expired session the target admits to is a reference; DSK-5 judges the rest.
          if (expired.status === 401 && expired.name === 'DesktopSessionExpired') {
            check(sameAnswer(child, expired), () => `another process's answer differs from the answer for an expired session: ${childLine(child)} vs ${expired.line}`);
          }
        }
      }),
    );
  },
};

// --- DSK-5: idle expiry -------------------------------------------------------------------

interface IdleModel {
  idleSeconds: number;
  live: boolean;
}

interface IdleReal {
  d: DeskRun;
  clientId: string;
  log: string[];
}

const whereIdle = (r: IdleReal) => `after ${r.log.join(' -> ') || 'approval'}`;

class AdvanceIdle implements fc.AsyncCommand<IdleModel, IdleReal> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(m: IdleModel, r: IdleReal): Promise<void> {
    await r.d.ctx.time.pass(this.seconds);
    m.idleSeconds += this.seconds;
    if (m.idleSeconds >= IDLE_SECONDS) m.live = false;
    r.log.push(`+${this.seconds}s`);
  }
  toString = () => `advance(${this.seconds})`;
}

class UseSession implements fc.AsyncCommand<IdleModel, IdleReal> {
  check = () => true;
  async run(m: IdleModel, r: IdleReal): Promise<void> {
    const answer = await r.d.sock.invoke(r.clientId, 'VaultsList');
    const idle = `${m.idleSeconds} s without use`;
    if (m.live) expectWorks(answer, `using the session ${whereIdle(r)} (${idle})`);
    else expectExpired(answer, `using the session ${whereIdle(r)} (${m.idleSeconds >= IDLE_SECONDS ? idle : 'ended earlier'})`);
    if (m.live) m.idleSeconds = 0;
    r.log.push('use');
  }
  toString = () => 'use';
}

const idleStep = fc.oneof(fc.constantFrom(599, 600, 601, 300), fc.integer({ min: 1, max: 599 })).map((s) => new AdvanceIdle(s));

export const dsk5: ConformanceProperty = {
  id: 'DSK-5',
  needs: ['desktop'],
  runs: 8,
  async property(ctx) {
    const desk = await openDesk(ctx, ['clock']);
    const shape = fixedIntegration('idle expiry');
    return ctx.forAll(fc.commands([idleStep, fc.constant(new UseSession())], { maxCommands: 6 }), (cmds) =>
      runDesk(desk, async (d) => {
        const config = initConfig(d, shape, d.account);
        const real: IdleReal = { d, clientId: (await approvedClient(d, config)).clientId, log: [] };
        const model: IdleModel = { idleSeconds: 0, live: true };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        if (!model.live) {
          await d.app.fresh!();
          real.clientId = (await approvedClient(d, config)).clientId;
          Object.assign(model, { idleSeconds: 0, live: true });
          real.log.push('new session');
        }
        // The boundary, every run: 9:59 twice in a row is alive (each use restarts), 10:00 is not.
        const use = new UseSession();
        for (const step of [use, new AdvanceIdle(IDLE_SECONDS - 1), use, new AdvanceIdle(IDLE_SECONDS - 1), use, new AdvanceIdle(IDLE_SECONDS), use]) {
          await step.run(model, real);
        }
      }),
    );
  },
};

// --- DSK-6: lock ----------------------------------------------------------------------------

interface LockModel {
  live: boolean[];
}

interface LockReal {
  d: DeskRun;
  clients: Array<{ id: string; label: string }>;
  log: string[];
}

const whereLock = (r: LockReal) => `after ${r.log.join(' -> ') || 'approval'}`;

class UseClient implements fc.AsyncCommand<LockModel, LockReal> {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(m: LockModel, r: LockReal): Promise<void> {
    const i = this.pick % r.clients.length;
    const c = r.clients[i]!;
    const answer = await r.d.sock.invoke(c.id, 'VaultsList');
    if (m.live[i]) expectWorks(answer, `using ${c.label} ${whereLock(r)}`);
    else expectExpired(answer, `using ${c.label} ${whereLock(r)}`);
    r.log.push(`use ${c.label}`);
  }
  toString = () => `use(${this.pick})`;
}

class Lock implements fc.AsyncCommand<LockModel, LockReal> {
  check = () => true;
  async run(m: LockModel, r: LockReal): Promise<void> {
    await r.d.app.lock!();
    m.live = m.live.map(() => false);
    r.log.push('lock');
  }
  toString = () => 'lock';
}

class Unlock implements fc.AsyncCommand<LockModel, LockReal> {
  check = () => true;
  async run(_m: LockModel, r: LockReal): Promise<void> {
    await r.d.app.unlock!();
    r.log.push('unlock');
  }
  toString = () => 'unlock';
}

class AdvanceLittle implements fc.AsyncCommand<LockModel, LockReal> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(_m: LockModel, r: LockReal): Promise<void> {
    await r.d.ctx.time.pass(this.seconds);
    r.log.push(`+${this.seconds}s`);
  }
  toString = () => `advance(${this.seconds})`;
}

export const dsk6: ConformanceProperty = {
  id: 'DSK-6',
  needs: ['desktop'],
  runs: 8,
  async property(ctx) {
    const desk = await openDesk(ctx, ['lock']);
    if (desk.app.accounts && !desk.second) {
      const listed = await desk.app.accounts();
      const second = listed.find((a) => !sameAccount(a, desk.known));
      if (second) desk.second = second;
    }
    const commands: Array<fc.Arbitrary<fc.AsyncCommand<LockModel, LockReal>>> = [
      fc.nat(5).map((n) => new UseClient(n)),
      fc.constant(new Lock()),
      fc.constant(new Unlock()),
    ];
    // Small moves only: the 10 idle minutes are DSK-5's business.
    if (ctx.time.hasClock) commands.push(fc.integer({ min: 1, max: 90 }).map((s) => new AdvanceLittle(s)));
    const shape = fixedIntegration('lock');
    return ctx.forAll(fc.commands(commands, { maxCommands: 7 }), (cmds) =>
      runDesk(desk, async (d) => {
        const real: LockReal = { d, clients: [], log: [] };
        const accounts = [d.account, ...(d.second ? [d.second.name ?? d.second.id!] : [])];
        for (const account of accounts) {
          real.clients.push({ id: (await approvedClient(d, initConfig(d, shape, account))).clientId, label: `the client on ${JSON.stringify(account)}` });
        }
        // A second client of the same process and account shares its session.
        const again = await initAndAnswer(d, initConfig(d, shape, d.account), 'approve');
        const id = (again.answer.body as { clientId?: unknown } | undefined)?.clientId;
        check(again.answer.status === 201 && id !== undefined, () => `a second init_client for ${JSON.stringify(d.account)}: expected 201, got ${again.answer.line}`);
        real.clients.push({ id: String(id), label: `a second client on ${JSON.stringify(d.account)}` });
        const model: LockModel = { live: real.clients.map(() => true) };
        try {
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          // Every run ends on the rule itself: lock ends all at once, unlock revives none.
          await new Lock().run(model, real);
          for (let i = 0; i < real.clients.length; i++) await new UseClient(i).run(model, real);
          await new Unlock().run(model, real);
          for (let i = 0; i < real.clients.length; i++) await new UseClient(i).run(model, real);
          const fresh = await initAndAnswer(d, initConfig(d, shape, d.account), 'approve');
          check(!fresh.early, () => `${whereLock(real)}, init_client was answered without a prompt: the unlock revived a session: ${fresh.answer.line}`);
        } finally {
          await d.app.unlock!().catch(() => undefined);
        }
      }),
    );
  },
};

// --- DSK-12: hard limit ----------------------------------------------------------------------

export const dsk12: ConformanceProperty = {
  id: 'DSK-12',
  needs: ['desktop'],
  runs: 2,
  async property(ctx) {
    const desk = await openDesk(ctx, ['clock']);
    const shape = fixedIntegration('hard limit');
    // Uses 5 to 9 minutes apart: never idle for 10 minutes.
    return ctx.forAll(fc.constantFrom(540, 480, 420, 360, 300), (step) =>
      runDesk(desk, async (d) => {
        const { clientId } = await approvedClient(d, initConfig(d, shape, d.account));
        let elapsed = 0;
        while (elapsed + step < HARD_LIMIT_SECONDS) {
          await ctx.time.pass(step);
          elapsed += step;
          const answer = await d.sock.invoke(clientId, 'VaultsList');
          check(answer.status === 200, () => `a session used every ${step} s ended after ${(elapsed / 3600).toFixed(2)} h, before the 12-hour limit could be reached: ${answer.line}`);
        }
        await ctx.time.pass(HARD_LIMIT_SECONDS - elapsed);
        expectExpired(await d.sock.invoke(clientId, 'VaultsList'), `a session used every ${step} s, at 12 h after its approval`);
      }),
    );
  },
};
