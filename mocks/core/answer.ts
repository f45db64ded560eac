/**
 * What the core hands back to an adapter: status, headers and a body, already serialised.
 * Adapters copy it onto the wire (node:http) or into a Response (msw) without deciding anything.
 */
import { ClientAuthenticationFailed } from './client-auth.js';
import { DesktopError } from './desktop/errors.js';
import { OAuthError } from './errors.js';
import { asciiUri, headerText } from './header-safe.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/**
 * The one set of security headers of every page the mock serves (the consent page, the error
 * page, the desktop dashboard): never cached, never framed (RFC 6749 §10.13 clickjacking: a
 * framed Approve button can be clicked by trickery). Each page may widen its CSP, never drop
 * `frame-ancestors 'none'`.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

export function html(status: number, page: string, csp: string = PAGE_CSP): Answer {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-security-policy': csp,
      // RFC 9700 §4.2.4: the page's URL (request parameters) never leaves as a referrer.
      'referrer-policy': 'no-referrer',
    },
    body: page,
  };
}

/** A page with headers taken away (the page-header defects, authorize.ts `pageHeaderDefects`); `frame-ancestors` names the CSP directive. */
export function withoutHeaders(answer: Answer, drop: readonly string[] = []): Answer {
  if (drop.length === 0) return answer;
  const headers = { ...answer.headers };
  for (const name of drop) {
    if (name === 'frame-ancestors' && headers['content-security-policy'])
      headers['content-security-policy'] = headers['content-security-policy'].replace(/;?\s*frame-ancestors[^;]*/, '');
    else delete headers[name];
  }
  return { ...answer, headers };
}

export function redirect(location: string): Answer {
  // A header carries ASCII only (header-safe.ts); registration and config refuse what has no ASCII form.
  const ascii = asciiUri(location);
  if (ascii === null) return json(400, { error: 'invalid_request', error_description: 'the redirect URI cannot be sent in a Location header' });
  return { status: 302, headers: { location: ascii, 'cache-control': 'no-store' }, body: '' };
}

/** RFC 6749 §5.1: token responses and their errors are never cached. */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

/** An OAuthError as RFC 6749 §5.2 JSON; 401 answers carry the challenge of the scheme tried. */
export function errorAnswer(err: OAuthError, extraHeaders: Record<string, string> = {}, challenge = true): Answer {
  const headers: Record<string, string> = { ...extraHeaders };
  if (err.status === 401 && challenge) {
    headers['www-authenticate'] =
      err.error === 'invalid_token'
        ? `Bearer realm="authprobe", error="invalid_token", error_description="${headerText(err.description).replace(/["\\]/g, '')}"`
        : 'Basic realm="authprobe", charset="UTF-8"';
  }
  return json(err.status, err.toJSON(), headers);
}

/** Anything thrown that is not an OAuthError is a bug; it must still not become a 5xx. */
export function toOAuthError(err: unknown): OAuthError {
  if (err instanceof OAuthError) return err;
  return new OAuthError('invalid_request', 'the request could not be processed; check its parameters');
}

/**
 * The desktop channel's JSON (openapi/desktop-ipc.yaml): plain `application/json`, never cached.
 * An oversized body was not read to the end, so a 413 closes the connection.
 */
export function desktopJson(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...(status === 413 ? { connection: 'close' } : {}), ...headers },
    body: JSON.stringify(value),
  };
}

/** A DesktopError as `{name, message}`; anything else is a bug and becomes a 400, never a 5xx. */
export function desktopErrorAnswer(err: unknown, headers: Record<string, string> = {}): Answer {
  const e = err instanceof DesktopError ? err : new DesktopError('InvalidRequest', err instanceof Error ? err.message : 'the request could not be handled');
  return desktopJson(e.status, e.toJSON(), headers);
}

export { ClientAuthenticationFailed };
