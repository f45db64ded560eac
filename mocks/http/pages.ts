/** The HTML the authorization endpoint shows: the consent page and the error page. */
import type { AuthorizationRequest } from '../core/authorize.js';
import type { UserConfig } from '../core/config.js';
import type { ClientRecord } from '../core/store.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}ul{padding-left:1.2rem}button{font:inherit;padding:.5rem 1.4rem;margin-right:.6rem;border-radius:6px;border:1px solid #888;cursor:pointer}
button[value=approve]{background:#0a5cd6;color:#fff;border-color:#0a5cd6}code{background:#f2f2f2;padding:0 .25rem}`;

function layout(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)} · authprobe</title><style>${STYLE}</style></head><body>${content}</body></html>`;
}

export function consentPage(consentId: string, client: ClientRecord, request: AuthorizationRequest, user: UserConfig): string {
  const scopes = request.scope.split(' ').filter(Boolean);
  return layout(
    'Authorize',
    `<h1>Authorize ${escape(client.name || client.client_id)}?</h1>
<p><strong>${escape(client.client_id)}</strong> asks to act as <strong>${escape(user.name ?? user.sub)}</strong> with:</p>
<ul>${scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join('')}</ul>
<p>You will be sent back to <code>${escape(request.redirectUri)}</code>.</p>
<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="request_id" value="${escape(consentId)}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

/**
 * The consent page's CSP. The decision form posts to us and is answered with a redirect to the
 * client; browsers apply form-action to that redirect too (CSP Level 3), so the redirect URI's
 * origin must be listed or Approve/Deny would never reach the client. No framing (RFC 6749 §10.13).
 */
export function consentCsp(redirectUri: string): string {
  const target = formTarget(redirectUri);
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${target ? ` ${target}` : ''}; frame-ancestors 'none'`;
}

/** A CSP source for the redirect URI: its origin, else (IPv6 literal, private-use scheme) its scheme. */
function formTarget(redirectUri: string): string | null {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return null;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && /^[A-Za-z0-9.-]+$/.test(url.hostname)) return url.origin;
  // CSP host sources cannot name an IPv6 literal; a scheme is the narrowest source that can.
  return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) ? url.protocol : null;
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p><p>The request was not sent back to the application.</p>`);
}
