/**
 * How a property fails: a `PropertyFailure` whose message says what was expected and carries
 * the values that made it fail (status, error code, the body), like a conformance condition.
 */
import type { HttpResponse } from '../http/client.js';
import { recordGrant, requireControl } from './positive-control.js';

/**
 * How bad a failure is, so that a row reports the worst thing the target did rather than the
 * first or the smallest: something issued or a user agent sent where it must not go, outranks a
 * refusal with the wrong code or status.
 */
export const Severity = {
  /** Refused, but with another error code, status or header than the clause pins. */
  wrongAnswer: 1,
  /** A rule broken without anything issued (e.g. a weaker variant of a redirect mismatch accepted). */
  weak: 2,
  /** Default: the requirement's rule broken. */
  broken: 3,
  /** A token or code issued, or the user agent sent, where the rule forbids it. */
  granted: 4,
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
  constructor(
    message: string,
    readonly severity: Severity = Severity.broken,
  ) {
    super(message);
  }
}

/** The property cannot run against this target after all (e.g. the server issued no refresh token). */
export class PropertySkip extends Error {
  override name = 'PropertySkip';
}

export function fail(message: string, severity: Severity = Severity.broken): never {
  throw new PropertyFailure(message, severity);
}

export function check(condition: unknown, message: string | (() => string), severity: Severity = Severity.broken): asserts condition {
  if (!condition) fail(typeof message === 'function' ? message() : message, severity);
}

/**
 * Runs every case of a set and fails with the most severe failure among them, the others
 * counted beneath it — a property that stopped at its first failing case would report a
 * loopback port change and hide the https host change the same server also accepted.
 * A failure that is not a PropertyFailure (the target stopped answering) ends the set at once.
 */
export class CaseFindings {
  private readonly found: PropertyFailure[] = [];

  async attempt(run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof PropertyFailure) || err.name === 'PositiveControlFailure') throw err;
      this.found.push(err);
    }
  }

  /** Throws the worst failure found (first among equals), or returns when every case passed. */
  settle(): void {
    if (this.found.length === 0) return;
    const worst = this.found.reduce((a, b) => (b.severity > a.severity ? b : a));
    const others = this.found.length - 1;
    if (others === 0) throw worst;
    const more = this.found.filter((f) => f !== worst).slice(0, 3).map((f) => f.message.split('\n')[0]);
    throw new PropertyFailure(`${worst.message}\n(${others} more failing case${others > 1 ? 's' : ''} in this run: ${more.join(' | ')}${others > 3 ? ' | ...' : ''})`, worst.severity);
  }
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
  requireControl(what);
  const want = Array.isArray(codes) ? codes : [codes];
  const st = statuses === undefined ? undefined : Array.isArray(statuses) ? statuses : [statuses];
  const got = oauthError(res);
  check(
    res.status >= 400 && res.status < 500 && got !== undefined && want.includes(got) && (!st || st.includes(res.status)),
    () => `${what}: expected ${st ? st.join('/') : '4xx'} ${want.join(' or ')}, got ${evidence(res)}`,
    answerSeverity(res),
  );
}

/** A wrong answer that issued a token is a grant; one that refused with another code is a wrong answer. */
export function answerSeverity(res: HttpResponse): Severity {
  const json = res.json as { access_token?: unknown; refresh_token?: unknown } | undefined;
  if (res.status < 300 || json?.access_token !== undefined || json?.refresh_token !== undefined) return Severity.granted;
  if (res.status >= 500) return Severity.broken;
  return Severity.wrongAnswer;
}

/** The answer refuses, whatever the code: 4xx with an OAuth error and no token. */
export function expectRefused(res: HttpResponse, what: string): void {
  requireControl(what);
  const issued = (res.json as { access_token?: unknown } | undefined)?.access_token !== undefined;
  check(res.status >= 400 && res.status < 500 && !issued, () => `${what}: expected a 4xx refusal, got ${evidence(res)}`, issued || res.status < 300 ? Severity.granted : Severity.broken);
}

export function expectTokens(res: HttpResponse, what: string): Record<string, unknown> {
  const json = res.json as Record<string, unknown> | undefined;
  check(
    res.status === 200 && json && typeof json.access_token === 'string',
    () => `${what}: expected 200 with an access_token, got ${evidence(res)}`,
  );
  recordGrant();
  return json;
}
