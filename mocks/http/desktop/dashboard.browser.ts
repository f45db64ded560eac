/// <reference lib="dom" />
/**
 * The desktop dashboard's only script (inlined as a classic script, allowed by its sha256; see
 * ../page-script.ts). It reads the control plane, follows `/_mock/desktop/events` and sends
 * same-origin JSON requests for Approve, Deny, Lock, the policy and the clock. It builds the DOM
 * with textContent only: integration names come from local processes and are not ours.
 *
 * No imports and no exports: this file is compiled on its own into one script.
 */

interface Proc { executable?: string; pid?: number }
interface Named { name: string; version?: string }
interface PromptView { id: string; account: Named; process: Proc; integration: Named; scope: string; duration: { description: string }; expires_at: string }
interface SessionView { account: Named; process: Proc; integration: Named; last_used_at: string; idle_expires_at: string; hard_expires_at: string }
interface ActivityView { time: string; command: string; process: Proc; account: Named; outcome: string; error?: string }
interface StateView { socket_path: string; now: number; iso: string; locked: boolean; integration_enabled: boolean; policy: { mode: string } }

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const byId = (id: string) => document.getElementById(id) as HTMLElement;
const base = location.pathname.replace(/\/$/, '');
const proc = (p: Proc) => `${p.executable ?? '?'} (pid ${p.pid ?? '?'})`;
const integration = (i: Named) => `${i.name} ${i.version ?? ''}`.trim();
const cell = (label: string, ...children: Child[]) => h('td', { 'data-label': label }, ...children);

function fill(id: string, rows: HTMLElement[], columns: number): void {
  byId(id).replaceChildren(...(rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: String(columns), class: 'muted none' }, 'none'))]));
}

function say(text: string): void {
  byId('message').textContent = text;
}

/** Same-origin JSON only: the control plane refuses anything else. */
async function send(path: string, body: unknown = {}): Promise<void> {
  try {
    const res = await fetch(path, {
      method: 'POST', mode: 'same-origin', credentials: 'same-origin',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!res.ok) {
      const answer = (await res.json().catch(() => ({}))) as { message?: string; error_description?: string };
      say(`${path}: ${res.status} ${answer.message ?? answer.error_description ?? ''}`);
    } else say('');
  } catch (e) {
    say(`${path}: ${(e as Error).message}`);
  }
  await refresh();
}

let enabled = true;
let refreshing: Promise<void> | null = null;
let again = false;

async function load(): Promise<void> {
  const get = async <T>(p: string): Promise<T> => (await fetch(`${base}/${p}`, { credentials: 'same-origin' })).json() as Promise<T>;
  const [state, prompts, sessions, activity] = await Promise.all([
    get<StateView>('state'), get<{ prompts: PromptView[] }>('prompts'), get<{ sessions: SessionView[] }>('sessions'), get<{ activity: ActivityView[] }>('activity'),
  ]);
  enabled = state.integration_enabled;
  (byId('mode') as HTMLSelectElement).value = state.policy.mode;
  byId('state').textContent = `${state.locked ? 'locked' : 'unlocked'} · integration ${enabled ? 'on' : 'off'} · socket ${state.socket_path}`;
  byId('clock').textContent = state.iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  byId('clock').dataset.now = String(state.now);
  fill('prompts', prompts.prompts.map((p) => h('tr', {},
    cell('Account', p.account.name), cell('Process', proc(p.process)), cell('Integration', integration(p.integration)),
    cell('Scope', `${p.scope}, ${p.duration.description}`), cell('Expires', p.expires_at),
    h('td', { class: 'actions' }, h('button', { type: 'button', class: 'primary', 'data-approve': p.id }, 'Approve'), h('button', { type: 'button', 'data-deny': p.id }, 'Deny')))), 6);
  fill('sessions', sessions.sessions.map((s) => h('tr', {},
    cell('Account', s.account.name), cell('Process', proc(s.process)), cell('Integration', integration(s.integration)),
    cell('Last used', s.last_used_at), cell('Idle expiry', s.idle_expires_at), cell('Hard limit', s.hard_expires_at))), 6);
  fill('activity', activity.activity.slice(-50).reverse().map((a) => h('tr', { 'data-outcome': a.outcome },
    cell('Time', a.time), cell('Command', a.command), cell('Process', proc(a.process)), cell('Account', a.account.name),
    cell('Outcome', h('span', { class: `badge ${a.outcome === 'ok' ? 'ok' : 'bad'}` }, a.outcome + (a.error ? ` ${a.error}` : ''))))), 5);
}

/** One load at a time; events that arrive meanwhile cause one more. */
function refresh(): Promise<void> {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = load()
    .catch((e: Error) => say(`cannot read the control plane: ${e.message}`))
    .finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
  return refreshing;
}

function install(): void {
  if (window.top === window.self) document.getElementById('framed')?.remove();
  document.addEventListener('click', (e) => {
    const t = e.target as HTMLElement;
    if (t.dataset.approve) void send(`${base}/prompts/${t.dataset.approve}/approve`);
    else if (t.dataset.deny) void send(`${base}/prompts/${t.dataset.deny}/deny`);
    else if (t.dataset.post) void send(`${base}/${t.dataset.post}`);
    else if (t.dataset.advance) void send('/_mock/clock', { advance_seconds: Number(t.dataset.advance) });
    else if (t.id === 'integration') void send(`${base}/integration`, { enabled: !enabled });
  });
  byId('mode').addEventListener('change', (e) => void send(`${base}/policy`, { mode: (e.target as HTMLSelectElement).value }));
  const events = new EventSource(`${base}/events`);
  for (const type of ['prompt', 'approval', 'denial', 'timeout', 'cancel', 'lock', 'unlock', 'expiry', 'integration', 'policy', 'activity', 'reset'])
    events.addEventListener(type, () => void refresh());
  void refresh();
}

install();
