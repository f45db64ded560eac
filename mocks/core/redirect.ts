/**
 * Redirect URI policy: what registration accepts (RFC 8252 §7, §8.4) and how an authorization
 * request's redirect_uri is matched against the registered ones (RFC 6749 §3.1.2.3: simple
 * string comparison; RFC 8252 §7.3: loopback ports may vary only under the `any` policy).
 */
import type { DefectSet } from './defects.js';
import { asciiUri, hasControlCharacter } from './header-safe.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'about:', 'blob:']);

/** Returns what is wrong with a redirect URI offered for registration, or null. */
export function checkRedirectUriForRegistration(uri: string, defects?: DefectSet): string | null {
  if (uri.includes('#') && !defects?.on('reg-fragment-accepted')) // defect: breaks REG-3
    return `'${uri}' has a fragment; RFC 6749 §3.1.2 forbids fragments in redirect URIs — remove it`;
  // RFC 3986 §2: a URI has no control characters and no spaces; RFC 3987 §3.1: a non-ASCII
  // character needs a UTF-8 form, a non-ASCII host an IDNA one. A redirect URI goes into the
  // Location header: it must have an ASCII form (header-safe.ts).
  if (!defects?.on('reg-non-uri-accepted')) { // defect: breaks REG-7
    if (hasControlCharacter(uri)) return `${JSON.stringify(uri)} contains a control character; give an absolute URI of printable characters`;
    if (/\s/.test(uri)) return `'${uri}' contains whitespace; give an absolute URI`;
    if (asciiUri(uri) === null) return `${JSON.stringify(uri)} cannot be sent in a Location header (its host has no punycode form or it holds an unpaired surrogate); give an absolute URI`;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `'${uri}' is not an absolute URI; give https://..., a loopback http:// URI, or a reverse-DNS scheme such as com.example.app:/callback`;
  }
  const scheme = url.protocol;
  if (scheme === 'https:') return url.hostname ? null : `'${uri}' has no host`;
  if (scheme === 'http:') {
    if (LOOPBACK_HOSTS.has(url.hostname) || defects?.on('reg-http-accepted')) return null; // defect: breaks REG-2
    return `'${uri}' is plaintext http:// to a non-loopback host; use https:// (RFC 8252 §8.4; only localhost, 127.0.0.1 and [::1] may use http)`;
  }
  // public-clients allows https, loopback http and reverse-DNS schemes: never script or local files.
  if (FORBIDDEN_SCHEMES.has(scheme))
    return defects?.on('reg-script-scheme-accepted') ? null : `'${uri}' uses the ${scheme} scheme, which cannot be a redirect URI`; // defect: breaks REG-9
  // RFC 8252 §7.1: private-use schemes are reverse domain names, e.g. com.example.app; §8.4: at
  // a minimum, a scheme without a period SHOULD be rejected.
  if (!scheme.slice(0, -1).includes('.') && !defects?.on('reg-bare-scheme-accepted')) // defect: breaks REG-8
    return `'${uri}' uses the private-use scheme '${scheme}' which is not a reverse domain name; use e.g. com.example.app:/callback (RFC 8252 §7.1)`;
  if (defects?.on('reg-private-scheme-refused')) return `'${uri}': private-use schemes are not accepted`; // defect: breaks REG-1
  return null;
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(?::(\d{1,5}))?([/?][^]*)?$/;

/** Everything but the port, when `uri` is a loopback http URI. */
function withoutLoopbackPort(uri: string): string | null {
  const m = LOOPBACK.exec(uri);
  return m ? `http://${m[1]}${m[3] ?? ''}` : null;
}

export interface RedirectPolicy {
  loopbackPorts: 'strict' | 'any';
  defects: DefectSet;
}

/** The registered URI that `requested` matches, or null. */
export function matchRedirectUri(requested: string, registered: readonly string[], policy: RedirectPolicy): string | null {
  const { defects } = policy;
  const portsVary = policy.loopbackPorts === 'any'
    ? !defects.on('loopback-port-pinned') // defect: breaks RED-8
    : defects.on('loopback-port-ignored'); // defect: breaks RED-1
  for (const r of registered) {
    if (requested === r) return r;
    if (defects.on('redirect-prefix-match') && requested.startsWith(r)) return r; // defect: breaks RED-1
    if (defects.on('redirect-case-insensitive') && requested.toLowerCase() === r.toLowerCase()) return r;
    if (portsVary) {
      const a = withoutLoopbackPort(requested);
      if (a !== null && a === withoutLoopbackPort(r)) return r;
    }
  }
  return null;
}
