/**
 * Where an HTTP answer sends the user agent: a `Location` on a redirect, a `Refresh` header,
 * a `<meta http-equiv="refresh">`, or an auto-submitting form. The suites read these instead of
 * following them, so that a redirect to an attacker's URI is seen, never taken.
 */
import type { Exchange } from '../http/exchange.js';

export interface Navigation {
  via: 'location' | 'refresh' | 'meta-refresh' | 'form';
  /** As written by the server (resolved against the request URL when relative). */
  raw: string;
  url: URL | undefined;
  /** For forms: the fields it would submit. */
  fields?: Array<[string, string]>;
  method?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x2F': '/', '#x2f': '/' };

function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (ENTITIES[e]) return ENTITIES[e] as string;
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return m;
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const v = m?.[2] ?? m?.[3] ?? m?.[4];
  return v === undefined ? undefined : decodeHtml(v);
}

function resolve(raw: string, base: string): URL | undefined {
  try {
    return new URL(raw, base);
  } catch {
    return undefined;
  }
}

function refreshTarget(value: string): string | undefined {
  const m = /url\s*=\s*['"]?([^'"]+)['"]?/i.exec(value);
  return m?.[1]?.trim();
}

export function navigationsOf(ex: Exchange): Navigation[] {
  const out: Navigation[] = [];
  const h = ex.responseHeaders ?? {};
  const status = ex.status ?? 0;
  if (status >= 300 && status < 400 && h.location !== undefined) {
    out.push({ via: 'location', raw: h.location, url: resolve(h.location, ex.url) });
  }
  if (h.refresh) {
    const t = refreshTarget(h.refresh);
    if (t) out.push({ via: 'refresh', raw: t, url: resolve(t, ex.url) });
  }
  const body = ex.responseBody ?? '';
  if (/html/i.test(h['content-type'] ?? '') || /<(html|form|meta)\b/i.test(body)) {
    for (const m of body.matchAll(/<meta\b[^>]*>/gi)) {
      if (/http-equiv\s*=\s*["']?refresh/i.test(m[0])) {
        const t = refreshTarget(attr(m[0], 'content') ?? '');
        if (t) out.push({ via: 'meta-refresh', raw: t, url: resolve(t, ex.url) });
      }
    }
    // An auto-submitting form (response_mode=form_post and look-alikes) navigates without a click.
    const autoSubmit = /\.submit\s*\(|onload\s*=/i.test(body);
    if (autoSubmit) {
      for (const m of body.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
        const action = attr(m[0].slice(0, m[0].indexOf('>') + 1), 'action') ?? ex.url;
        const fields: Array<[string, string]> = [];
        for (const input of (m[1] ?? '').matchAll(/<input\b[^>]*>/gi)) {
          const name = attr(input[0], 'name');
          if (name) fields.push([name, attr(input[0], 'value') ?? '']);
        }
        out.push({ via: 'form', raw: action, url: resolve(action, ex.url), fields, method: (attr(m[0], 'method') ?? 'GET').toUpperCase() });
      }
    }
  }
  return out;
}

/** The URL a navigation lands on with its parameters: a form's fields become the query. */
export function landing(nav: Navigation): URL | undefined {
  if (!nav.url) return undefined;
  if (nav.via !== 'form' || !nav.fields?.length) return nav.url;
  const u = new URL(nav.url);
  for (const [k, v] of nav.fields) u.searchParams.append(k, v);
  return u;
}
