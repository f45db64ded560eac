/**
 * DSK properties about a session's life: bound to its process (DSK-4, with a second real
 * process), 10 idle minutes restarted by each use (DSK-5), ended by a lock and not revived by
 * unlocking (DSK-6), and the 12-hour hard limit (DSK-12). DSK-5 and DSK-6 are model-based:
 * their decisive sequences (use at 9:59 vs 10:00 idle, each use restarting the 10 minutes; lock
 * then use, unlock reviving nothing) run in full on every suite run, then random `ctx.commands`
 * sequences of use, clock moves, lock and unlock against a model of the grants.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { check, fail } from '../runner/failure.js';
import type { ConformanceProperty } from '../runner/types.js';
import type { IntegrationShape } from './arbitraries.js';
import { fixedIntegration, readMethod } from './arbitraries.js';
import { requestFromSecondProcess, requestsFromOneNewSession, type ChildAnswer, type ChildCall } from './second-process.js';
import {
  approvedClient, decisiveOnce, expectExpired, expectWorks, initAndAnswer, initConfig, openDesk, runDesk, sameAccount, type DeskRun,
} from './session.js';
import type { DesktopAnswer } from './socket-client.js';

const IDLE_SECONDS = 600;
const HARD_LIMIT_SECONDS = 12 * 60 * 60;
const childLine = (c: ChildAnswer) => (c.error ? `no answer (${c.error})` : `${c.status} ${JSON.stringify(c.body)}`);
const sameAnswer = (c: ChildAnswer, a: DesktopAnswer) => c.status === a.status && isDeepStrictEqual(c.body, a.body);

export const dsk4: ConformanceProperty = {
  id: 'DSK-4',
  needs: ['desktop'],
  alone: true, // moves the clock
  runs: 4,
  async property(ctx) {
    const desk = await openDesk(ctx, []);
    // A second process per run is slow to shrink: few dimensions, and the unknown id is not one of them.
    // A write goes through the same door as a read: another process writes through no client id it did not get.
    const arb = fc.record({ op: fc.constantFrom('invoke' as const, 'write' as const, 'release' as const), method: readMethod });
    const shape = fixedIntegration('second process');
    return ctx.forAll(arb, ({ op, method }) =>
      runDesk(desk, async (d) => {
        const fakeId = randomBytes(16).toString('base64url');
        const { clientId } = await approvedClient(d, initConfig(d, shape, d.account));
        expectWorks(await d.sock.invoke(clientId, 'VaultsList'), 'VaultsList by the process that was approved');
        const written = `authprobe DSK-4 ${d.tag}`;
        const vaultId = op === 'write' ? await firstVaultId(d, clientId) : '';
        const name = op === 'write' ? 'ItemsCreate' : method;
        const parameters = op === 'write' ? { params: { vaultId, title: written, category: 'Login', fields: [{ id: 'password', title: 'password', fieldType: 'Concealed', value: d.tag }] } } : {};
        const call: ChildCall = op === 'release' ? { op: 'release', clientId } : { op: 'invoke', clientId, name, parameters };
        const child = await requestFromSecondProcess({ socketPath: d.sock.socketPath, protocol: d.sock.protocol, call, timeoutMs: d.timeoutMs });
        if (child.error) fail(`a second process (${op} with the first one's client id) got no answer: ${child.error}`);
        check(child.pid !== process.pid, 'the second request did not come from another process');
        const baseline = op === 'release' ? await d.sock.release(fakeId) : await d.sock.invoke(fakeId, name, parameters);
        check(child.status === 401 && (child.body as { name?: unknown } | undefined)?.name === 'DesktopSessionExpired',
          () => `another process (pid ${child.pid}) ${op === 'release' ? 'releasing' : `invoking ${name}`} with the first process's client id: expected 401 DesktopSessionExpired, got ${childLine(child)}`);
        if (op === 'write') {
          const items = await d.sock.invoke(clientId, 'ItemsList', { vault_id: vaultId });
          const titles = (items.body as { result?: unknown } | undefined)?.result;
          check(!JSON.stringify(titles ?? null).includes(written), () => `another process's ItemsCreate through a borrowed client id was refused, yet the item ${JSON.stringify(written)} is in the vault: ${items.line}`);
        }
        check(sameAnswer(child, baseline), () => `another process's answer for a borrowed client id differs from the answer for an unknown one (it can probe): ${childLine(child)} vs ${baseline.line}`);
        expectWorks(await d.sock.invoke(clientId, 'VaultsList'), `VaultsList by the approved process after another process's ${op}`);
        if (ctx.target.spec.desktop?.scope === 'terminal') await terminalSessions(d);
        if (op === 'invoke' && ctx.time.hasClock) {
          await ctx.time.pass(IDLE_SECONDS);
          const expired = await d.sock.invoke(clientId, name);
          // Only an expired session the target admits to is a reference; DSK-5 judges the rest.
          if (expired.status === 401 && expired.name === 'DesktopSessionExpired') {
            check(sameAnswer(child, expired), () => `another process's answer differs from the answer for an expired session: ${childLine(child)} vs ${expired.line}`);
          }
        }
      }),
    );
  },
};

/**
 * CLI-style scoping, for a target that declares `desktop.scope: "terminal"`: the grant belongs
 * to the terminal session and its start time (cli-app-integration; DESKTOP.md). The suite makes
 * a session of its own (`setsid`): its leader is prompted and approved, then a child of the
 * leader, another process of that session, gets a client without a prompt. This process's own
 * session is not used: in a container it may be invisible to the app (session 0 in /proc).
 * Then a process in yet another session is prompted.
 */
async function terminalSessions(d: DeskRun): Promise<void> {
  const base = { socketPath: d.sock.socketPath, protocol: d.sock.protocol, timeoutMs: d.timeoutMs };
  const leaderConfig = initConfig(d, fixedIntegration('terminal session'), d.account);
  const pair = requestsFromOneNewSession({ ...base, call: { op: 'init', config: leaderConfig } },
    { op: 'init', config: initConfig(d, fixedIntegration('same terminal'), d.account) });
  const stop = new AbortController();
  void pair.then(() => stop.abort());
  const first = await d.app.nextPrompt({ integrationName: leaderConfig.integrationName, account: leaderConfig.account_name }, d.timeoutMs, stop.signal);
  if (first) await d.app.answer(first, 'approve');
  const [leader, sibling] = await pair;
  check(leader.status === 201, () => `a process in a new terminal session (setsid, pid ${leader.pid ?? '?'}), approved at the prompt, should get a client: got ${childLine(leader)}`);
  check(sibling.status === 201, () => `a child (pid ${sibling.pid ?? '?'}) of that approved process, in the same terminal session, should share the grant and get a client without a prompt: got ${childLine(sibling)}`);
  if (!d.app.canSee || !d.app.canDeny) return;
  const config = initConfig(d, fixedIntegration('other terminal'), d.account);
  const stranger = requestFromSecondProcess({ ...base, call: { op: 'init', config }, newSession: true });
  const prompt = await d.app.nextPrompt({ integrationName: config.integrationName, account: config.account_name }, d.timeoutMs);
  if (prompt) await d.app.answer(prompt, 'deny');
  const answer = await stranger;
  check(prompt !== undefined && answer.status !== 201,
    () => `a process of another terminal session (setsid, pid ${answer.pid ?? '?'}) should be prompted and, denied, get no client: ${prompt ? 'denied, yet ' : 'no prompt showed; '}${childLine(answer)}`);
}

/** The id of the account's first vault, as the approved client lists it. */
async function firstVaultId(d: DeskRun, clientId: string): Promise<string> {
  const list = await d.sock.invoke(clientId, 'VaultsList');
  const id = ((list.body as { result?: Array<{ id?: string }> } | undefined)?.result ?? [])[0]?.id;
  if (!id) fail(`VaultsList by the approved process lists no vault to write to: ${list.line}`);
  return id;
}

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

type IdleStep = fc.AsyncCommand<IdleModel, IdleReal>;

/** A fresh session (approved now, on the target's clock) and the model of it. */
async function idleSession(d: DeskRun, shape: IntegrationShape): Promise<{ model: IdleModel; real: IdleReal }> {
  const real: IdleReal = { d, clientId: (await approvedClient(d, initConfig(d, shape, d.account))).clientId, log: [] };
  return { model: { idleSeconds: 0, live: true }, real };
}

/** DSK-5's decisive sequences, each on a session of its own. */
const idleSequences: Array<{ name: string; steps: () => IdleStep[] }> = [
  {
    name: 'used at 9:59 idle twice (each use restarts), then 10:00 idle; expired stays expired',
    steps: () => [new UseSession(), new AdvanceIdle(IDLE_SECONDS - 1), new UseSession(), new AdvanceIdle(IDLE_SECONDS - 1), new UseSession(), new AdvanceIdle(IDLE_SECONDS), new UseSession(), new UseSession()],
  },
  // Idle from the approval on, not from the first use; and 10 minutes in two moves are 10 minutes.
  { name: 'first use at 9:59 after approval, then 10:00 idle in two moves', steps: () => [new AdvanceIdle(IDLE_SECONDS - 1), new UseSession(), new AdvanceIdle(IDLE_SECONDS / 2), new AdvanceIdle(IDLE_SECONDS / 2), new UseSession()] },
  { name: 'never used, 10:00 after approval', steps: () => [new AdvanceIdle(IDLE_SECONDS), new UseSession()] },
];

export const dsk5: ConformanceProperty = {
  id: 'DSK-5',
  needs: ['desktop'],
  alone: true, // moves the clock
  runs: 6,
  async property(ctx) {
    const desk = await openDesk(ctx, ['clock']);
    const shape = fixedIntegration('idle expiry');
    const decisive = decisiveOnce<DeskRun>(idleSequences.map(({ name, steps }) => ({
      name,
      run: async (d) => {
        await d.app.fresh!();
        const { model, real } = await idleSession(d, shape);
        await fc.asyncModelRun(() => ({ model, real }), steps());
      },
    })));
    return ctx.forAll(ctx.commands([idleStep, fc.constant(new UseSession())], { maxCommands: 6 }), (cmds) =>
      runDesk(desk, async (d) => {
        await decisive(d);
        await d.app.fresh!();
        const { model, real } = await idleSession(d, shape);
        // Every generated run also ends on a use: the last move is always judged.
        await fc.asyncModelRun(() => ({ model, real }), [...cmds, new UseSession()]);
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

type LockStep = fc.AsyncCommand<LockModel, LockReal>;

/**
 * Clients on every account the app names (two at most) plus a second client of the same process
 * and account, which shares the first one's session; all approved now.
 */
async function lockClients(d: DeskRun, shape: IntegrationShape): Promise<{ model: LockModel; real: LockReal }> {
  const real: LockReal = { d, clients: [], log: [] };
  const accounts = [d.account, ...(d.second ? [d.second.name ?? d.second.id!] : [])];
  for (const account of accounts) {
    real.clients.push({ id: (await approvedClient(d, initConfig(d, shape, account))).clientId, label: `the client on ${JSON.stringify(account)}` });
  }
  const again = await initAndAnswer(d, initConfig(d, shape, d.account), 'approve');
  const id = (again.answer.body as { clientId?: unknown } | undefined)?.clientId;
  check(again.answer.status === 201 && id !== undefined, () => `a second init_client for ${JSON.stringify(d.account)}: expected 201, got ${again.answer.line}`);
  real.clients.push({ id: String(id), label: `a second client on ${JSON.stringify(d.account)}` });
  return { model: { live: real.clients.map(() => true) }, real };
}

const useAll = (n: number): LockStep[] => Array.from({ length: n }, (_, i) => new UseClient(i));

/** After the steps, a new init_client must prompt again: nothing the lock ended came back. */
async function expectPromptAgain(d: DeskRun, shape: IntegrationShape, real: LockReal): Promise<void> {
  const fresh = await initAndAnswer(d, initConfig(d, shape, d.account), 'approve');
  check(!fresh.early, () => `${whereLock(real)}, init_client was answered without a prompt: the unlock revived a session: ${fresh.answer.line}`);
}

/** DSK-6's decisive sequences, each on clients of their own (the use before the lock is the valid counterpart). */
const lockSequences: Array<{ name: string; steps: (n: number) => LockStep[] }> = [
  { name: 'use, lock, use each client, unlock, use each client', steps: (n) => [...useAll(n), new Lock(), ...useAll(n), new Unlock(), ...useAll(n)] },
  // Nothing touched while locked: an app that ends sessions lazily, on their next use, is caught here.
  { name: 'use, lock, unlock at once, use each client', steps: (n) => [...useAll(n), new Lock(), new Unlock(), ...useAll(n)] },
];

export const dsk6: ConformanceProperty = {
  id: 'DSK-6',
  needs: ['desktop'],
  alone: true, // moves the clock
  runs: 6,
  async property(ctx) {
    const desk = await openDesk(ctx, ['lock']);
    if (desk.app.accounts && !desk.second) {
      const listed = await desk.app.accounts();
      const second = listed.find((a) => !sameAccount(a, desk.known));
      if (second) desk.second = second;
    }
    const commands: Array<fc.Arbitrary<LockStep>> = [
      fc.nat(5).map((n) => new UseClient(n)),
      fc.constant(new Lock()),
      fc.constant(new Unlock()),
    ];
    // Small moves only: the 10 idle minutes are DSK-5's business.
    if (ctx.time.hasClock) commands.push(fc.integer({ min: 1, max: 90 }).map((s) => new AdvanceLittle(s)));
    const shape = fixedIntegration('lock');
    const decisive = decisiveOnce<DeskRun>(lockSequences.map(({ name, steps }) => ({
      name,
      run: async (d) => {
        await d.app.fresh!();
        const { model, real } = await lockClients(d, shape);
        await fc.asyncModelRun(() => ({ model, real }), steps(real.clients.length));
        await expectPromptAgain(d, shape, real);
      },
    })));
    return ctx.forAll(ctx.commands(commands, { maxCommands: 7 }), (cmds) =>
      runDesk(desk, async (d) => {
        try {
          await decisive(d);
          await d.app.fresh!();
          const { model, real } = await lockClients(d, shape);
          // Every generated run also ends on the rule itself: lock ends all at once, unlock revives none.
          await fc.asyncModelRun(() => ({ model, real }), [...cmds, new Lock(), ...useAll(real.clients.length), new Unlock(), ...useAll(real.clients.length)]);
          await expectPromptAgain(d, shape, real);
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
  alone: true, // moves the clock
  runs: 2,
  requestsPerRun: 200, // 90 uses, each after a clock move
  async property(ctx) {
    const desk = await openDesk(ctx, ['clock']);
    const shape = fixedIntegration('hard limit');
    // Uses 8 to 9 minutes apart: never idle for 10 minutes, with a minute to spare for the real
    // time a loaded machine takes between two uses, and at most 90 uses to walk 12 hours.
    return ctx.forAll(fc.constantFrom(540, 510, 480), (step) =>
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
