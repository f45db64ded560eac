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

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p><p>The request was not sent back to the application.</p>`);
}
