/**
 * What may go into an HTTP header. node:http throws on a header value with a character outside
 * Latin-1 or a control character (and a Fetch `Headers` object refuses the same), so a URI that
 * reaches `Location` or a CSP must be ASCII first: IDN hosts as punycode (RFC 3492 via
 * `domainToASCII`), everything else non-ASCII percent-encoded as UTF-8 (RFC 3986 §2.1, RFC 3987 §3.1).
 * What cannot be encoded (control characters, a host punycode refuses) is refused where it
 * enters: registration, config validation, scenarios.
 */
import { domainToASCII } from 'node:url';

const CONTROL = /[\u0000-\u001f\u007f]/;
const NON_ASCII = /[^\u0000-\u007f]/u;

/** RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E. */
export const ERROR_DESCRIPTION_CHARS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export const hasControlCharacter = (s: string): boolean => CONTROL.test(s);

/** Percent-encodes every non-ASCII code point as UTF-8; ASCII is left byte for byte. */
function percentEncodeNonAscii(s: string): string {
  return s.replace(/[^\u0000-\u007f]/gu, (c) => encodeURIComponent(c));
}

/**
 * The ASCII form of a URI for a header, or null when it has no such form (a control character,
 * an unpaired surrogate, a host punycode refuses). An ASCII URI comes back unchanged, so exact
 * redirect URI matching (RFC 6749 §3.1.2.3) still sees the registered string.
 */
export function asciiUri(uri: string): string | null {
  if (CONTROL.test(uri)) return null;
  if (!NON_ASCII.test(uri)) return uri;
  try {
    return nonAsciiUri(uri);
  } catch {
    return null; // an unpaired surrogate: encodeURIComponent throws URIError
  }
}

function nonAsciiUri(uri: string): string | null {
  // scheme://authority — the host of the authority is the only part punycode applies to.
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)([^]*)$/.exec(uri);
  if (!m) return percentEncodeNonAscii(uri);
  const [, scheme, authority, rest] = m as unknown as [string, string, string, string];
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  const portMatch = /:(\d*)$/.exec(hostPort);
  const host = portMatch && !hostPort.endsWith(']') ? hostPort.slice(0, portMatch.index) : hostPort;
  const port = host === hostPort ? '' : hostPort.slice(host.length);
  let asciiHost = host;
  if (NON_ASCII.test(host)) {
    asciiHost = domainToASCII(host);
    if (asciiHost === '') return null;
  }
  return `${scheme}${percentEncodeNonAscii(userinfo)}${asciiHost}${port}${percentEncodeNonAscii(rest)}`;
}

/** A header value node:http and Fetch accept: visible ASCII and spaces, control characters and the rest replaced. */
export function headerText(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}
