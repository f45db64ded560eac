/// <reference lib="dom" />
/**
 * The OAuth dashboard's only script (inlined as a classic script, allowed by its sha256; see
 * page-script.ts). It renders the views the mock pushes on `/_mock/dashboard/events` and sends
 * the control API same-origin JSON requests. It builds the DOM with textContent only (the page
 * requires Trusted Types for script sinks, and values such as client names are not ours).
 *
 * No imports and no exports: this file is compiled on its own into one script.
 */

interface ChainEvent { kind: string; at: number | null; token: string | null; state?: string; expires_at?: number; detail?: string }
interface AccessTokenView { token: string; issued_at: number; expires_at: number; state: string }
interface FamilyView {
  id: string; client_id: string; sub: string; scope: string; state: 'active' | 'revoked' | 'reused';
  revoked_reason: string | null; created_at: number; chain: ChainEvent[]; access_tokens: AccessTokenView[];
}
interface RequestView { time: number; method: string; path: string; status: number; error: string | null; grant_type: string | null }
interface ClientView { client_id: string; client_type: string; token_endpoint_auth_method: string; grant_types: string[]; redirect_uris: string[]; status: string; name: string }
interface ClientVerdictView { id: string; status: 'pass' | 'fail' | 'warn' | 'not-observed'; observations: number; evidence: string[] }
interface ClientConformanceView {
  requirements: { id: string; level: string; text: string }[];
  clients: { clientId: string; public: boolean; verdicts: ClientVerdictView[] }[];
}
interface View {
  issuer: string; now: number; iso: string; clients: ClientView[]; families: FamilyView[]; family_count: number;
  requests: RequestView[]; requests_total: number;
  defects: { fixed_at_start: boolean; on: { name: string; breaks: string[]; summary: string }[] };
  scenarios: { id: number; endpoint: string; remaining: number; action: Record<string, unknown> }[];
  scenario_endpoints: string[];
  client_conformance: ClientConformanceView;
}

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const byId = (id: string) => document.getElementById(id) as HTMLElement;
const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function relative(ms: number, now: number): string {
  const s = Math.round((ms - now) / 1000);
  const abs = Math.abs(s);
  const text = abs < 120 ? `${abs} s` : abs < 7200 ? `${Math.round(abs / 60)} min` : abs < 172800 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86400)} d`;
  return s >= 0 ? `in ${text}` : `${text} ago`;
}

function fill(id: string, rows: HTMLElement[], empty: string, columns: number): void {
  const target = byId(id);
  target.replaceChildren(...(rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: String(columns), class: 'muted none' }, empty))]));
}

const cell = (label: string, ...children: Child[]) => h('td', { 'data-label': label }, ...children);
const tight = (label: string, ...children: Child[]) => h('td', { 'data-label': label, class: 'nowrap' }, ...children);

function chainEvent(e: ChainEvent, now: number): HTMLElement {
  const label =
    e.kind === 'issued' || e.kind === 'rotated'
      ? `${e.kind} ${e.token ?? ''} ${e.at === null ? '' : time(e.at)}${e.state === 'current' || e.state === 'expired' || e.state === 'revoked' ? ` (${e.state})` : ''}`
      : e.kind === 'reused' ? 'reused: family ended' : `revoked${e.detail ? `: ${e.detail}` : ''}`;
  return h('li', { class: e.kind, title: e.detail ?? (e.expires_at ? `expires ${relative(e.expires_at, now)}` : '') }, label.trim());
}

function family(f: FamilyView, now: number): HTMLElement {
  const badge = f.state === 'reused' ? h('span', { class: 'badge bad' }, 'reuse detected') : f.state === 'revoked' ? h('span', { class: 'badge' }, 'revoked') : h('span', { class: 'badge ok' }, 'active');
  return h('li', { class: 'family', 'data-state': f.state, 'data-family': f.id },
    h('div', { class: 'row' }, badge, h('strong', {}, f.client_id), h('span', { class: 'muted small' }, `${f.sub} · ${f.scope} · since ${time(f.created_at)}`)),
    h('ol', { class: 'chain', 'aria-label': 'refresh tokens, oldest first' }, ...f.chain.map((e) => chainEvent(e, now))),
    h('ul', { class: 'access', 'aria-label': 'access tokens' }, ...f.access_tokens.map((a) =>
      h('li', { class: `access-token ${a.state}`, 'data-state': a.state }, 'access ', h('span', { class: 'mono' }, a.token), ' ',
        a.state === 'active' ? `active, expires ${relative(a.expires_at, now)}` : a.state === 'expired' ? `expired ${relative(a.expires_at, now)}` : 'revoked with its family'))),
  );
}

function verdict(r: RequestView): HTMLElement {
  if (r.status === 0) return h('span', { class: 'badge bad' }, 'dropped');
  const cls = r.status >= 500 ? 'bad' : r.status >= 400 || r.error ? 'warn' : 'ok';
  return h('span', { class: `badge ${cls}` }, r.error ?? (r.status >= 300 && r.status < 400 ? 'redirect' : r.status < 300 ? 'ok' : 'refused'));
}

function actionText(a: Record<string, unknown>): string {
  if ('delay_ms' in a) return `delay ${String(a.delay_ms)} ms`;
  if ('drop' in a) return 'drop the connection';
  if ('adversary' in a) return `adversarial answer ${String(a.adversary)}${a.client_id ? ` for ${String(a.client_id)}` : ''}`;
  return `error ${String(a.error)}${a.status ? ` (${String(a.status)})` : ''}`;
}

const VERDICT_CLASS: Record<string, string> = { pass: 'ok', fail: 'bad', warn: 'warn', 'not-observed': '' };

/** One client's row: a badge per observed requirement, then each finding with its ID (CL-*). */
function conformanceRow(c: ClientConformanceView['clients'][number], texts: Map<string, string>): HTMLElement {
  const observed = c.verdicts.filter((x) => x.status !== 'not-observed');
  const findings = c.verdicts.filter((x) => x.status === 'fail' || x.status === 'warn');
  const fails = findings.filter((x) => x.status === 'fail').length;
  return h('tr', { 'data-client': c.clientId, 'data-fails': String(fails) },
    cell('Client', h('strong', {}, c.clientId), h('div', { class: 'muted small' }, c.public ? 'public' : 'confidential')),
    cell('Verdicts', h('ul', { class: 'verdicts' }, ...observed.map((x) =>
      h('li', { class: `badge ${VERDICT_CLASS[x.status] ?? ''}`, 'data-id': x.id, 'data-status': x.status, title: texts.get(x.id) ?? '' }, `${x.id} ${x.status}`)))),
    cell('Findings', findings.length === 0 ? h('span', { class: 'muted' }, observed.length > 0 ? 'none' : 'nothing observed yet') :
      h('ul', { class: 'findings' }, ...findings.flatMap((x) => x.evidence.map((e) => h('li', { 'data-id': x.id }, h('strong', {}, `${x.id} ${x.status}: `), e))))),
  );
}

function render(v: View): void {
  byId('issuer').textContent = v.issuer;
  byId('clock').textContent = v.iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  byId('clock').dataset.now = String(v.now);
  byId('offset').textContent = Math.abs(v.now - Date.now()) > 5000 ? `(${relative(v.now, Date.now()).replace(/^in /, '')} ahead of real time)` : '(real time)';

  byId('family-count').textContent = v.family_count > v.families.length ? `newest ${v.families.length} of ${v.family_count}` : `${v.family_count}`;
  const families = byId('families');
  families.replaceChildren(...(v.families.length > 0 ? v.families.map((f) => family(f, v.now)) : [h('li', { class: 'muted' }, 'none yet: a code flow or a refresh starts one')]));

  byId('request-count').textContent = `${v.requests.length} of ${v.requests_total}`;
  fill('requests', v.requests.map((r) => h('tr', { 'data-status': String(r.status) },
    tight('Time', time(r.time)),
    cell('Request', h('span', { class: 'mono' }, `${r.method} ${r.path}`), r.grant_type ? h('span', { class: 'muted small' }, ` ${r.grant_type}`) : null),
    tight('Status', r.status === 0 ? '—' : String(r.status)),
    cell('Verdict', verdict(r)))), 'none yet', 4);

  const defects = byId('defects');
  byId('defects-note').textContent = v.defects.on.length > 0
    ? 'On since start-up; defects are fixed when the mock starts (authprobe serve --defect NAME) and cannot be switched here.'
    : 'None: the mock is conformant. Defects are fixed when the mock starts (authprobe serve --defect NAME).';
  defects.replaceChildren(...v.defects.on.map((d) => h('li', {}, h('strong', {}, d.name), ` breaks ${d.breaks.join(', ')}: ${d.summary}`)));

  fill('scenarios', v.scenarios.map((s) => h('tr', {}, cell('Endpoint', s.endpoint), cell('Left', String(s.remaining)), cell('Action', actionText(s.action)))), 'none queued', 3);
  const select = byId('scenario-endpoint') as HTMLSelectElement;
  if (select.options.length === 0) select.replaceChildren(...v.scenario_endpoints.map((e) => h('option', { value: e }, e)));

  const conformance = v.client_conformance;
  const texts = new Map(conformance.requirements.map((r) => [r.id, `${r.level}: ${r.text}`]));
  const failing = conformance.clients.filter((c) => c.verdicts.some((x) => x.status === 'fail')).length;
  byId('conformance-count').textContent = conformance.clients.length > 0 ? `${conformance.clients.length} client(s), ${failing} failing` : '';
  fill('conformance', conformance.clients.map((c) => conformanceRow(c, texts)), 'no client has sent an authorization or token request yet', 3);

  fill('clients', v.clients.map((c) => h('tr', {},
    cell('Client', h('strong', {}, c.client_id), c.name && c.name !== c.client_id ? h('div', { class: 'muted small' }, c.name) : null),
    cell('Type', c.client_type), cell('Auth method', c.token_endpoint_auth_method), cell('Grants', c.grant_types.join(', ')),
    cell('Redirect URIs', c.redirect_uris.length > 0 ? h('span', { class: 'mono' }, c.redirect_uris.join(' ')) : '—'),
    cell('Status', h('span', { class: `badge ${c.status === 'active' ? 'ok' : ''}` }, c.status)))), 'none', 6);
}

function say(text: string): void {
  byId('message').textContent = text;
}

/** Same-origin JSON only: the control API refuses anything else. */
async function send(method: string, path: string, body: unknown = {}): Promise<void> {
  try {
    const res = await fetch(path, {
      method, mode: 'same-origin', credentials: 'same-origin',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!res.ok) {
      const answer = (await res.json().catch(() => ({}))) as { error_description?: string; error?: string };
      say(`${method} ${path}: ${res.status} ${answer.error_description ?? answer.error ?? ''}`);
    } else say('');
  } catch (e) {
    say(`${method} ${path}: ${(e as Error).message}`);
  }
}

function install(): void {
  if (window.top === window.self) document.getElementById('framed')?.remove();
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-advance]'))
    b.addEventListener('click', () => void send('POST', '/_mock/clock', { advance_seconds: Number(b.dataset.advance) }));
  byId('advance').addEventListener('click', () => {
    const seconds = Number((byId('advance-seconds') as HTMLInputElement).value);
    if (!Number.isFinite(seconds) || seconds < 0) return say('the clock only moves forward: give a number of seconds, 0 or more');
    void send('POST', '/_mock/clock', { advance_seconds: seconds });
  });
  byId('scenario-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const endpoint = (byId('scenario-endpoint') as HTMLSelectElement).value;
    const kind = (byId('scenario-action') as HTMLSelectElement).value;
    const value = (byId('scenario-value') as HTMLInputElement).value.trim();
    const times = Number((byId('scenario-times') as HTMLInputElement).value);
    const action = kind === 'delay' ? { delay_ms: Number(value) } : kind === 'drop' ? { drop: true } : { error: value };
    void send('POST', '/_mock/scenarios', { endpoint, times, action });
  });
  byId('scenarios-clear').addEventListener('click', () => void send('DELETE', '/_mock/scenarios'));

  const live = byId('live');
  const events = new EventSource('/_mock/dashboard/events');
  events.addEventListener('open', () => { live.textContent = 'connected'; });
  events.addEventListener('error', () => { live.textContent = 'reconnecting…'; });
  events.addEventListener('view', (e) => render(JSON.parse((e as MessageEvent<string>).data) as View));
}

install();
