/**
 * Authorize driver for panva's oidc-provider: passes its login and consent pages over plain
 * HTTP the way a browser would, and returns where the server finally redirects.
 *
 * Use it from a target file:
 *   { "authorize": { "mode": "module", "module": "<path to this file, relative to the target file>" } }
 *
 * Pointing it at your own oidc-provider deployment:
 * - Sign-in: the driver submits the first form on each interaction page. On a page with a
 *   password input it fills the text input named `login` (AUTHPROBE_OIDC_LOGIN_FIELD) with
 *   AUTHPROBE_OIDC_LOGIN and the input named `password` (AUTHPROBE_OIDC_PASSWORD_FIELD) with
 *   AUTHPROBE_OIDC_PASSWORD; every other field keeps the value the page gave it (hidden
 *   `prompt`, CSRF tokens, ...). Consent pages are submitted as they are (= "allow").
 *   These are the field names of oidc-provider's devInteractions; with those, any login
 *   works. Defaults: login `alice`, password `alice-test-password` (the test user of
 *   suites/peers/oidc-provider.ts).
 * - AUTHPROBE_OIDC_MAX_HOPS (default 20): requests before giving up.
 * - Or write a two-line module of your own:
 *     import { createOidcProviderDriver } from '<path to>/suites/drivers/oidc-provider.mjs';
 *     export const authorize = createOidcProviderDriver({ login: 'me', password: process.env.PW });
 *
 * Rules it keeps: it follows redirects and submits forms only on the authorization server's
 * origin; a redirect anywhere else (the client's redirect_uri, or any other place) is
 * returned, never requested; so is a redirect to the request's redirect_uri on the server's
 * own origin. It carries the server's cookies itself (path- and expiry-aware jar). It never
 * sends credentials to another origin. It stops after `maxHops` requests with an error.
 */

/** A failure to pass the interaction, with the OAuth-style `code` and the HTTP status seen. */
export class OidcProviderDriverError extends Error {
  /**
   * @param {string} code one of: login_failed, no_form, unexpected_response, too_many_hops, bad_request_url, off_origin_form
   * @param {string} message
   * @param {{ status?: number, url?: string }} [detail]
   */
  constructor(code, message, detail = {}) {
    super(message);
    this.name = 'OidcProviderDriverError';
    this.code = code;
    this.status = detail.status;
    this.url = detail.url;
  }
}

const DEFAULTS = Object.freeze({
  login: 'alice',
  password: 'alice-test-password',
  loginField: 'login',
  passwordField: 'password',
  maxHops: 20,
});
const MAX_PAGE = 256 * 1024;

// ---------------------------------------------------------------- cookies (RFC 6265, subset)

/** Set-Cookie headers of a response; getSetCookie() where available, else a careful split. */
function setCookieHeaders(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  // Split on commas that start a new `name=` pair, not those inside `Expires=Thu, 01 Jan`.
  return joined ? joined.split(/,\s*(?=[^;,=\s]+=)/) : [];
}

export function createCookieJar() {
  /** @type {Map<string, { name: string, value: string, path: string, expires: number }>} */
  const cookies = new Map();
  return {
    /** Stores the cookies a response from `url` sets. */
    store(headers, url) {
      const now = Date.now();
      for (const line of setCookieHeaders(headers)) {
        const [pair = '', ...attrs] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        // Default-path (RFC 6265 §5.1.4): the request path up to its last '/'.
        let path = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';
        let expires = Infinity;
        for (const attr of attrs) {
          const [k = '', ...rest] = attr.split('=');
          const key = k.trim().toLowerCase();
          const v = rest.join('=').trim();
          if (key === 'path' && v.startsWith('/')) path = v;
          else if (key === 'max-age' && /^-?\d+$/.test(v)) expires = now + Number(v) * 1000;
          else if (key === 'expires' && expires === Infinity) {
            const t = Date.parse(v);
            if (!Number.isNaN(t)) expires = t;
          }
        }
        const id = `${name};${path}`;
        if (expires <= now) cookies.delete(id);
        else cookies.set(id, { name, value, path, expires });
      }
    },
    /** The Cookie header for a request to `url` (same origin assumed by the caller). */
    header(url) {
      const now = Date.now();
      const matching = [];
      for (const [id, c] of cookies) {
        if (c.expires <= now) {
          cookies.delete(id);
          continue;
        }
        const p = url.pathname;
        const pathMatches = p === c.path || (p.startsWith(c.path) && (c.path.endsWith('/') || p[c.path.length] === '/'));
        if (pathMatches) matching.push(c);
      }
      // Longer paths first (RFC 6265 §5.4 step 2).
      matching.sort((a, b) => b.path.length - a.path.length);
      return matching.map((c) => `${c.name}=${c.value}`).join('; ');
    },
    get size() {
      return cookies.size;
    },
  };
}

// ---------------------------------------------------------------- forms

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attributes(tag) {
  const out = {};
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  let m;
  while ((m = re.exec(tag))) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** The forms of a page: action, method and the fields a browser would submit. */
export function parseForms(html) {
  const forms = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form\s*>/gi)) {
    const attrs = attributes(m[1]);
    const fields = [];
    let hasPassword = false;
    let submitter;
    for (const el of m[2].matchAll(/<(input|button)\b([^>]*)>/gi)) {
      const a = attributes(el[2]);
      const type = (a.type ?? (el[1].toLowerCase() === 'button' ? 'submit' : 'text')).toLowerCase();
      if (type === 'password') hasPassword = true;
      if (type === 'submit' || type === 'image') {
        if (!submitter && a.name) submitter = [a.name, a.value ?? ''];
        continue;
      }
      if (type === 'button' || type === 'reset' || type === 'file' || !a.name) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      fields.push({ name: a.name, type, value: a.value ?? (type === 'checkbox' ? 'on' : '') });
    }
    forms.push({
      action: attrs.action ?? '',
      method: (attrs.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      fields,
      submitter,
      hasPassword,
    });
  }
  return forms;
}

function pageExcerpt(html) {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const text = decodeEntities(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return (title ? `${decodeEntities(title).trim()}: ` : '') + text.slice(0, 200);
}

// ---------------------------------------------------------------- the driver

function sameEndpoint(a, b) {
  return a.origin === b.origin && a.pathname === b.pathname;
}

async function readPage(res) {
  const text = await res.text();
  return text.length > MAX_PAGE ? text.slice(0, MAX_PAGE) : text;
}

/**
 * @param {{ login?: string, password?: string, loginField?: string, passwordField?: string, maxHops?: number }} [options]
 * @returns {(authorizationUrl: string, http: (url: string | URL, init?: { method?: string, headers?: Record<string, string>, body?: string }) => Promise<Response>) => Promise<string>}
 */
export function createOidcProviderDriver(options = {}) {
  const opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (!Number.isInteger(opts.maxHops) || opts.maxHops < 1) {
    throw new TypeError(`maxHops must be a positive integer, got ${String(opts.maxHops)}`);
  }

  return async function authorize(authorizationUrl, http) {
    let current;
    try {
      current = new URL(authorizationUrl);
    } catch {
      throw new OidcProviderDriverError('bad_request_url', `not an absolute URL: ${String(authorizationUrl)}`);
    }
    const origin = current.origin;
    const redirectParam = current.searchParams.get('redirect_uri');
    const redirectUri = redirectParam && URL.canParse(redirectParam) ? new URL(redirectParam) : undefined;
    const jar = createCookieJar();
    let method = 'GET';
    let body;
    let sentCredentials = false;

    for (let hop = 0; hop < opts.maxHops; hop++) {
      const headers = { accept: 'text/html,application/xhtml+xml' };
      const cookie = jar.header(current);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await http(current, { method, headers, body });
      jar.store(res.headers, current);

      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400) {
        if (!location) {
          throw new OidcProviderDriverError('unexpected_response', `${method} ${current.href} answered ${res.status} without a Location header`, { status: res.status, url: current.href });
        }
        const next = new URL(location, current);
        // Off the server's origin, or at the client's own redirect_uri: that is the answer.
        if (next.origin !== origin || (redirectUri && sameEndpoint(next, redirectUri))) return next.href;
        await res.body?.cancel();
        current = next;
        method = 'GET';
        body = undefined;
        continue;
      }

      const type = res.headers.get('content-type') ?? '';
      const page = await readPage(res);
      const form = type.includes('html') ? parseForms(page).find((f) => f.method === 'POST') ?? parseForms(page)[0] : undefined;
      if (!form) {
        throw new OidcProviderDriverError(
          'no_form',
          `the server answered ${res.status} (${type || 'no content type'}) with neither a redirect nor a form to submit: ${pageExcerpt(page)} [${method} ${current.href}]`,
          { status: res.status, url: current.href },
        );
      }
      // Whether the server re-renders the form or redirects back to it, a second sign-in
      // form after the credentials went out means they were refused.
      if (form.hasPassword && sentCredentials) {
        throw new OidcProviderDriverError('login_failed', `the server showed the sign-in form again after login "${opts.login}" was submitted (${res.status}): ${pageExcerpt(page)}. Set AUTHPROBE_OIDC_LOGIN/AUTHPROBE_OIDC_PASSWORD or pass { login, password }.`, { status: res.status, url: current.href });
      }
      const action = new URL(form.action || current.href, current);
      if (action.origin !== origin) {
        throw new OidcProviderDriverError('off_origin_form', `the page at ${current.href} submits to another origin (${action.origin}); the driver does not post there`, { status: res.status, url: current.href });
      }

      const params = new URLSearchParams();
      for (const f of form.fields) {
        if (form.hasPassword && f.name === opts.loginField) params.append(f.name, opts.login);
        else if (form.hasPassword && f.name === opts.passwordField) params.append(f.name, opts.password);
        else params.append(f.name, f.value);
      }
      if (form.submitter) params.append(form.submitter[0], form.submitter[1]);
      sentCredentials ||= form.hasPassword;

      if (form.method === 'POST') {
        method = 'POST';
        body = params.toString();
        current = action;
      } else {
        method = 'GET';
        body = undefined;
        action.search = params.toString();
        current = action;
      }
    }
    throw new OidcProviderDriverError('too_many_hops', `gave up after ${opts.maxHops} requests without reaching the client's redirect_uri (last: ${current.href}); raise AUTHPROBE_OIDC_MAX_HOPS if the sign-in really takes more`, { url: current.href });
  };
}

function fromEnv() {
  const env = globalThis.process?.env ?? {};
  const hops = env.AUTHPROBE_OIDC_MAX_HOPS;
  return {
    login: env.AUTHPROBE_OIDC_LOGIN,
    password: env.AUTHPROBE_OIDC_PASSWORD,
    loginField: env.AUTHPROBE_OIDC_LOGIN_FIELD,
    passwordField: env.AUTHPROBE_OIDC_PASSWORD_FIELD,
    maxHops: hops === undefined ? undefined : Number(hops),
  };
}

/** The driver the target file names: options from the environment (read per call). */
export function authorize(authorizationUrl, http) {
  return createOidcProviderDriver(fromEnv())(authorizationUrl, http);
}

export default authorize;
