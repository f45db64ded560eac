/**
 * msw handlers over the same core as the node:http server, for `setupServer` (global fetch)
 * in other projects' tests. One handler per path of openapi/oauth.yaml and users-api.yaml.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { paths as OAuthPaths } from '../../openapi/generated/oauth.js';
import type { paths as UsersApiPaths } from '../../openapi/generated/users-api.js';
import { AuthorizationServer } from '../core/authorization-server.js';
import { createClock, type Clock } from '../core/clock.js';
import type { MockConfig } from '../core/config.js';
import { demoConfig } from '../core/demo.js';
import type { DefectSet } from '../core/defects.js';
import { MAX_BODY_BYTES } from './node-server.js';
import { createRouter, type AdapterRequest } from './router.js';

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
];

export function oauthHandlers(options: OAuthHandlersOptions = {}): HttpHandler[] {
  const issuer = (options.server?.issuer ?? options.issuer ?? 'http://127.0.0.1:4010').replace(/\/$/, '');
  // Key generation is async and handlers are built synchronously: create the core on first use.
  let router: Promise<ReturnType<typeof createRouter>> | undefined;
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
    ).then((server) => createRouter({ server, controlToken: options.controlToken })));

  const endpoint = (path: Path): HttpHandler =>
    http.all(`${issuer}${path.replace('{client_id}', ':client_id')}`, async ({ request }) => {
      const url = new URL(request.url);
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      if (Buffer.byteLength(body) > MAX_BODY_BYTES)
        return HttpResponse.json({ error: 'invalid_request', error_description: 'the body is larger than the limit of 64 KiB' }, { status: 413 });
      const req: AdapterRequest = {
        method: request.method,
        path: url.pathname,
        query: url.search.slice(1),
        contentType: request.headers.get('content-type') ?? undefined,
        authorization: request.headers.get('authorization') ?? undefined,
        body,
        loopback: true, // in-process
      };
      const result = await (await getRouter())(req);
      if ('drop' in result) return HttpResponse.error();
      return new HttpResponse(result.status === 302 || request.method === 'HEAD' ? null : result.body, {
        status: result.status,
        headers: result.headers,
      });
    });

  return PATHS.map(endpoint);
}
