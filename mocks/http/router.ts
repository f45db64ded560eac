/**
 * Transport-neutral dispatch: one AdapterRequest in, one RouteResult out. The table below is the
 * whole mock: OAuth endpoints, the OAuth control API and the desktop control plane on the HTTP
 * surface (TCP, msw), the desktop data plane on the Unix socket. node-server.ts (both listeners)
 * and msw-handlers.ts are thin adapters over it; mocks/README.md walks through adding a route.
 */
import { desktopErrorAnswer, desktopJson, errorAnswer, html, json, NO_STORE, redirect, withoutHeaders, type Answer } from '../core/answer.js';
import type { AuthorizationServer } from '../core/authorization-server.js';
import type { AuthorizeOutcome } from '../core/authorize.js';
import { DesktopError } from '../core/desktop/errors.js';
import { OAuthError } from '../core/errors.js';
import type { ScenarioAction, ScenarioEndpoint } from '../core/scenarios.js';
import { control, guardControl, type ControlOptions } from './control.js';
import { CORS_METHODS, corsHeaders, originAllowed, preflight } from './cors.js';
import { crossSite, foreignHost, guardBrowser } from './host-guard.js';
import type { DesktopApp } from './desktop/app.js';
import { dashboardRoute, isDashboardPath, observe } from './dashboard/routes.js';
import { CONTROL_PREFIX, desktopControl } from './desktop/control-plane.js';
import { dataPlane } from './desktop/data-plane.js';
import { consentCsp, consentPage, errorPage } from './pages.js';
import { header, type AdapterRequest } from './request.js';
import type { RouteResult } from './route-result.js';

export type { AdapterRequest } from './request.js';
export type { RouteResult } from './route-result.js';

export interface RouterOptions extends ControlOptions {
  /** The authorization server: the HTTP surface. Absent on a desktop-socket-only listener. */
  server?: AuthorizationServer | undefined;
  /** The desktop app: its control plane on the HTTP surface, its data plane on the socket. May be attached later. */
  desktop?: DesktopApp | null | undefined;
  /** The Host names the server answers to (host-guard.ts); unset in-process (msw), where there is no socket to rebind. */
  hostNames?: ReadonlySet<string> | undefined;
}

export interface Router {
  (req: AdapterRequest): Promise<RouteResult>;
  /** The 413 answer in the dialect of the path's surface (the adapter caps bodies before routing). */
  tooLarge(req: Pick<AdapterRequest, 'path' | 'caller'>, limit: number): Answer;
}

type Serve = (req: AdapterRequest, o: RouterOptions, forced: OAuthError | undefined) => RouteResult | Promise<RouteResult>;
type OAuthServe = (server: AuthorizationServer, req: AdapterRequest, forced: OAuthError | undefined) => Answer | Promise<Answer>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TOKEN_ENDPOINTS: ReadonlySet<ScenarioEndpoint> = new Set(['token', 'users-token', 'revoke', 'introspect']);

function scenarioError(endpoint: ScenarioEndpoint, a: { error: string; status?: number; error_description?: string }): Answer {
  const err = new OAuthError(a.error, a.error_description ?? 'answer queued through /_mock/scenarios', a.status ?? 400);
  return errorAnswer(err, TOKEN_ENDPOINTS.has(endpoint) ? { ...NO_STORE } : {});
}

function outcomeAnswer(o: AuthorizeOutcome): Answer {
  if (o.kind === 'redirect') return redirect(o.location);
  if (o.kind === 'consent') return withoutHeaders(html(200, consentPage(o.consentId, o.client, o.request, o.user), consentCsp(o.request.redirectUri)), o.dropHeaders);
  // RFC 6749 §4.1.2.1: no redirect when the client or redirect URI is in doubt
  return html(400, errorPage(o.title, o.message));
}

const getOnly = (method: string, answer: () => Answer): Answer =>
  method === 'GET' || method === 'HEAD'
    ? answer()
    : json(405, { error: 'invalid_request', error_description: 'this endpoint accepts GET only' }, { allow: 'GET' });

const notFound = (path: string): Answer =>
  json(404, { error: 'not_found', error_description: `no route ${path.slice(0, 100)}; see /.well-known/oauth-authorization-server` });

const metadata: OAuthServe = (s, req) => getOnly(req.method, () => json(200, s.metadata(), { 'cache-control': 'public, max-age=60' }));

function registration(s: AuthorizationServer, req: AdapterRequest): Answer {
  let clientId: string | null = null;
  if (req.path !== '/api/v1/applications') {
    const rest = req.path.slice('/api/v1/applications/'.length);
    try {
      clientId = decodeURIComponent(rest);
    } catch {
      clientId = rest;
    }
  }
  return s.registration({ method: req.method, clientId, authorization: req.authorization, contentType: req.contentType, body: req.body });
}

/** The OAuth endpoints by exact path (openapi/oauth.yaml, users-api.yaml), with their scenario name. */
const OAUTH_ROUTES = new Map<string, { serve: OAuthServe; scenario?: ScenarioEndpoint }>([
  ['/oauth/token', { serve: (s, req) => s.token(req), scenario: 'token' }],
  ['/v1beta1/users/oauth2/token', { serve: (s, req) => s.usersToken(req), scenario: 'users-token' }],
  ['/.well-known/oauth-authorization-server', { serve: metadata }],
  ['/.well-known/openid-configuration', { serve: (s, req) => getOnly(req.method, () => json(200, s.openidConfiguration(), { 'cache-control': 'public, max-age=60' })) }],
  ['/jwks.json', { serve: (s, req) => getOnly(req.method, () => json(200, s.jwks())) }],
  ['/oauth/authorize', { serve: (s, req, forced) => getOnly(req.method, () => outcomeAnswer(s.authorize(req.query, forced))), scenario: 'authorize' }],
  ['/oauth/authorize/decision', {
    serve: (s, req) => req.method === 'POST' ? outcomeAnswer(s.decide(req.body)) : json(405, { error: 'invalid_request', error_description: 'use POST' }, { allow: 'POST' }),
  }],
  ['/oauth/revoke', { serve: (s, req) => s.revoke(req), scenario: 'revoke' }],
  ['/oauth/introspect', { serve: (s, req) => s.introspect(req), scenario: 'introspect' }],
  ['/oauth/userinfo', { serve: (s, req) => s.userinfo(req), scenario: 'userinfo' }],
  ['/api/v1/applications', { serve: registration, scenario: 'registration' }],
]);

interface Route { serve: Serve; scenario?: ScenarioEndpoint | undefined }

/** Built once: the hot path (token endpoint) allocates no route object per request. */
const EXACT_ROUTES = new Map<string, Route>(
  [...OAUTH_ROUTES].map(([path, r]) => [path, { scenario: r.scenario, serve: (req, o, forced) => (o.server ? r.serve(o.server, req, forced) : notFound(req.path)) }]),
);

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * Routes by prefix on the HTTP surface, tried in order after the exact ones. Everything under
 * `/_mock/` has passed the control guard (loopback callers, or the control token) first.
 */
const HTTP_PREFIX_ROUTES: readonly (Route & { match(path: string): boolean })[] = [
  {
    match: (path) => path.startsWith('/api/v1/applications/'),
    scenario: 'registration',
    serve: (req, o) => (o.server ? registration(o.server, req) : notFound(req.path)),
  },
  { match: (path) => under(path, CONTROL_PREFIX), serve: (req, o) => (o.desktop ? desktopControl(o.desktop, req) : oauthControl(req, o)) },
  { match: isDashboardPath, serve: (req, o) => (o.server ? dashboardRoute(o.server, req) : notFound(req.path)) },
  { match: (path) => path.startsWith('/_mock/'), serve: (req, o) => oauthControl(req, o) },
];

function oauthControl(req: AdapterRequest, o: RouterOptions): Answer {
  return o.server ? control(o.server, o, req.method, req.path, req.body) : notFound(req.path);
}

/** The Unix socket serves the data plane only (DESKTOP.md), to callers it could identify. */
const socketRoute: Serve = (req, o) =>
  o.desktop ? dataPlane(o.desktop, req) : desktopErrorAnswer(new DesktopError('IntegrationDisabled', 'the desktop channel is not running'));

const onSocket = (req: Pick<AdapterRequest, 'caller'>) => req.caller.process !== null;

export function createRouter(o: RouterOptions): Router {
  const find = (path: string): Route | null => EXACT_ROUTES.get(path) ?? HTTP_PREFIX_ROUTES.find((r) => r.match(path)) ?? null;

  async function route(req: AdapterRequest): Promise<RouteResult> {
    if (onSocket(req)) {
      try {
        return await socketRoute(req, o, undefined);
      } catch (e) {
        return desktopErrorAnswer(e);
      }
    }
    if (req.path.startsWith('/_mock/')) {
      const refused = guardBrowser(req, o.hostNames, under(req.path, CONTROL_PREFIX)) ?? guardControl(o, req.caller.loopback, req.authorization);
      if (refused) return refused;
    }
    if (req.path === '/oauth/authorize/decision' && req.method === 'POST' && !o.server?.ctx.defects.on('consent-cross-site')) { // defect: breaks AZ-5
      // RFC 6749 §10.12: CSRF protection. The form's request_id is a per-request token (random, single use, bound to one
      // authorization request); the origin check (host-guard.ts) binds the post to the page that showed it.
      const why = foreignHost(req, o.hostNames) ?? crossSite(req, true);
      if (why !== null) return html(403, errorPage('Request refused', `This consent form was not submitted from this server's own page: ${why}. Start again from the application.`));
    }
    const cors = CORS_METHODS.has(req.path) && o.server ? header(req, 'origin') : undefined;
    if (cors !== undefined || (req.method === 'OPTIONS' && CORS_METHODS.has(req.path) && o.server)) {
      if (req.method === 'OPTIONS') return preflight(o.server!, req.path, cors);
      if (cors !== undefined && originAllowed(o.server!, cors)) {
        const answer = await routeFound(req);
        return 'status' in answer ? { ...answer, headers: { ...answer.headers, ...corsHeaders(cors) } } : answer;
      }
    }
    return routeFound(req);
  }

  async function routeFound(req: AdapterRequest): Promise<RouteResult> {
    const r = find(req.path);
    if (!r) return notFound(req.path);
    let forced: OAuthError | undefined;
    const action: ScenarioAction | undefined = r.scenario && o.server ? o.server.scenarios.take(r.scenario) : undefined;
    if (action && r.scenario) {
      if ('drop' in action) return { drop: true };
      if ('delay_ms' in action) await sleep(action.delay_ms);
      else if (r.scenario === 'authorize') forced = new OAuthError(action.error, action.error_description ?? 'answer queued through /_mock/scenarios');
      else return scenarioError(r.scenario, action);
    }
    try {
      return await r.serve(req, o, forced);
    } catch {
      // A bug must not become a 5xx (TOK-7): answer a generic invalid_request.
      return json(400, { error: 'invalid_request', error_description: 'the request could not be processed; check its parameters' });
    }
  }

  // The OAuth dashboard's recent requests: one write into a fixed ring per answer (dashboard/routes.ts).
  const observed = (req: AdapterRequest): Promise<RouteResult> =>
    route(req).then((result) => {
      if (!onSocket(req)) observe(o.server, req, result);
      return result;
    });

  return Object.assign(observed, {
    tooLarge(req: Pick<AdapterRequest, 'path' | 'caller'>, limit: number): Answer {
      const kib = `${Math.round(limit / 1024)} KiB`;
      if (onSocket(req) || under(req.path, CONTROL_PREFIX))
        return desktopJson(413, { name: 'PayloadTooLarge', message: `the request body is over ${limit} bytes` });
      return json(413, { error: 'invalid_request', error_description: `the body is larger than the limit of ${kib}` }, { connection: 'close' });
    },
  });
}
