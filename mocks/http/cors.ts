/**
 * CORS for the endpoints a browser-based client calls itself (RFC 9700 §2.1.1 / the
 * browser-based-apps BCP: a single-page app is a public client that redeems its code and
 * refreshes in the page): token, revocation and userinfo. An origin is allowed when it is the
 * origin of a registered redirect URI, as certified servers do. The control API never gets CORS.
 */
import type { Answer } from '../core/answer.js';
import type { AuthorizationServer } from '../core/authorization-server.js';

/** The paths with CORS, and the methods a page may use on each. */
export const CORS_METHODS: ReadonlyMap<string, string> = new Map([
  ['/oauth/token', 'POST'],
  ['/oauth/revoke', 'POST'],
  ['/oauth/userinfo', 'GET, POST'],
]);

const ALLOWED_HEADERS = 'authorization, content-type, dpop';

/** Whether `origin` is the origin of some registered redirect URI (http/https ones have one). */
export function originAllowed(server: AuthorizationServer, origin: string): boolean {
  if (origin === 'null') return false;
  for (const client of server.ctx.store.clients.values()) {
    if (client.status !== 'active') continue;
    for (const uri of client.redirect_uris) {
      if (!uri.startsWith('http')) continue;
      try {
        if (new URL(uri).origin === origin) return true;
      } catch { /* registration checked it */ }
    }
  }
  return false;
}

/** The headers an allowed origin's actual request gets. */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'www-authenticate, dpop-nonce', vary: 'origin' };
}

/** The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export function preflight(server: AuthorizationServer, path: string, origin: string | undefined): Answer {
  const methods = CORS_METHODS.get(path)!;
  if (origin === undefined || !originAllowed(server, origin))
    return {
      status: 403,
      headers: { 'content-type': 'application/json; charset=utf-8', vary: 'origin' },
      body: JSON.stringify({ error: 'invalid_request', error_description: `origin ${JSON.stringify((origin ?? '(none)').slice(0, 100))} is not the origin of a registered redirect URI; register one to call ${path} from a page` }),
    };
  return {
    status: 204,
    headers: { ...corsHeaders(origin), 'access-control-allow-methods': methods, 'access-control-allow-headers': ALLOWED_HEADERS, 'access-control-max-age': '600', allow: `${methods}, OPTIONS` },
    body: '',
  };
}
