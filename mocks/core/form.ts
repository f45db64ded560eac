/**
 * Parsing of form-encoded parameters (RFC 6749 Appendix B) and of the HTTP Basic client
 * credentials (§2.3.1): pure string work, shared by every adapter.
 */
import { InvalidClient, InvalidRequest } from './errors.js';

export type Params = Record<string, string>;

export interface ParsedParams {
  params: Params;
  /** Names that occurred more than once (RFC 6749 §3.1, §3.2: MUST NOT be repeated). */
  duplicates: string[];
}

export function parseParams(encoded: string): ParsedParams {
  const params: Params = Object.create(null) as Params;
  const duplicates: string[] = [];
  for (const [k, v] of new URLSearchParams(encoded)) {
    if (k in params) {
      if (!duplicates.includes(k)) duplicates.push(k);
    }
    params[k] = v;
  }
  return { params, duplicates };
}

/** `application/x-www-form-urlencoded`, with or without parameters such as charset. */
export function isFormContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semi = contentType.indexOf(';');
  const essence = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return essence === 'application/x-www-form-urlencoded';
}

export interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

/** The scheme of an Authorization header, lower-cased, or null. */
export function authScheme(header: string | undefined): string | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  return (space === -1 ? header : header.slice(0, space)).toLowerCase();
}

/** Bearer token from an Authorization header (RFC 6750 §2.1), or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header || authScheme(header) !== 'bearer') return null;
  const token = header.slice(header.indexOf(' ') + 1).trim();
  return token.length > 0 ? token : null;
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/** RFC 6749 §2.3.1: base64(urlencode(id) ":" urlencode(secret)). Null when not Basic. */
export function parseBasic(header: string | undefined): BasicCredentials | null {
  if (authScheme(header) !== 'basic') return null;
  const b64 = (header as string).slice(6).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64))
    throw new InvalidClient('the Basic Authorization header is not valid base64 (RFC 7617)');
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) throw new InvalidClient('the Basic credentials must be client_id:client_secret (RFC 6749 §2.3.1)');
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new InvalidClient('the Basic credentials are not form-urlencoded correctly (RFC 6749 §2.3.1)');
  }
}

/** Refuses repeated parameters (RFC 6749 §3.2). */
export function refuseDuplicates(parsed: ParsedParams): void {
  if (parsed.duplicates.length > 0)
    throw new InvalidRequest(`parameter${parsed.duplicates.length > 1 ? 's' : ''} ${parsed.duplicates.join(', ')} sent more than once (RFC 6749 §3.2); send each once`);
}
