/**
 * An authorization request passed the way a browser passes it, with every form POST on the
 * server's origin open to rewriting before it is sent: AZ-5 posts the approval as the server's
 * own page would, and as a page on another site would (RFC 6749 §10.12).
 *
 * Who passes the pages: the target's authorize module where it declares one (it signs in and
 * consents), else `consentPageDriver` below, which follows redirects on the server's origin and
 * submits the approval form of the page it reaches (a page that asks for a password it cannot).
 */
import type { DriverFetch } from '../drivers/types.js';
import type { PropertyContext } from '../runner/types.js';
import { authorizationUrl, type AuthorizationParams } from './authorize.js';

/** One form POST as it is about to be sent: header names lower case. */
export interface FormPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the flow does with its `index`-th POST on the server's origin (0-based): the post to
 * send instead. `site` filters a Cookie header down to what a browser sends on a cross-site POST.
 */
export type PostPolicy = (index: number, post: FormPost, site: { crossSiteCookies(cookie: string | undefined): string | undefined }) => FormPost;

export interface ConsentFlow {
  /** Where the server finally sent the user agent (off its origin, or with code/error). */
  callback?: URL;
  /** Why it did not: an error page, a driver error. */
  refused?: string;
  /** The POSTs on the server's origin, as sent. */
  posts: FormPost[];
}

/** The page the flow reached has no approval form this driver can submit. */
export class NoApprovalForm extends Error {
  override name = 'NoApprovalForm';
}

/** Thrown by a policy to stop a flow before a POST is sent, with that POST. */
export class PostCaptured extends Error {
  override name = 'PostCaptured';
  constructor(readonly post: FormPost) {
    super(`stopped before posting to ${post.url}`);
  }
}

/** Headers a browser sends with a form POST made by a page at `origin` to the server. */
export function formPostFrom(origin: string, sameOrigin: boolean): Record<string, string> {
  return { origin, 'sec-fetch-site': sameOrigin ? 'same-origin' : 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
}

function setCookies(res: Response): string[] {
  const h = res.headers as Headers & { getSetCookie?: () => string[] };
  if (typeof h.getSetCookie === 'function') return h.getSetCookie();
  const joined = res.headers.get('set-cookie');
  return joined ? joined.split(/,\s*(?=[^;,=\s]+=)/) : [];
}

/**
 * `http` as a browser on the server's origin: each POST there goes through `policy` and is
 * recorded. It learns each cookie's SameSite attribute from Set-Cookie: a browser sends neither
 * `Lax` nor `Strict` cookies with a cross-site POST (RFC 6265bis §5.6.7.1). A cookie with no
 * attribute is sent (Firefox and Safari do; Chrome only within two minutes): the attacker's best case.
 */
function browserFetch(http: DriverFetch, origin: string, policy: PostPolicy, posts: FormPost[]): DriverFetch {
  const restricted = new Set<string>();
  const site = {
    crossSiteCookies(cookie: string | undefined): string | undefined {
      if (cookie === undefined) return undefined;
      const kept = cookie.split(';').map((c) => c.trim()).filter((c) => c && !restricted.has(c.slice(0, Math.max(0, c.indexOf('=')))));
      return kept.length ? kept.join('; ') : undefined;
    },
  };
  return async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
    let req: FormPost = { url: String(url), headers, body: init.body ?? '' };
    if (method === 'POST' && new URL(req.url).origin === origin) {
      const index = posts.length;
      req = policy(index, req, site);
      posts.push(req);
    }
    const res = await http(req.url, method === 'GET' || method === 'HEAD' ? { method, headers: req.headers } : { method, headers: req.headers, body: req.body });
    for (const line of setCookies(res)) {
      const name = line.slice(0, line.indexOf('=')).trim();
      const same = /;\s*samesite\s*=\s*(\w+)/i.exec(line)?.[1]?.toLowerCase();
      if (same === 'lax' || same === 'strict') restricted.add(name);
      else if (same !== undefined) restricted.delete(name);
    }
    return res;
  };
}

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (m, e: string) => {
    const l = e.toLowerCase();
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    if (l.startsWith('#')) return String.fromCodePoint(Number(l.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[l] ?? m;
  });

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decode(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/** Words on a button that approves. */
const APPROVE = /approve|allow|accept|authori[sz]e|consent|grant|confirm|continue|yes/i;
const NOT_SENT = new Set(['submit', 'button', 'reset', 'image', 'file']);

/**
 * The approval form of a page: a POST form on the server's origin with an approving submit
 * button, as the browser would submit it (its fields and that button's name=value).
 */
export function approvalForm(html: string, pageUrl: string): { action: string; body: string } | { none: string } {
  const origin = new URL(pageUrl).origin;
  let why = `the page at ${pageUrl} has no form that posts`;
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [tag, inner] = [`<form${m[1] ?? ''}>`, m[2] ?? ''];
    if ((attr(tag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    if (/<input\b[^>]*type\s*=\s*["']?password/i.test(inner)) {
      why = `the page at ${pageUrl} asks for a password (a sign-in page): give the target an authorize module that signs in (authorize.mode "module")`;
      continue;
    }
    const action = new URL(attr(tag, 'action') ?? pageUrl, pageUrl);
    if (action.origin !== origin) {
      why = `the form on ${pageUrl} posts to another origin (${action.origin})`;
      continue;
    }
    const fields: Array<[string, string]> = [];
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], 'name');
      const type = (attr(input[0], 'type') ?? 'text').toLowerCase();
      if (!name || NOT_SENT.has(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(input[0])) continue;
      fields.push([name, attr(input[0], 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    }
    const buttons = [
      ...[...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map((b) => ({ tag: `<button${b[1] ?? ''}>`, label: (b[2] ?? '').replace(/<[^>]*>/g, '') })),
      ...[...inner.matchAll(/<input\b[^>]*type\s*=\s*["']?submit[^>]*>/gi)].map((b) => ({ tag: b[0], label: '' })),
    ].filter((b) => !/^(button|reset)$/i.test(attr(b.tag, 'type') ?? 'submit'));
    const approve = buttons.find((b) => APPROVE.test(`${attr(b.tag, 'value') ?? ''} ${b.label}`)) ?? (buttons.length === 1 ? buttons[0] : undefined);
    if (!approve) {
      why = `the form on ${pageUrl} has no button that approves`;
      continue;
    }
    const name = attr(approve.tag, 'name');
    if (name) fields.push([name, attr(approve.tag, 'value') ?? '']);
    return { action: action.toString(), body: new URLSearchParams(fields).toString() };
  }
  return { none: why };
}

const MAX_HOPS = 10;

/** Passes the server's pages like a browser that clicks the approving button: for targets without an authorize module. */
export const consentPageDriver = async (authorizationUrl: string, http: DriverFetch): Promise<string> => {
  const origin = new URL(authorizationUrl).origin;
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let post: string | undefined;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers: Record<string, string> = { accept: 'text/html', ...(cookie ? { cookie } : {}) };
    if (post !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await http(url, post === undefined ? { headers } : { method: 'POST', headers, body: post });
    for (const line of setCookies(res)) {
      const m = /^\s*([^=;\s]+)=([^;]*)/.exec(line);
      if (m) jar.set(m[1] as string, m[2] as string);
    }
    const text = await res.text();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== origin || next.searchParams.has('code') || next.searchParams.has('error')) return next.toString();
      [url, post] = [next.toString(), undefined];
      continue;
    }
    if (res.status === 200 && /text\/html/i.test(res.headers.get('content-type') ?? '')) {
      const form = approvalForm(text, url);
      if ('none' in form) throw new NoApprovalForm(form.none);
      [url, post] = [form.action, form.body];
      continue;
    }
    throw new Error(`HTTP ${res.status} at ${url}: ${text.replace(/\s+/g, ' ').slice(0, 200) || '(empty body)'}`);
  }
  throw new Error(`more than ${MAX_HOPS} requests on the server's own origin, the last to ${url}`);
};

/** Sends the authorization request through the target's pages, each POST there through `policy`. */
export async function consentFlow(ctx: PropertyContext, p: AuthorizationParams, policy: PostPolicy): Promise<ConsentFlow> {
  const endpoint = ctx.target.endpoints.authorization_endpoint as string;
  const url = authorizationUrl(endpoint, p);
  const out: ConsentFlow = { posts: [] };
  let captured: PostCaptured | undefined;
  const watched: PostPolicy = (index, post, site) => {
    try {
      return policy(index, post, site);
    } catch (err) {
      if (err instanceof PostCaptured) captured = err;
      throw err;
    }
  };
  const http = browserFetch(ctx.http.driverFetch, new URL(endpoint).origin, watched, out.posts);
  const driver = ctx.target.authorizeMode === 'module' ? ctx.target.authorize : consentPageDriver;
  try {
    out.callback = new URL(await driver(url, http));
  } catch (err) {
    // A module may wrap what its fetch throws; the capture still ends the flow.
    if (captured) throw captured;
    if (err instanceof NoApprovalForm) throw err;
    out.refused = err instanceof Error ? err.message : String(err);
  }
  return out;
}

/** The code of the flow's callback (query, or fragment), if any. */
export function codeOf(flow: ConsentFlow): string | undefined {
  const cb = flow.callback;
  if (!cb) return undefined;
  return cb.searchParams.get('code') ?? new URLSearchParams(cb.hash.slice(1)).get('code') ?? undefined;
}
