/**
 * Authorization-step drivers. `redirect`: the server answers the authorization request with a
 * redirect straight to the client; hops on the server's own origin (a consent page that posts
 * back, a login redirect) are followed, nothing off the origin ever is. `module`: the user's
 * module logs in and consents, with the same recording, never-following fetch.
 */
import { pathToFileURL } from 'node:url';
import type { AuthorizeDriver, DriverFetch } from '../drivers/types.js';
import { TargetConfigError } from './errors.js';
import { landing, navigationsOf } from './navigation.js';

/** The server did not send the user agent anywhere off its origin. */
export class AuthorizationRefused extends Error {
  override name = 'AuthorizationRefused';
  constructor(
    readonly status: number | undefined,
    readonly detail: string,
  ) {
    super(`authorization request not redirected${status ? ` (HTTP ${status})` : ''}: ${detail}`);
  }
}

const MAX_HOPS = 10;

export const redirectDriver: AuthorizeDriver = async (authorizationUrl: string, http: DriverFetch) => {
  const origin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  let init: { method?: string; headers?: Record<string, string>; body?: string } = {};
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await http(url, init);
    const text = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const nav = navigationsOf({ method: 'GET', url, requestHeaders: {}, status: res.status, responseHeaders: headers, responseBody: text, durationMs: 0 })[0];
    const to = nav ? landing(nav) : undefined;
    if (!nav || !to) throw new AuthorizationRefused(res.status, text.replace(/\s+/g, ' ').slice(0, 300) || '(empty body)');
    const arrived = to.origin !== origin || to.searchParams.has('code') || to.searchParams.has('error');
    if (arrived) return to.toString();
    if (nav.via === 'form' && nav.method === 'POST' && nav.url) {
      url = nav.url.toString();
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(nav.fields ?? []).toString() };
    } else {
      url = to.toString();
      init = {};
    }
  }
  throw new AuthorizationRefused(undefined, `more than ${MAX_HOPS} redirects on the server's own origin, the last to ${url}`);
};

export async function loadDriverModule(path: string): Promise<AuthorizeDriver> {
  let mod: { authorize?: unknown; default?: { authorize?: unknown } | unknown };
  try {
    mod = (await import(pathToFileURL(path).href)) as typeof mod;
  } catch (err) {
    throw new TargetConfigError(path, [{ path: '$.authorize.module', problem: `cannot be imported (${(err as Error).message})`, fix: 'Check the module path and its syntax.' }]);
  }
  const fn = mod.authorize ?? (mod.default as { authorize?: unknown } | undefined)?.authorize ?? mod.default;
  if (typeof fn !== 'function') {
    throw new TargetConfigError(path, [{ path: '$.authorize.module', problem: 'exports no authorize(url, http) function', fix: 'Export `async function authorize(url, http)` returning the callback URL.' }]);
  }
  return fn as AuthorizeDriver;
}
