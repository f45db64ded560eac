/**
 * Transport-neutral dispatch: one parsed request in, one answer (or "drop the connection")
 * out. The node:http server and the msw handlers are thin adapters over this.
 */
import { errorAnswer, html, json, NO_STORE, redirect, type Answer } from '../core/answer.js';
import type { AuthorizationServer } from '../core/authorization-server.js';
import type { AuthorizeOutcome } from '../core/authorize.js';
import { OAuthError } from '../core/errors.js';
import type { EndpointRequest } from '../core/request.js';
import type { ScenarioAction, ScenarioEndpoint } from '../core/scenarios.js';
import { control, guardControl, type ControlOptions } from './control.js';
import { consentHeaders, consentPage, errorPage } from './pages.js';

export interface AdapterRequest extends EndpointRequest {
  /** The path without query, e.g. `/oauth/token`. */
  path: string;
  /** Whether the caller connected from a loopback address (in-process callers count). */
  loopback: boolean;
}

export type RouteResult = Answer | { drop: true };

export interface RouterOptions extends ControlOptions {
  server: AuthorizationServer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TOKEN_ENDPOINTS: ReadonlySet<ScenarioEndpoint> = new Set(['token', 'users-token', 'revoke', 'introspect']);

function scenarioError(endpoint: ScenarioEndpoint, a: { error: string; status?: number; error_description?: string }): Answer {
  const err = new OAuthError(a.error, a.error_description ?? 'answer queued through /_mock/scenarios', a.status ?? 400);
  return errorAnswer(err, TOKEN_ENDPOINTS.has(endpoint) ? { ...NO_STORE } : {});
}

function outcomeAnswer(o: AuthorizeOutcome): Answer {
  if (o.kind === 'redirect') return redirect(o.location);
  if (o.kind === 'consent') return html(200, consentPage(o.consentId, o.client, o.request, o.user), consentHeaders(o.request.redirectUri));
  // RFC 6749 §4.1.2.1: no redirect when the client or redirect URI is in doubt
  return html(400, errorPage(o.title, o.message));
}

const getOnly = (method: string, answer: () => Answer): Answer =>
  method === 'GET' || method === 'HEAD'
    ? answer()
    : json(405, { error: 'invalid_request', error_description: 'this endpoint accepts GET only' }, { allow: 'GET' });

function endpointOf(path: string): ScenarioEndpoint | null {
  switch (path) {
    case '/oauth/token': return 'token';
    case '/oauth/authorize': return 'authorize';
    case '/oauth/revoke': return 'revoke';
    case '/oauth/introspect': return 'introspect';
    case '/oauth/userinfo': return 'userinfo';
    case '/v1beta1/users/oauth2/token': return 'users-token';
    default:
      return path === '/api/v1/applications' || path.startsWith('/api/v1/applications/') ? 'registration' : null;
  }
}

export function createRouter(o: RouterOptions): (req: AdapterRequest) => Promise<RouteResult> {
  const { server } = o;

  async function dispatch(req: AdapterRequest, forced: OAuthError | undefined): Promise<Answer> {
    switch (req.path) {
      case '/oauth/token': return server.token(req);
      case '/v1beta1/users/oauth2/token': return server.usersToken(req);
      case '/.well-known/oauth-authorization-server':
      case '/.well-known/openid-configuration':
        return getOnly(req.method, () => json(200, server.metadata(), { 'cache-control': 'public, max-age=60' }));
      case '/jwks.json': return getOnly(req.method, () => json(200, server.jwks()));
      case '/oauth/authorize':
        return getOnly(req.method, () => outcomeAnswer(server.authorize(req.query, forced)));
      case '/oauth/authorize/decision':
        if (req.method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'use POST' }, { allow: 'POST' });
        return outcomeAnswer(server.decide(req.body));
      case '/oauth/revoke': return server.revoke(req);
      case '/oauth/introspect': return server.introspect(req);
      case '/oauth/userinfo': return server.userinfo(req);
    }
    if (req.path === '/api/v1/applications' || req.path.startsWith('/api/v1/applications/')) {
      const rest = req.path.slice('/api/v1/applications/'.length);
      let clientId: string | null = null;
      if (req.path !== '/api/v1/applications') {
        try {
          clientId = decodeURIComponent(rest);
        } catch {
          clientId = rest;
        }
      }
      return server.registration({ method: req.method, clientId, authorization: req.authorization, contentType: req.contentType, body: req.body });
    }
    if (req.path.startsWith('/_mock/')) {
      return guardControl(o, req.loopback, req.authorization) ?? control(server, o, req.method, req.path, req.body);
    }
    return json(404, { error: 'not_found', error_description: `no route ${req.path.slice(0, 100)}; see /.well-known/oauth-authorization-server` });
  }

  return async function route(req: AdapterRequest): Promise<RouteResult> {
    const endpoint = endpointOf(req.path);
    const action: ScenarioAction | undefined = endpoint ? server.scenarios.take(endpoint) : undefined;
    let forced: OAuthError | undefined;
    if (action && endpoint) {
      if ('drop' in action) return { drop: true };
      if ('delay_ms' in action) await sleep(action.delay_ms);
      else if (endpoint === 'authorize') forced = new OAuthError(action.error, action.error_description ?? 'answer queued through /_mock/scenarios');
      else return scenarioError(endpoint, action);
    }
    try {
      return await dispatch(req, forced);
    } catch {
      // A bug must not become a 5xx (TOK-7): answer a generic invalid_request.
      return json(400, { error: 'invalid_request', error_description: 'the request could not be processed; check its parameters' });
    }
  };
}
