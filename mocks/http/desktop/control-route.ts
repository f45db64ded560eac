/**
 * The desktop app's side, for tests and people: mounted under `/_mock/desktop/` on the mock's
 * HTTP server (which already admits only loopback callers or the control token).
 * Paths and shapes: openapi/desktop-ipc.yaml, tag "control".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DesktopChannel } from '../../core/desktop/channel.js';
import { DesktopError } from '../../core/desktop/errors.js';
import { DesktopConfigError, type Account } from '../../core/desktop/vault.js';
import type { MountedRoute } from '../routes.js';
import { dashboardHtml } from './dashboard.js';
import { streamEvents } from './events-stream.js';
import { readJson, sendJson } from './http-json.js';

export const CONTROL_PREFIX = '/_mock/desktop';

export interface ScenarioView { drop: number; refuse: boolean; rate_limit: number }

export interface TransportFaults {
  scenarios(): ScenarioView;
  /** `{drop?: N, refuse?: bool, rate_limit?: N}`; throws DesktopConfigError on bad input. */
  apply(input: unknown): Promise<ScenarioView>;
  clear(): Promise<ScenarioView>;
}

export interface ControlContext { channel: DesktopChannel; faults: TransportFaults; socketPath: string }

class ControlError extends Error {
  constructor(readonly status: number, override readonly name: string, message: string) { super(message); }
}

function policyView(channel: DesktopChannel) {
  const p = channel.policy;
  return { mode: p.mode, prompt_timeout_seconds: p.promptTimeoutSeconds };
}

export function stateView(ctx: ControlContext) {
  const { channel } = ctx;
  const now = channel.clock.now();
  return {
    socket_path: ctx.socketPath,
    now,
    iso: new Date(now).toISOString(),
    locked: channel.locked,
    integration_enabled: channel.integrationEnabled,
    policy: policyView(channel),
    pending_prompts: channel.prompts().length,
    sessions: channel.sessions().length,
    scenarios: ctx.faults.scenarios(),
  };
}

// Field values are secrets: the control plane lists field names only.
const accountView = (a: Account) => ({
  id: a.id,
  name: a.name,
  vaults: a.vaults.map((v) => ({
    id: v.id, title: v.title, description: v.description,
    items: v.items.map((i) => ({ id: i.id, title: i.title, category: i.category, fields: i.fields.map((f) => ({ id: f.id, title: f.title, fieldType: f.fieldType })) })),
  })),
});

/** A page on another origin must not drive the app (approve a prompt) through a loopback browser. */
function crossSite(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return true;
  return req.headers['sec-fetch-site'] === 'cross-site';
}

async function route(ctx: ControlContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const { channel } = ctx;
  const method = req.method ?? 'GET';
  const is = (m: string, p: string) => method === m && path === p;
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readJson(req);
  const obj = (body ?? {}) as Record<string, unknown>;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new ControlError(400, 'InvalidRequest', 'the request body must be a JSON object');
  }

  if (method === 'GET' && (path === '' || path === '/')) {
    // Never inside a frame: a page on another loopback port could otherwise frame the dashboard
    // and trick a person into clicking Approve.
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    });
    res.end(dashboardHtml());
    return;
  }
  if (is('GET', '/state')) return sendJson(res, 200, stateView(ctx));
  if (is('GET', '/prompts')) return sendJson(res, 200, { prompts: channel.prompts() });
  const answer = /^\/prompts\/([A-Za-z0-9_-]{1,64})\/(approve|deny)$/.exec(path);
  if (answer && method === 'POST') {
    const prompt = answer[2] === 'approve' ? channel.approve(answer[1]!) : channel.deny(answer[1]!);
    if (!prompt) throw new ControlError(404, 'PromptNotFound', `no pending prompt has the id ${JSON.stringify(answer[1])}; it may have been answered, timed out or cancelled (GET ${CONTROL_PREFIX}/prompts lists the pending ones)`);
    return sendJson(res, 200, { prompt });
  }
  if (is('GET', '/policy')) return sendJson(res, 200, policyView(channel));
  if ((method === 'PUT' || method === 'POST') && path === '/policy') {
    channel.setPolicy(obj);
    return sendJson(res, 200, policyView(channel));
  }
  if (is('POST', '/lock')) { channel.lock(); return sendJson(res, 200, stateView(ctx)); }
  if (is('POST', '/unlock')) { channel.unlock(); return sendJson(res, 200, stateView(ctx)); }
  if (is('GET', '/integration')) return sendJson(res, 200, { enabled: channel.integrationEnabled });
  if ((method === 'POST' || method === 'PUT') && path === '/integration') {
    if (typeof obj.enabled !== 'boolean') throw new ControlError(400, 'InvalidRequest', 'send {"enabled": true|false}');
    channel.setIntegration(obj.enabled);
    return sendJson(res, 200, { enabled: channel.integrationEnabled });
  }
  if (is('GET', '/activity')) return sendJson(res, 200, { activity: channel.activity() });
  if (is('GET', '/sessions')) return sendJson(res, 200, { sessions: channel.sessions() });
  if (is('GET', '/events')) return streamEvents(channel, req, res);
  if (is('GET', '/events/recent')) return sendJson(res, 200, { events: channel.recentEvents() });
  if (is('GET', '/scenarios')) return sendJson(res, 200, ctx.faults.scenarios());
  if (is('POST', '/scenarios')) return sendJson(res, 200, await ctx.faults.apply(obj));
  if (is('DELETE', '/scenarios')) return sendJson(res, 200, await ctx.faults.clear());
  if (is('POST', '/reset')) {
    channel.reset();
    await ctx.faults.clear();
    return sendJson(res, 200, stateView(ctx));
  }
  if (is('GET', '/accounts')) return sendJson(res, 200, { accounts: channel.accounts.map(accountView) });
  if (is('POST', '/accounts')) return sendJson(res, 201, { account: accountView(channel.addAccount(obj)) });
  const vaults = /^\/accounts\/([^/]+)\/vaults$/.exec(path);
  if (vaults && method === 'POST') {
    const v = channel.addVault(decodeURIComponent(vaults[1]!), obj);
    return sendJson(res, 201, { vault: { id: v.id, title: v.title, description: v.description } });
  }
  const items = /^\/accounts\/([^/]+)\/vaults\/([^/]+)\/items$/.exec(path);
  if (items && method === 'POST') {
    const i = channel.addItem(decodeURIComponent(items[1]!), decodeURIComponent(items[2]!), obj);
    return sendJson(res, 201, { item: { id: i.id, title: i.title, category: i.category, fields: i.fields.map((f) => ({ id: f.id, title: f.title, fieldType: f.fieldType })) } });
  }
  throw new ControlError(404, 'NotFound', `no control operation ${method} ${CONTROL_PREFIX}${path}; see openapi/desktop-ipc.yaml`);
}

export function createControlRoute(ctx: ControlContext): MountedRoute {
  return {
    // Without the slash, so that `/_mock/desktop` (the dashboard) is ours too; `handle` refuses `/_mock/desktopX`.
    prefix: CONTROL_PREFIX,
    async handle(req, res, url) {
      if (url.pathname !== CONTROL_PREFIX && !url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return false;
      const path = url.pathname.slice(CONTROL_PREFIX.length);
      try {
        if (crossSite(req)) throw new ControlError(403, 'ForbiddenOrigin', 'the desktop control plane answers only same-origin pages and non-browser clients');
        await route(ctx, req, res, path);
      } catch (e) {
        if (e instanceof ControlError) sendJson(res, e.status, { name: e.name, message: e.message });
        else if (e instanceof DesktopError) sendJson(res, e.status, e.toJSON());
        else if (e instanceof DesktopConfigError) sendJson(res, 400, { name: 'InvalidRequest', message: e.message });
        else sendJson(res, 400, { name: 'InvalidRequest', message: e instanceof Error ? e.message : 'the request could not be handled' });
      }
      return true;
    },
  };
}
