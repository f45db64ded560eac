/**
 * One HTTP exchange as the suites saw it, and its rendering as a curl command, so that a
 * failure in a report can be replayed by hand. Secrets are replaced by their placeholders.
 */
import type { SecretRef } from '../target/types.js';

export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** The response body, cut at the report's limit. */
  responseBody?: string;
  /** The answer was longer than the client reads: it was cut at this cap (`1 MiB`). */
  cutAt?: string;
  /** Transport failure instead of a response. */
  error?: string;
  durationMs: number;
}

export function redact(text: string, secrets: readonly SecretRef[]): string {
  let out = text;
  for (const s of secrets) if (s.value) out = out.split(s.value).join(s.placeholder);
  return out;
}

/** Single-quoted for POSIX shells, except `$NAME` placeholders which must expand. */
function shellQuote(text: string): string {
  const parts = text.split(/(\$[A-Za-z_][A-Za-z0-9_]*)/);
  return parts
    .map((p, i) => (i % 2 === 1 ? `"${p}"` : p === '' ? '' : `'${p.replace(/'/g, `'\\''`)}'`))
    .join('') || "''";
}

export function toCurl(ex: Exchange, secrets: readonly SecretRef[] = []): string {
  const args = ['curl', '-i'];
  if (ex.method !== 'GET') args.push('-X', ex.method);
  args.push(shellQuote(redact(ex.url, secrets)));
  for (const [name, value] of Object.entries(ex.requestHeaders)) {
    const basic = /^basic\s+(.+)$/i.exec(value);
    if (name.toLowerCase() === 'authorization' && basic) {
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
      // Render Basic as -u so that placeholders stay readable; curl re-encodes it.
      if (Buffer.from(decoded, 'utf8').toString('base64') === basic[1] && decoded.includes(':')) {
        args.push('-u', shellQuote(redact(decoded, secrets)));
        continue;
      }
    }
    args.push('-H', shellQuote(`${name}: ${redact(value, secrets)}`));
  }
  if (ex.requestBody !== undefined) args.push('--data-raw', shellQuote(redact(ex.requestBody, secrets)));
  return args.join(' ');
}

/** A short one-line summary of the answer, for reports: `-> 400 {"error":"invalid_grant"}`. */
export function answerLine(ex: Exchange, secrets: readonly SecretRef[] = []): string {
  if (ex.error) return `-> ${ex.error}`;
  const loc = ex.responseHeaders?.location ? ` Location: ${ex.responseHeaders.location}` : '';
  const cut = ex.cutAt ? ` (answer cut at the ${ex.cutAt} cap)` : '';
  const body = (ex.responseBody ?? '').replace(/\s+/g, ' ').slice(0, 200);
  return redact(`-> ${ex.status}${loc}${cut}${body ? ` ${body}` : ''}`, secrets);
}
