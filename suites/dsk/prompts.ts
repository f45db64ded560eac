/**
 * The app's side of the desktop channel, as the DSK suite drives it: see and answer prompts,
 * and — where the target offers it — lock, unlock, turn the integration off, read the activity
 * log, and inject transport faults. Two ways in, from the target file's `desktop.prompts`:
 *
 * `{"mode": "mock", "url": "http://127.0.0.1:4010/_mock/desktop"}` — the mock's control plane
 * (openapi/desktop-ipc.yaml, tag `control`): every capability below.
 *
 * `{"mode": "module", "module": "./prompts.mjs"}` — a module (e.g. UI automation of a real app)
 * exporting, all async unless noted:
 *
 *   nextPrompt({ integrationName, account, timeoutMs, signal })
 *       -> { id?, account: { id?, name? }, integration: { name, version }, scope, duration,
 *            process? } | null
 *       Waits up to timeoutMs for the prompt shown for `integrationName` (the suite makes each
 *       name unique) and returns what it states, without answering it; null when none showed.
 *       `signal` (an AbortSignal, may be absent) aborts when the request was answered without
 *       a prompt: the suite stops waiting then, and a module may stop looking.
 *   answer(prompt, decision)          decision: 'approve' | 'deny'; answers that prompt.
 *   -- or, for a robot that can only press Approve: approveNext() (and optionally denyNext());
 *      prompt contents are then unknown and DSK-2 is skipped.
 *   reset()                 optional: end every session and pending prompt (a clean slate per
 *                           run); without it, lock() + unlock() is used, else runs that need a
 *                           fresh prompt are skipped.
 *   lock(), unlock()        optional (DSK-6).
 *   setIntegration(enabled) optional (DSK-8).
 *   activity()              optional (DSK-10): [{ command, time, process, account }].
 *   accounts                optional (DSK-11): an array (or function returning one) of account
 *                           names or { id, name }, to find a second account.
 *   promptTimeoutSeconds    optional number (DSK-3): how long the app waits for an answer.
 *   faults(input)           optional (DSK-9): arm the app's transport faults, as the mock's
 *                           `POST /_mock/desktop/scenarios` takes them: {drop: n}, {refuse: bool},
 *                           {lock_in_flight: n}, {silent: n}; a fake or a test build of the app.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { HttpClient } from '../http/client.js';
import { PropertyFailure } from '../runner/failure.js';
import type { Target } from '../target/types.js';

export type Decision = 'approve' | 'deny';

/** A prompt as the app shows it. */
export interface ShownPrompt {
  id?: string;
  account?: { id?: string; name?: string };
  integration?: { name?: string; version?: string };
  scope?: unknown;
  duration?: unknown;
  process?: unknown;
  /** Prompt contents are not visible (an approve-only robot). */
  opaque?: boolean;
}

export interface PromptMatch {
  integrationName: string;
  account: string;
}

export interface AccountRef {
  id?: string;
  name?: string;
}

export interface ActivityRecord {
  command?: unknown;
  time?: unknown;
  process?: unknown;
  account?: unknown;
}

export interface DesktopApp {
  readonly kind: 'mock' | 'module';
  /** Waits for the prompt of `match`; undefined when none showed in time or `signal` aborted. */
  nextPrompt(match: PromptMatch, timeoutMs: number, signal?: AbortSignal): Promise<ShownPrompt | undefined>;
  answer(prompt: ShownPrompt, decision: Decision): Promise<void>;
  readonly canSee: boolean;
  readonly canDeny: boolean;
  /** A clean slate: no sessions, no pending prompts, prompts answered by the suite. */
  fresh?(): Promise<void>;
  /** Puts back what `fresh` changed (the approval policy). */
  restore?(): Promise<void>;
  lock?(): Promise<void>;
  unlock?(): Promise<void>;
  setIntegration?(enabled: boolean): Promise<void>;
  activity?(): Promise<ActivityRecord[]>;
  accounts?(): Promise<AccountRef[]>;
  promptTimeoutSeconds?(): Promise<number | undefined>;
  /** Mock scenarios: drop the next `n` requests / refuse connections / lock the app while the next `n` invocations run. */
  faults?(input: { drop?: number; refuse?: boolean; lock_in_flight?: number; silent?: number }): Promise<void>;
}

export class DesktopAppError extends PropertyFailure {}

/** The mock's control plane. */
export function controlPlaneApp(url: string, http: HttpClient): DesktopApp {
  const base = url.replace(/\/+$/, '');
  let savedPolicy: unknown;
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await http.send({
      method,
      url: base + path,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status < 200 || res.status >= 300) {
      throw new DesktopAppError(`the desktop control plane answered ${method} ${base}${path} with ${res.status} ${res.text.slice(0, 200)}`);
    }
    return res.json;
  };
  return {
    kind: 'mock',
    canSee: true,
    canDeny: true,
    async nextPrompt(match, timeoutMs, signal) {
      const until = Date.now() + timeoutMs;
      // The prompt usually shows within a millisecond or two of the init reaching the app, so
      // the waits start short and grow: a fixed 15 ms cost most of a DSK run (issue 18).
      for (let wait = 1; !signal?.aborted; wait = Math.min(wait * 2, 15)) {
        const { prompts } = (await call('GET', '/prompts')) as { prompts?: Array<ShownPrompt & { status?: string }> };
        const found = (prompts ?? []).find((p) => p.integration?.name === match.integrationName && (p.status ?? 'pending') === 'pending');
        if (found) return found;
        if (Date.now() > until) return undefined;
        await sleep(wait);
      }
      return undefined;
    },
    async answer(prompt, decision) {
      await call('POST', `/prompts/${encodeURIComponent(prompt.id ?? '')}/${decision}`);
    },
    async fresh() {
      savedPolicy ??= await call('GET', '/policy');
      await call('POST', '/reset');
      await call('PUT', '/policy', { mode: 'manual' });
    },
    async restore() {
      if (savedPolicy) await call('PUT', '/policy', savedPolicy);
    },
    lock: async () => void (await call('POST', '/lock')),
    unlock: async () => void (await call('POST', '/unlock')),
    setIntegration: async (enabled) => void (await call('POST', '/integration', { enabled })),
    activity: async () => ((await call('GET', '/activity')) as { activity?: ActivityRecord[] }).activity ?? [],
    accounts: async () => ((await call('GET', '/accounts')) as { accounts?: AccountRef[] }).accounts ?? [],
    promptTimeoutSeconds: async () => {
      const t = ((await call('GET', '/policy')) as { prompt_timeout_seconds?: unknown }).prompt_timeout_seconds;
      return typeof t === 'number' ? t : undefined;
    },
    faults: async (input) => void (await call('POST', '/scenarios', input)),
  };
}

type Fn = (...args: unknown[]) => unknown;

/** A user module (see the header for its exports). */
export async function moduleApp(path: string): Promise<DesktopApp> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new DesktopAppError(`the prompts module ${path} cannot be imported: ${(err as Error).message}`);
  }
  const src = (typeof mod.default === 'object' && mod.default !== null ? { ...(mod.default as object), ...mod } : mod) as Record<string, unknown>;
  const fn = (name: string): Fn | undefined => (typeof src[name] === 'function' ? (src[name] as Fn) : undefined);
  const nextPrompt = fn('nextPrompt');
  const answer = fn('answer');
  const approveNext = fn('approveNext');
  const denyNext = fn('denyNext');
  if (!(nextPrompt && answer) && !approveNext) {
    throw new DesktopAppError(`the prompts module ${path} exports neither nextPrompt() + answer() nor approveNext(); see suites/dsk/prompts.ts`);
  }
  const reset = fn('reset');
  const lock = fn('lock');
  const unlock = fn('unlock');
  const setIntegration = fn('setIntegration');
  const activity = fn('activity');
  const accounts = src.accounts;
  const faults = fn('faults');
  const timeout = src.promptTimeoutSeconds;
  const app: DesktopApp = {
    kind: 'module',
    canSee: Boolean(nextPrompt && answer),
    canDeny: Boolean(answer ?? denyNext),
    async nextPrompt(match, timeoutMs, signal) {
      if (!nextPrompt || !answer) return signal?.aborted ? undefined : { opaque: true };
      if (signal?.aborted) return undefined;
      // The app answered without a prompt: stop waiting now, whether or not the module heeds the signal.
      const aborted = new Promise<undefined>((resolve) => signal?.addEventListener('abort', () => resolve(undefined), { once: true }));
      const shown = await Promise.race([nextPrompt({ integrationName: match.integrationName, account: match.account, timeoutMs, signal }), aborted]);
      return shown && typeof shown === 'object' ? (shown as ShownPrompt) : undefined;
    },
    async answer(prompt, decision) {
      if (answer && !prompt.opaque) await answer(prompt, decision);
      else if (decision === 'approve' && approveNext) await approveNext();
      else if (decision === 'deny' && denyNext) await denyNext();
      else throw new DesktopAppError(`the prompts module cannot ${decision} a prompt`);
    },
  };
  if (reset) app.fresh = async () => void (await reset());
  else if (lock && unlock) app.fresh = async () => { await lock(); await unlock(); };
  if (lock) app.lock = async () => void (await lock());
  if (unlock) app.unlock = async () => void (await unlock());
  if (setIntegration) app.setIntegration = async (enabled) => void (await setIntegration(enabled));
  if (activity) app.activity = async () => ((await activity()) as ActivityRecord[]) ?? [];
  if (accounts !== undefined) {
    app.accounts = async () => {
      const list = (typeof accounts === 'function' ? await (accounts as Fn)() : accounts) as unknown[];
      return (Array.isArray(list) ? list : []).map((a) => (typeof a === 'string' ? { name: a } : (a as AccountRef)));
    };
  }
  if (typeof timeout === 'number') app.promptTimeoutSeconds = async () => timeout;
  if (faults) app.faults = async (input) => void (await faults(input));
  return app;
}

const loaded = new WeakMap<Target, Promise<DesktopApp | undefined>>();

/** The target's app side; undefined when the target file says nothing about prompts. */
export function desktopApp(target: Target, http: HttpClient): Promise<DesktopApp | undefined> {
  let app = loaded.get(target);
  if (!app) {
    const prompts = target.spec.desktop?.prompts;
    app = !prompts ? Promise.resolve(undefined) : prompts.mode === 'mock' ? Promise.resolve(controlPlaneApp(prompts.url, http)) : moduleApp(prompts.module);
    loaded.set(target, app);
  }
  return app;
}
