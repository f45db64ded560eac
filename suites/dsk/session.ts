/**
 * One DSK property run against the target: a fresh socket client, a clean slate on the app's
 * side, and the moves every property shares — init while watching for the prompt, answer it,
 * get an approved client, expect the expired-session answer.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { check, fail, PropertyFailure, PropertySkip } from '../runner/failure.js';
import type { PropertyContext } from '../runner/types.js';
import { fixedIntegration, type AccountBy, type IntegrationShape } from './arbitraries.js';
import { desktopApp, type AccountRef, type Decision, type DesktopApp, type ShownPrompt } from './prompts.js';
import { openChannel, protocolOf, type DesktopChannelClient } from './channel.js';
import { DesktopConnectionError, track, type DesktopAnswer, type InitConfiguration } from './socket-client.js';

/** What a property needs beyond a socket; a missing one is SKIP with the reason. */
export type Capability = 'see' | 'deny' | 'fresh' | 'lock' | 'integration' | 'activity' | 'faults' | 'clock' | 'secondAccount' | 'promptTimeout';

export interface Desk {
  ctx: PropertyContext;
  app: DesktopApp;
  /** The account under test, as the target file names it. */
  account: string;
  /** Its `{id, name}` once an approved init told us. */
  known: AccountRef;
  second?: AccountRef;
}

export interface DeskRun extends Desk {
  /** The channel client, in the target's protocol (envelope or http). */
  sock: DesktopChannelClient;
  timeoutMs: number;
  /** Makes integration names unique to this run, so that the run finds its own prompts. */
  tag: string;
}

const WHY: Record<Capability, string> = {
  see: 'the prompts module cannot show what a prompt states (export nextPrompt() and answer())',
  deny: 'the prompts module cannot deny a prompt (export answer() or denyNext())',
  fresh: 'the app side cannot end sessions between runs (export reset(), or lock() and unlock(), from the prompts module)',
  lock: 'the app side cannot lock and unlock the app (desktop.prompts mode "mock", or lock()/unlock() in the prompts module)',
  integration: 'the app side cannot turn the integration off (desktop.prompts mode "mock", or setIntegration() in the prompts module)',
  activity: "the app side cannot read the activity log (desktop.prompts mode \"mock\", or activity() in the prompts module)",
  faults: 'the app side cannot inject transport faults (desktop.prompts mode "mock", or faults() in the prompts module)',
  clock: 'the target has no clock to move (add "clock" to the target file)',
  secondAccount: 'the app side names no second account (desktop.prompts mode "mock", or accounts in the prompts module)',
  promptTimeout: 'the prompt timeout is unknown (desktop.prompts mode "mock", or promptTimeoutSeconds in the prompts module)',
};

function missing(app: DesktopApp, ctx: PropertyContext, cap: Capability): boolean {
  switch (cap) {
    case 'see': return !app.canSee;
    case 'deny': return !app.canDeny;
    case 'fresh': return !app.fresh;
    case 'lock': return !app.lock || !app.unlock;
    case 'integration': return !app.setIntegration;
    case 'activity': return !app.activity;
    case 'faults': return !app.faults;
    case 'clock': return !ctx.time.hasClock;
    case 'secondAccount': return !app.accounts;
    case 'promptTimeout': return !app.promptTimeoutSeconds;
  }
}

export const sameAccount = (a: AccountRef, b: AccountRef) => (a.name !== undefined && a.name === b.name) || (a.id !== undefined && a.id === b.id);

/** The app side and the account, or SKIP with the reason. */
export async function openDesk(ctx: PropertyContext, caps: readonly Capability[]): Promise<Desk> {
  const desktop = ctx.target.spec.desktop;
  if (!desktop) throw new PropertySkip('the target file names no desktop socket');
  const app = await desktopApp(ctx.target, ctx.http);
  if (!app) throw new PropertySkip('the target file says nothing about answering prompts (desktop.prompts): no prompt can be approved');
  for (const cap of ['fresh', ...caps] as Capability[]) if (missing(app, ctx, cap)) throw new PropertySkip(WHY[cap]);
  let account = desktop.account;
  const listed = app.accounts ? await app.accounts() : [];
  if (!account) account = listed[0]?.name ?? listed[0]?.id;
  if (!account) throw new PropertySkip('the target file names no desktop.account and the app side lists none');
  const desk: Desk = { ctx, app, account, known: listed.find((a) => a.name === account || a.id === account) ?? { name: account } };
  if (caps.includes('secondAccount')) {
    const second = listed.find((a) => !sameAccount(a, desk.known));
    if (!second) throw new PropertySkip('the app signs in to one account only: DSK-11 needs a second');
    desk.second = second;
  }
  return desk;
}

/** Runs one property run on a clean slate; failures carry the last exchanges over the socket. */
export async function runDesk(desk: Desk, body: (d: DeskRun) => Promise<void>): Promise<void> {
  const { ctx, app } = desk;
  const timeoutMs = ctx.target.requestTimeoutMs;
  const sock = openChannel(ctx.target.spec.desktop!.socket, timeoutMs, protocolOf(ctx.target));
  const run: DeskRun = { ...desk, sock, timeoutMs, tag: randomBytes(6).toString('hex') };
  try {
    await app.fresh!();
    await body(run);
  } catch (err) {
    const failure = err instanceof DesktopConnectionError ? new PropertyFailure(`the desktop app did not answer: ${err.message}`) : err;
    if (failure instanceof PropertyFailure && sock.recent().length > 0) {
      failure.message = `${failure.message}\n  over the socket: ${sock.recent().join('\n                   ')}`;
    }
    throw failure;
  } finally {
    await sock.close().catch(() => undefined);
    await app.restore?.().catch(() => undefined);
  }
}

export { decisiveOnce } from '../runner/decisive.js';

/** The account as `init_client` names it: by name, or by UUID once known. */
export function accountName(d: DeskRun, by: AccountBy, which: AccountRef = d.known): string {
  if (by === 'uuid' && which.id) return which.id;
  return which.name ?? which.id ?? d.account;
}

export function initConfig(d: DeskRun, shape: IntegrationShape, account: string): InitConfiguration {
  return { ...shape.extra, account_name: account, integrationName: `${shape.integrationName} #${d.tag}`, integrationVersion: shape.integrationVersion };
}

export interface InitOutcome {
  answer: DesktopAnswer;
  /** The prompt, when one showed before the init was answered. */
  prompt?: ShownPrompt;
  /** The init was answered before any prompt showed. */
  early: boolean;
}

/** `init_client` while watching for its prompt; answers the prompt with `decision` when one shows. */
export async function initAndAnswer(d: DeskRun, config: InitConfiguration, decision: Decision, timeoutMs = d.timeoutMs): Promise<InitOutcome> {
  const pending = track(d.sock.init(config, timeoutMs));
  const stop = new AbortController();
  void pending.promise.then(() => stop.abort(), () => stop.abort());
  const prompt = await d.app.nextPrompt({ integrationName: config.integrationName, account: config.account_name }, d.timeoutMs, stop.signal);
  if (prompt?.opaque) await sleep(100); // an approve-only robot: give an unheld init the time to answer
  if (!prompt || pending.settled) return { answer: await pending.promise, early: true, ...(prompt && !prompt.opaque ? { prompt } : {}) };
  await d.app.answer(prompt, decision);
  return { answer: await pending.promise, prompt, early: false };
}

/** An approved client for `config` (answering its prompt, when one shows). */
export async function approvedClient(d: DeskRun, config: InitConfiguration): Promise<{ clientId: string; account: AccountRef; outcome: InitOutcome }> {
  const outcome = await initAndAnswer(d, config, 'approve');
  const { answer } = outcome;
  const body = answer.body as { clientId?: unknown; account?: AccountRef } | undefined;
  check(answer.status === 201 && (typeof body?.clientId === 'string' || typeof body?.clientId === 'number'),
    () => `init_client for ${JSON.stringify(config.account_name)}, approved at the prompt, should answer 201 {clientId}: got ${answer.line}`);
  const account = body?.account ?? {};
  if (account.id && !d.known.id && (account.name === d.known.name || config.account_name === d.account)) d.known.id = account.id;
  return { clientId: String(body!.clientId), account, outcome };
}

export function expectExpired(answer: DesktopAnswer, what: string): void {
  check(answer.status === 401 && answer.name === 'DesktopSessionExpired', () => `${what}: expected 401 DesktopSessionExpired, got ${answer.line}`);
}

export function expectWorks(answer: DesktopAnswer, what: string): void {
  check(answer.status === 200, () => `${what}: expected 200 with the result, got ${answer.line}`);
}

/** The account's UUID, learned once from an approved init by name (a throwaway session). */
export async function learnAccountId(d: DeskRun): Promise<void> {
  if (d.known.id) return;
  await approvedClient(d, initConfig(d, fixedIntegration('account lookup'), d.account));
  if (!d.known.id) fail(`an approved init_client for ${JSON.stringify(d.account)} answered without account.id: the account cannot be named by UUID`);
  await d.app.fresh!();
}
