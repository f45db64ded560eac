/**
 * msw handlers over the same router as the node:http server, for `setupServer` (global fetch)
 * in other projects' tests: one handler per path of openapi/oauth.yaml and users-api.yaml, and,
 * given a desktop app, its control plane (openapi/desktop-ipc.yaml, tag "control").
 */
import type { HttpHandler } from 'msw';
import type { paths as OAuthPaths } from '../../openapi/generated/oauth.js';
import type { paths as UsersApiPaths } from '../../openapi/generated/users-api.js';
import { AuthorizationServer } from '../core/authorization-server.js';
import { createClock, type Clock } from '../core/clock.js';
import type { MockConfig } from '../core/config.js';
import { demoConfig } from '../core/demo.js';
import type { DefectSet } from '../core/defects.js';
import { MAX_BODY_BYTES } from './body-limit.js';
import type { DesktopApp } from './desktop/app.js';
import { CONTROL_PREFIX } from './desktop/control-plane.js';
import { LOOPBACK_CALLER, type AdapterRequest } from './request.js';
import type { RouteResult } from './route-result.js';
import { createRouter, type Router } from './router.js';

// msw is an optional peer: loaded with this module, and needed only when handlers are built, so
// that the CLI and the socket server run in an install without it.
const msw = (await import('msw').catch(() => undefined)) as typeof import('msw') | undefined;

function mswOrThrow(): typeof import('msw') {
  if (!msw) throw new Error('oauthHandlers() builds msw handlers: install msw (npm install --save-dev msw) in the project that uses them');
  return msw;
}

export interface OAuthHandlersOptions {
  /** Origin the handlers answer for; default `http://127.0.0.1:4010`. */
  issuer?: string;
  /** An existing core instance (shares state with a socket server); otherwise one is created. */
  server?: AuthorizationServer;
  config?: MockConfig;
  consent?: 'page' | 'auto';
  defects?: readonly string[] | DefectSet;
  clock?: Clock;
  controlToken?: string;
  /**
   * The desktop app whose control plane (`/_mock/desktop/...`) these handlers serve too, e.g.
   * `desktopAppInProcess(channel)`. The data plane needs a socket peer and stays on the socket.
   */
  desktop?: DesktopApp;
}

type Path = keyof OAuthPaths | keyof UsersApiPaths;

/** Every documented path; `{client_id}` becomes an msw path parameter. */
const PATHS: readonly Path[] = [
  '/.well-known/oauth-authorization-server',
  '/.well-known/openid-configuration',
  '/jwks.json',
  '/oauth/authorize',
  '/oauth/authorize/decision',
  '/oauth/token',
  '/oauth/revoke',
  '/oauth/introspect',
  '/oauth/userinfo',
  '/api/v1/applications',
  '/api/v1/applications/{client_id}',
  '/v1beta1/users/oauth2/token',
  '/_mock/clock',
  '/_mock/reset',
  '/_mock/clients',
  '/_mock/families',
  '/_mock/scenarios',
  '/_mock/client-report',
];

/** The router's answer as a Fetch Response: msw's side of the adapter contract. */
function toResponse(request: Request, result: RouteResult): Response {
  const { HttpResponse } = mswOrThrow();
  if ('drop' in result || 'hold' in result) return HttpResponse.error();
  if ('stream' in result) {
    const { stream } = result;
    const encoder = new TextEncoder();
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stop = stream.open((chunk) => controller.enqueue(encoder.encode(chunk)));
        request.signal.addEventListener('abort', () => stop(), { once: true });
      },
      cancel: () => stop(),
    });
    return new HttpResponse(body, { status: stream.status, headers: stream.headers });
  }
  return new HttpResponse(result.status === 302 || request.method === 'HEAD' ? null : result.body, { status: result.status, headers: result.headers });
}

/** A Fetch Request as the router's plain request; msw callers are in-process, hence loopback. */
async function toAdapterRequest(request: Request): Promise<AdapterRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  headers.host ??= url.host;
  return {
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    contentType: headers['content-type'],
    authorization: headers.authorization,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
    caller: LOOPBACK_CALLER,
    signal: request.signal,
  };
}

export function oauthHandlers(options: OAuthHandlersOptions = {}): HttpHandler[] {
  const issuer = (options.server?.issuer ?? options.issuer ?? 'http://127.0.0.1:4010').replace(/\/$/, '');
  // Key generation is async and handlers are built synchronously: create the core on first use.
  let router: Promise<Router> | undefined;
  const getRouter = () =>
    (router ??= (options.server
      ? Promise.resolve(options.server)
      : AuthorizationServer.create({
          issuer,
          config: options.config ?? demoConfig,
          clock: options.clock ?? createClock(),
          ...(options.defects !== undefined ? { defects: options.defects } : {}),
          consent: options.consent ?? 'page',
        })
    ).then((server) => createRouter({ server, controlToken: options.controlToken, desktop: options.desktop ?? null })));

  const endpoint = (path: string): HttpHandler =>
    mswOrThrow().http.all(`${issuer}${path}`, async ({ request }) => {
      const req = await toAdapterRequest(request);
      const route = await getRouter();
      if (Buffer.byteLength(req.body) > MAX_BODY_BYTES) return toResponse(request, route.tooLarge(req, MAX_BODY_BYTES));
      return toResponse(request, await route(req));
    });

  const paths: string[] = PATHS.map((p) => p.replace('{client_id}', ':client_id'));
  if (options.desktop) paths.push(CONTROL_PREFIX, `${CONTROL_PREFIX}/*`);
  return paths.map(endpoint);
}
