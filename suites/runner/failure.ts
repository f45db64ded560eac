/**
 * How a property fails: a `PropertyFailure` whose message says what was expected and carries
 * the values that made it fail (status, error code, the body), like a conformance condition.
 */
import type { HttpResponse } from '../http/client.js';

export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
}

/** The property cannot run against this target after all (e.g. the server issued no refresh token). */
export class PropertySkip extends Error {
  override name = 'PropertySkip';
}

export function fail(message: string): never {
  throw new PropertyFailure(message);
}

export function check(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) fail(typeof message === 'function' ? message() : message);
}

/** `400 {"error":"invalid_grant"}`, cut to a readable length. */
export function evidence(res: HttpResponse): string {
  const body = res.text.replace(/\s+/g, ' ');
  return `${res.status} ${body.length > 300 ? `${body.slice(0, 300)}...` : body || '(empty body)'}`;
}

export function oauthError(res: HttpResponse): string | undefined {
  const e = (res.json as { error?: unknown } | undefined)?.error;
  return typeof e === 'string' ? e : undefined;
}

/** The answer is an OAuth error (RFC 6749 §5.2) with one of `codes` (and one of `statuses`, when given). */
export function expectError(res: HttpResponse, what: string, codes: string | string[], statuses?: number | number[]): void {
  const want = Array.isArray(codes) ? codes : [codes];
  const st = statuses === undefined ? undefined : Array.isArray(statuses) ? statuses : [statuses];
  const got = oauthError(res);
  check(
    res.status >= 400 && res.status < 500 && got !== undefined && want.includes(got) && (!st || st.includes(res.status)),
    () => `${what}: expected ${st ? st.join('/') : '4xx'} ${want.join(' or ')}, got ${evidence(res)}`,
  );
}

/** The answer refuses, whatever the code: 4xx with an OAuth error and no token. */
export function expectRefused(res: HttpResponse, what: string): void {
  const issued = (res.json as { access_token?: unknown } | undefined)?.access_token !== undefined;
  check(res.status >= 400 && res.status < 500 && !issued, () => `${what}: expected a 4xx refusal, got ${evidence(res)}`);
}

export function expectTokens(res: HttpResponse, what: string): Record<string, unknown> {
  const json = res.json as Record<string, unknown> | undefined;
  check(
    res.status === 200 && json && typeof json.access_token === 'string',
    () => `${what}: expected 200 with an access_token, got ${evidence(res)}`,
  );
  return json;
}
