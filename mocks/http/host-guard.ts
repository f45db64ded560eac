/**
 * What keeps a web page from driving the mock through the user's browser (issue 12):
 * - DNS rebinding: a page on attacker.example whose name now resolves to 127.0.0.1 reaches the
 *   mock same-origin, but its requests still carry `Host: attacker.example`. Only the names the
 *   server answers to pass (bind address, loopback names, the public issuer's host).
 * - Cross-site requests: browsers send `Origin` on every write and `Sec-Fetch-Site` on every
 *   request; anything not from the server's own origin is refused.
 * - Writes carry JSON: a page can send form and text/plain bodies cross-site without a
 *   preflight, never `application/json`. A write with no body and no content type (what a
 *   script's bodyless POST sends; an HTML form always sends a content type) passes.
 * The control API (`/_mock/*`, the desktop control plane and the dashboards' actions) passes all
 * three; the consent form's post passes the first two (it is a form by design).
 */
import { networkInterfaces, hostname } from 'node:os';
import { desktopJson, json, type Answer } from '../core/answer.js';
import { header, type AdapterRequest } from './request.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

/** The host names (lower case, IPv6 in brackets, no port) a server bound to `bindHost` with `issuer` answers to. */
export function hostNamesFor(bindHost: string, issuer: string): ReadonlySet<string> {
  const names = new Set(LOOPBACK_NAMES);
  names.add(bracket(bindHost.toLowerCase()));
  try {
    names.add(new URL(issuer).hostname.toLowerCase());
  } catch { /* the issuer was checked where it was set */ }
  // A wildcard bind answers on every address of the machine, and to its name.
  if (bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '') {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address.toLowerCase()));
  }
  return names;
}

/** `example.com:4010` -> `example.com`, `[::1]:4010` -> `[::1]`. */
export function hostNameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/** Why the request's Host is not one of `names`, or null. No Host (HTTP/1.0 tools) is no browser. */
export function foreignHost(req: AdapterRequest, names: ReadonlySet<string> | undefined): string | null {
  if (!names) return null; // in-process (msw): no socket, no rebinding
  const host = header(req, 'host');
  if (host === undefined) return null;
  return names.has(hostNameOf(host)) ? null : `Host ${JSON.stringify(host.slice(0, 100))} is not a name this server answers to (${[...names].slice(0, 6).join(', ')}${names.size > 6 ? ', …' : ''}); a page on another name may have rebound it here`;
}

/**
 * Why the request came from a page on another origin, or null. `Sec-Fetch-Site` decides where a
 * browser sends it (every current one does): only `same-origin` and `none` (typed by the user)
 * pass; `same-site` is another port of localhost. Without it, `Origin` must be the server's own.
 * `Origin: null` passes only for the consent form (`nullOrigin`): a page with
 * `Referrer-Policy: no-referrer` (the consent page's own) posts its forms with it. The control API
 * refuses it: sandboxed frames and data: URLs send it too.
 */
export function crossSite(req: AdapterRequest, nullOrigin = false): string | null {
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? null : `a ${site} page may not use this; only the server's own pages and non-browser clients may`;
  const origin = header(req, 'origin');
  if (origin !== undefined && !(nullOrigin && origin === 'null') && origin !== `http://${header(req, 'host') ?? ''}`)
    return `a page on ${JSON.stringify(origin.slice(0, 100))} may not use this; only the server's own pages and non-browser clients may`;
  return null;
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why a write's body is not JSON, or null. */
export function notJson(req: AdapterRequest): string | null {
  if (!WRITE.has(req.method)) return null;
  const type = req.contentType;
  if (type === undefined && req.body === '') return null;
  const essence = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' ? null : `send the body as JSON with content-type: application/json (got ${type === undefined ? 'no content type' : JSON.stringify(type.slice(0, 80))})`;
}

/** The control API's refusal in its dialect (OAuth-style JSON, or the desktop plane's {name, message}), or null. */
export function guardBrowser(req: AdapterRequest, names: ReadonlySet<string> | undefined, desktop: boolean): Answer | null {
  const host = foreignHost(req, names);
  const site = host ?? crossSite(req);
  if (site !== null) return desktop ? desktopJson(403, { name: 'ForbiddenOrigin', message: site }) : json(403, { error: 'forbidden', error_description: site });
  const type = notJson(req);
  if (type !== null) return desktop ? desktopJson(415, { name: 'UnsupportedMediaType', message: type }) : json(415, { error: 'invalid_request', error_description: type });
  return null;
}
