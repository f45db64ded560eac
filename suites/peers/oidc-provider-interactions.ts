/**
 * Minimal login and consent pages for the oidc-provider target, in place of its
 * development-only interactions. The forms use the same field names as oidc-provider's
 * devInteractions (`prompt`, `login`, `password`), so one driver passes both; unlike those,
 * the login checks the test user's password.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';

export interface TestUser {
  login: string;
  password: string;
}

const PREFIX = '/interaction/';
const MAX_BODY = 16 * 1024;

/** Equal-length digests so the comparison time says nothing about the inputs. */
function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // oidc-provider leaves these pages to the deployment; a careful one refuses framing (RFC 9700
  // §4.16) and keeps the page's URL out of referrers (RFC 9700 §4.2.4). AZ-3 and AZ-4 therefore
  // judge this launcher's pages for oidc-provider, not oidc-provider itself (docs/proving.md).
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.end(`<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

function loginForm(action: string, error?: string): string {
  return `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="prompt" value="login">
<input type="text" name="login" required autocomplete="username">
<input type="password" name="password" required autocomplete="current-password">
<button type="submit">Sign in</button></form>`;
}

function consentForm(action: string, client: string, scopes: string[]): string {
  const list = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return `<p>${escapeHtml(client)} asks for:</p><ul>${list}</ul><form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="prompt" value="consent">
<button type="submit">Allow</button></form><p><a href="${escapeHtml(action)}/abort">Deny</a></p>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Handles `/interaction/:uid` (GET page, POST submit) and `/interaction/:uid/abort`. */
export function createInteractions(provider: Provider, user: TestUser) {
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [uid, action] = url.pathname.slice(PREFIX.length).split('/');
    const self = `${PREFIX}${uid ?? ''}`;
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      // No interaction cookie or an expired interaction: the browser must start over.
      page(res, 400, 'Interaction not found', '<p>This sign-in has expired or the cookies are missing. Start the authorization again.</p>');
      return;
    }
    if (details.uid !== uid) {
      page(res, 400, 'Interaction mismatch', '<p>The page does not belong to this sign-in. Start the authorization again.</p>');
      return;
    }
    const { prompt, params } = details;

    if (action === 'abort' && req.method === 'GET') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User denied the request' }, { mergeWithLastSubmission: false });
      return;
    }
    if (action !== undefined) {
      page(res, 404, 'Not found', '');
      return;
    }

    if (req.method === 'GET') {
      if (prompt.name === 'login') page(res, 200, 'Sign in', loginForm(self));
      else if (prompt.name === 'consent') {
        page(res, 200, 'Authorize', consentForm(self, String(params['client_id']), prompt.details.missingOIDCScope ?? []));
      } else page(res, 501, 'Unsupported prompt', `<p>No page for prompt ${escapeHtml(prompt.name)}.</p>`);
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      page(res, 405, 'Method not allowed', '');
      return;
    }

    const form = await readForm(req);
    if (!form || form.get('prompt') !== prompt.name) {
      page(res, 400, 'Bad submission', '<p>Submit the form shown on this page.</p>');
      return;
    }
    if (prompt.name === 'login') {
      const login = form.get('login') ?? '';
      const password = form.get('password') ?? '';
      if (!(sameSecret(login, user.login) && sameSecret(password, user.password))) {
        page(res, 401, 'Sign in', loginForm(self, 'Wrong login or password.'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.login } }, { mergeWithLastSubmission: false });
      return;
    }
    if (prompt.name === 'consent') {
      const accountId = details.session?.accountId;
      const clientId = String(params['client_id']);
      if (!accountId) {
        page(res, 400, 'Not signed in', '<p>Start the authorization again.</p>');
        return;
      }
      const grant = (details.grantId && (await provider.Grant.find(details.grantId))) || new provider.Grant({ accountId, clientId });
      const missing = prompt.details;
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    page(res, 501, 'Unsupported prompt', '');
  }

  return {
    matches: (url: URL): boolean => url.pathname.startsWith(PREFIX),
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
      try {
        await handle(req, res, url);
      } catch {
        if (!res.headersSent) page(res, 500, 'Sign-in failed', '<p>Start the authorization again.</p>');
        else res.end();
      }
    },
  };
}
