/**
 * The authorization-step driver: a module that a target file names with
 * `{"authorize": {"mode": "module", "module": "./login.mjs"}}`. It exports
 * `authorize(url, http)`, gets the full authorization request URL, logs in and consents the
 * way the server's pages require, and returns the URL the server finally redirected to
 * (the client's redirect_uri with `code`/`error`, `state`, `iss`).
 */
export type DriverFetch = (
  url: string | URL,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<Response>;

/**
 * `http` is WHATWG fetch with `redirect: 'manual'` always (the driver follows redirects
 * itself and must stop at the redirect_uri, which need not be reachable) and the suite's
 * per-request timeout applied. Cookies are the driver's business.
 */
export type AuthorizeDriver = (authorizationUrl: string, http: DriverFetch) => Promise<string>;
