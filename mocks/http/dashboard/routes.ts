/**
 * The OAuth dashboard's routes, under the control guard like all of `/_mock/`:
 * `GET /_mock/` (the page), `GET /_mock/dashboard/state` (the view as JSON) and
 * `GET /_mock/dashboard/events` (Server-Sent Events: one `view` event now and after every change).
 * The view comes from the core (`core/dashboard-view.ts`); this file only carries it.
 */
import { json, type Answer } from '../../core/answer.js';
import type { AuthorizationServer } from '../../core/authorization-server.js';
import { dashboardView } from '../../core/dashboard-view.js';
import type { AdapterRequest } from '../request.js';
import type { EventStream, RouteResult } from '../route-result.js';
import { oauthDashboard } from './page.js';

export const DASHBOARD_PAGE = '/_mock/';
const STATE = '/_mock/dashboard/state';
const EVENTS = '/_mock/dashboard/events';

/** Changes are coalesced: a burst of token requests builds one view, not one per request. */
const COALESCE_MS = 150;
/** Expiry is a matter of time passing, not only of requests: a fresh view this often anyway. */
const REFRESH_MS = 5_000;

export const isDashboardPath = (path: string): boolean => path === DASHBOARD_PAGE || path === STATE || path === EVENTS;

const onlyGet = (): Answer => json(405, { error: 'method_not_allowed', error_description: 'use GET' }, { allow: 'GET' });

function viewStream(server: AuthorizationServer): EventStream {
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' },
    open(send) {
      let pending: ReturnType<typeof setTimeout> | null = null;
      const push = () => {
        pending = null;
        send(`event: view\ndata: ${JSON.stringify(dashboardView(server))}\n\n`);
      };
      const changed = () => {
        if (pending === null) pending = setTimeout(push, COALESCE_MS);
      };
      send('retry: 1000\n: authprobe OAuth dashboard\n\n');
      push();
      const offRequests = server.observed.subscribe(changed);
      const offClock = server.ctx.clock.onChange(changed);
      const refresh = setInterval(push, REFRESH_MS);
      refresh.unref();
      return () => {
        offRequests();
        offClock();
        clearInterval(refresh);
        if (pending !== null) clearTimeout(pending);
      };
    },
  };
}

export function dashboardRoute(server: AuthorizationServer, req: AdapterRequest): RouteResult {
  if (req.method !== 'GET' && req.method !== 'HEAD') return onlyGet();
  if (req.path === DASHBOARD_PAGE) return oauthDashboard();
  if (req.path === STATE) return json(200, dashboardView(server), { 'cache-control': 'no-store' });
  return { stream: viewStream(server) };
}

const TOKEN_PATHS = new Set(['/oauth/token', '/v1beta1/users/oauth2/token']);

/**
 * The router's one call per answered request on the HTTP surface: a write into the ring
 * (core/observed-requests.ts). The dashboard's own requests and event streams are not shown.
 */
export function observe(server: AuthorizationServer | undefined, req: AdapterRequest, result: RouteResult): void {
  if (!server || 'stream' in result || 'hold' in result || isDashboardPath(req.path)) return;
  const form = TOKEN_PATHS.has(req.path) ? req.body : null;
  if ('drop' in result) server.observed.record(server.ctx.clock.now(), req.method, req.path, 0, null, null, form);
  else server.observed.record(server.ctx.clock.now(), req.method, req.path, result.status, result.body, result.headers.location ?? null, form);
}
