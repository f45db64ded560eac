/**
 * The desktop app's side, for tests and people, at `/_mock/desktop/` on the mock's HTTP server
 * (the router admits only loopback callers or the control token to `/_mock/`).
 * Paths and shapes: openapi/desktop-ipc.yaml, tag "control".
 */
import { desktopErrorAnswer, desktopJson, type Answer } from '../../core/answer.js';
import type { DesktopChannel } from '../../core/desktop/channel.js';
import { DesktopError } from '../../core/desktop/errors.js';
import type { Account } from '../../core/desktop/vault.js';
import { header, type AdapterRequest } from '../request.js';
import type { RouteResult } from '../route-result.js';
import type { DesktopApp } from './app.js';
import { dashboardAnswer } from './dashboard.js';
import { eventStream } from './events-stream.js';
import { isJsonObject, parseJsonBody } from './json-body.js';

export const CONTROL_PREFIX = '/_mock/desktop';

function policyView(channel: DesktopChannel) {
  const p = channel.policy;
  return { mode: p.mode, prompt_timeout_seconds: p.promptTimeoutSeconds, scope: p.scope };
}

export function stateView(app: DesktopApp) {
  const { channel } = app;
  const now = channel.clock.now();
  return {
    socket_path: app.socketPath,
    now,
    iso: new Date(now).toISOString(),
    locked: channel.locked,
    integration_enabled: channel.integrationEnabled,
    policy: policyView(channel),
    pending_prompts: channel.prompts().length,
    sessions: channel.sessions().length,
    scenarios: app.faults.scenarios(),
  };
}

// Field values are secrets: the control plane lists field names only.
const accountView = (a: Account) => ({
  id: a.id,
  name: a.name,
  sign_in_address: a.signInAddress,
  vaults: a.vaults.map((v) => ({
    id: v.id, title: v.title, description: v.description,
    items: v.items.map((i) => ({ id: i.id, title: i.title, category: i.category, fields: i.fields.map((f) => ({ id: f.id, title: f.title, fieldType: f.fieldType })) })),
  })),
});

/** A page on another origin must not drive the app (approve a prompt) through a loopback browser. */
function crossSite(req: AdapterRequest): boolean {
  const origin = header(req, 'origin');
  if (origin !== undefined && origin !== `http://${header(req, 'host')}`) return true;
  return header(req, 'sec-fetch-site') === 'cross-site';
}

const ok = (status: number, value: unknown): Answer => desktopJson(status, value);

async function operate(app: DesktopApp, req: AdapterRequest, path: string): Promise<RouteResult> {
  const { channel } = app;
  const { method } = req;
  const is = (m: string, p: string) => method === m && path === p;
  const body = method === 'GET' || method === 'HEAD' ? undefined : parseJsonBody(req.body);
  if (body !== undefined && !isJsonObject(body)) throw new DesktopError('InvalidRequest', 'the request body must be a JSON object');
  const obj = body ?? {};

  // Never inside a frame: a page on another loopback port could otherwise frame the dashboard
  // and trick a person into clicking Approve.
  if (method === 'GET' && (path === '' || path === '/')) return dashboardAnswer();
  if (is('GET', '/state')) return ok(200, stateView(app));
  if (is('GET', '/prompts')) return ok(200, { prompts: channel.prompts() });
  const answer = /^\/prompts\/([A-Za-z0-9_-]{1,64})\/(approve|deny)$/.exec(path);
  if (answer && method === 'POST') {
    const prompt = answer[2] === 'approve' ? channel.approve(answer[1]!) : channel.deny(answer[1]!);
    if (!prompt) throw new DesktopError('PromptNotFound', `no pending prompt has the id ${JSON.stringify(answer[1])}; it may have been answered, timed out or cancelled (GET ${CONTROL_PREFIX}/prompts lists the pending ones)`);
    return ok(200, { prompt });
  }
  if (is('GET', '/policy')) return ok(200, policyView(channel));
  if ((method === 'PUT' || method === 'POST') && path === '/policy') {
    channel.setPolicy(obj);
    return ok(200, policyView(channel));
  }
  if (is('POST', '/lock')) { channel.lock(); return ok(200, stateView(app)); }
  if (is('POST', '/unlock')) { channel.unlock(); return ok(200, stateView(app)); }
  if (is('GET', '/integration')) return ok(200, { enabled: channel.integrationEnabled });
  if ((method === 'POST' || method === 'PUT') && path === '/integration') {
    if (typeof obj.enabled !== 'boolean') throw new DesktopError('InvalidRequest', 'send {"enabled": true|false}');
    channel.setIntegration(obj.enabled);
    return ok(200, { enabled: channel.integrationEnabled });
  }
  if (is('GET', '/activity')) return ok(200, { activity: channel.activity() });
  if (is('GET', '/sessions')) return ok(200, { sessions: channel.sessions() });
  if (is('GET', '/events')) return { stream: eventStream(channel) };
  if (is('GET', '/events/recent')) return ok(200, { events: channel.recentEvents() });
  if (is('GET', '/scenarios')) return ok(200, app.faults.scenarios());
  if (is('POST', '/scenarios')) return ok(200, await app.faults.apply(obj));
  if (is('DELETE', '/scenarios')) return ok(200, await app.faults.clear());
  if (is('POST', '/reset')) {
    channel.reset();
    await app.faults.clear();
    return ok(200, stateView(app));
  }
  if (is('GET', '/accounts')) return ok(200, { accounts: channel.accounts.map(accountView) });
  if (is('POST', '/accounts')) return ok(201, { account: accountView(channel.addAccount(obj)) });
  const vaults = /^\/accounts\/([^/]+)\/vaults$/.exec(path);
  if (vaults && method === 'POST') {
    const v = channel.addVault(decodeURIComponent(vaults[1]!), obj);
    return ok(201, { vault: { id: v.id, title: v.title, description: v.description } });
  }
  const items = /^\/accounts\/([^/]+)\/vaults\/([^/]+)\/items$/.exec(path);
  if (items && method === 'POST') {
    const i = channel.addItem(decodeURIComponent(items[1]!), decodeURIComponent(items[2]!), obj);
    return ok(201, { item: { id: i.id, title: i.title, category: i.category, fields: i.fields.map((f) => ({ id: f.id, title: f.title, fieldType: f.fieldType })) } });
  }
  throw new DesktopError('NotFound', `no control operation ${method} ${CONTROL_PREFIX}${path}; see openapi/desktop-ipc.yaml`);
}

/** `req.path` is `/_mock/desktop` or below it (the router checked). */
export async function desktopControl(app: DesktopApp, req: AdapterRequest): Promise<RouteResult> {
  try {
    if (crossSite(req)) throw new DesktopError('ForbiddenOrigin', 'the desktop control plane answers only same-origin pages and non-browser clients');
    return await operate(app, req, req.path.slice(CONTROL_PREFIX.length));
  } catch (e) {
    return desktopErrorAnswer(e);
  }
}
