/**
 * The consent page of the OAuth mock (`--consent page`), as a person meets it: first over HTTP
 * (every answer of /oauth/authorize and /oauth/authorize/decision), then in Debian's chromium
 * (open the authorization URL, read the page, click Approve or Deny).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadMockConfig, startMock, type RunningMock } from '../index.js';
import { interceptOrigin, launchBrowser, startFramingSite } from '../testing/browser.js';
import { authorizeRequest, call, DEMO_REDIRECT, location, pkcePair, post, type AuthorizeParams, type Reply } from '../testing/http-kit.js';

const CALLBACK_ORIGIN = new URL(DEMO_REDIRECT).origin;
// Spaces, reserved and non-ASCII characters: the state must come back byte for byte (RED-6).
const STATE = 'st 1&x=y?z#%2F/é😀+';
const EVIL_NAME = `<script>document.title='pwned'</script> & "Co" 'Ltd'`;
const EVIL_SCOPE = `<img/src=x/onerror=alert(1)>`;

let mock: RunningMock;
let hostile: RunningMock;

beforeAll(async () => {
  mock = await startMock({ consent: 'page', desktop: false });
  // A client whose name and scope are markup, in a config file read the way `authprobe serve --config` reads it.
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-consent-'));
  const file = join(dir, 'mock.json');
  writeFileSync(file, JSON.stringify({
    clients: [{
      client_id: 'hostile-app',
      client_type: 'public',
      token_endpoint_auth_method: 'none',
      name: EVIL_NAME,
      redirect_uris: [DEMO_REDIRECT],
      allowed_scopes: ['openid', EVIL_SCOPE],
      grant_types: ['authorization_code'],
    }],
  }));
  const loaded = loadMockConfig(file);
  rmSync(dir, { recursive: true, force: true });
  if (!loaded.ok) throw new Error(`the test config is invalid: ${loaded.errors.join('; ')}`);
  hostile = await startMock({ consent: 'page', desktop: false, config: loaded.config });
});
afterAll(async () => {
  await Promise.all([mock?.close(), hostile?.close()]);
});

interface Consent { reply: Reply; requestId: string; verifier: string }

function requestIdOf(html: string): string {
  const m = /name="request_id" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no request_id in the consent page:\n${html.slice(0, 400)}`);
  return m[1] as string;
}

async function openConsent(over: AuthorizeParams = {}, issuer = mock.issuer): Promise<Consent> {
  const { verifier, challenge } = pkcePair();
  const reply = await authorizeRequest(issuer, {
    response_type: 'code',
    client_id: 'demo-public',
    redirect_uri: DEMO_REDIRECT,
    scope: 'openid profile',
    state: STATE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...over,
  });
  expect(reply.status, reply.text.slice(0, 300)).toBe(200);
  return { reply, requestId: requestIdOf(reply.text), verifier };
}

const decide = (requestId: string, decision: string, extra: Record<string, string> = {}, issuer = mock.issuer) =>
  post(issuer, '/oauth/authorize/decision', { request_id: requestId, decision, ...extra });

function expectNoFraming(r: Reply) {
  expect(r.headers.get('x-frame-options')).toBe('DENY');
  expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  expect(r.headers.get('cache-control')).toBe('no-store');
}

/** An error page: HTML, 4xx, no Location — the user agent is not sent anywhere (RFC 6749 §4.1.2.1). */
function expectErrorPage(r: Reply, title: RegExp) {
  expect(r.status).toBe(400);
  expect(r.headers.get('location')).toBeNull();
  expect(r.headers.get('content-type')).toMatch(/^text\/html/);
  expect(r.text).toMatch(title);
  expect(r.text).not.toMatch(/request_id/);
  expectNoFraming(r);
}

function redeem(code: string, verifier: string, issuer = mock.issuer) {
  return post(issuer, '/oauth/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: DEMO_REDIRECT,
    client_id: 'demo-public',
    code_verifier: verifier,
  });
}

describe('consent page over HTTP', () => {
  it('RED-6: a valid request shows the consent page — client, user, scopes, redirect URI, Approve and Deny — and does not redirect', async () => {
    const { reply, requestId } = await openConsent();
    expect(reply.headers.get('location')).toBeNull();
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('Authorize Demo public client?');
    expect(reply.text).toContain('<strong>demo-public</strong>');
    expect(reply.text).toContain('Demo User');
    expect(reply.text).toContain('<li><code>openid</code></li><li><code>profile</code></li>');
    expect(reply.text).toContain(`<code>${DEMO_REDIRECT}</code>`);
    expect(reply.text).toMatch(/<form method="post" action="\/oauth\/authorize\/decision">/);
    expect(reply.text).toMatch(/<button type="submit" name="decision" value="approve">Approve<\/button>/);
    expect(reply.text).toMatch(/<button type="submit" name="decision" value="deny">Deny<\/button>/);
    // CODE-5: the pending request's id is unguessable (>= 128 bits of base64url) and fresh each time.
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect((await openConsent()).requestId).not.toBe(requestId);
  });

  it('RED-6, RED-7: Approve redirects to the redirect_uri with a code, the exact state and iss; the code redeems once with the PKCE verifier (CODE-1)', async () => {
    const { requestId, verifier } = await openConsent();
    const r = await decide(requestId, 'approve');
    expect(r.status).toBe(302);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const to = location(r)!;
    expect(`${to.origin}${to.pathname}`).toBe(DEMO_REDIRECT);
    expect(to.searchParams.get('state')).toBe(STATE);
    expect(to.searchParams.get('iss')).toBe(mock.issuer);
    expect(to.searchParams.get('error')).toBeNull();
    const code = to.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const tokens = await redeem(code, verifier);
    expect(tokens.status, tokens.text).toBe(200);
    expect(tokens.json).toMatchObject({ token_type: 'Bearer', scope: 'openid profile', access_token: expect.any(String) });
    const again = await redeem(code, verifier);
    expect([again.status, again.json.error]).toEqual([400, 'invalid_grant']);
  });

  it('RED-5, RED-7: Deny redirects with error=access_denied, the exact state and iss, and no code', async () => {
    const { requestId } = await openConsent();
    const r = await decide(requestId, 'deny');
    expect(r.status).toBe(302);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const to = location(r)!;
    expect(`${to.origin}${to.pathname}`).toBe(DEMO_REDIRECT);
    expect(to.searchParams.get('error')).toBe('access_denied');
    expect(to.searchParams.get('state')).toBe(STATE);
    expect(to.searchParams.get('iss')).toBe(mock.issuer);
    expect(to.searchParams.get('code')).toBeNull();
  });

  it('RED-6: without a state the decision redirect carries none', async () => {
    const { requestId } = await openConsent({ state: undefined });
    const to = location(await decide(requestId, 'approve'))!;
    expect(to.searchParams.has('state')).toBe(false);
    expect(to.searchParams.get('code')).toBeTruthy();
  });

  it('RED-6: the decision is bound to the pending request — redirect_uri, state, client_id and scope sent with it are ignored', async () => {
    const { requestId, verifier } = await openConsent();
    const r = await decide(requestId, 'approve', {
      redirect_uri: 'https://evil.example/cb',
      state: 'forged',
      client_id: 'demo-public-2',
      scope: 'openid profile email offline_access',
    });
    const to = location(r)!;
    expect(`${to.origin}${to.pathname}`).toBe(DEMO_REDIRECT);
    expect(to.searchParams.get('state')).toBe(STATE);
    const tokens = await redeem(to.searchParams.get('code')!, verifier);
    expect(tokens.json.scope).toBe('openid profile');
  });

  it('CODE-1: a decision counts once — replaying an approved or denied request id gets an error page, not a second redirect', async () => {
    const approved = await openConsent();
    expect((await decide(approved.requestId, 'approve')).status).toBe(302);
    expectErrorPage(await decide(approved.requestId, 'approve'), /Request expired/);
    expectErrorPage(await decide(approved.requestId, 'deny'), /Request expired/);

    const denied = await openConsent();
    expect((await decide(denied.requestId, 'deny')).status).toBe(302);
    expectErrorPage(await decide(denied.requestId, 'approve'), /Request expired/);
  });

  it('RED-2: a forged, unknown or missing request id gets an error page, never a redirect', async () => {
    await openConsent(); // a pending request exists; guessing must still not reach it
    for (const forged of ['', 'x', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '../oauth/authorize', 'a'.repeat(5000), '%00']) {
      expectErrorPage(await decide(forged, 'approve'), /Request expired/);
    }
    expectErrorPage(await post(mock.issuer, '/oauth/authorize/decision', { decision: 'approve' }), /Request expired/);
    expectErrorPage(await post(mock.issuer, '/oauth/authorize/decision', ''), /Request expired/);
  });

  it('RED-2: a request id from another mock (another server\'s pending request) is unknown here', async () => {
    const elsewhere = await openConsent({ client_id: 'hostile-app', scope: 'openid' }, hostile.issuer);
    expectErrorPage(await decide(elsewhere.requestId, 'approve'), /Request expired/);
  });

  it('RED-6: a decision that is neither approve nor deny shows the same consent page again and keeps the request pending', async () => {
    const { requestId } = await openConsent();
    const again = await decide(requestId, 'maybe');
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBeNull();
    expect(requestIdOf(again.text)).toBe(requestId);
    expect(location(await decide(requestId, 'approve'))!.searchParams.get('code')).toBeTruthy();
  });

  it('CODE-4: a pending request expires after 10 minutes; its decision then gets an error page', async () => {
    const m = await startMock({ consent: 'page', desktop: false });
    try {
      const { requestId } = await openConsent({}, m.issuer);
      const advanced = await post(m.issuer, '/_mock/clock', JSON.stringify({ advance_seconds: 601 }), { 'content-type': 'application/json' });
      expect(advanced.status).toBe(200);
      expectErrorPage(await decide(requestId, 'approve', {}, m.issuer), /Request expired/);
    } finally {
      await m.close();
    }
  });

  it('RED-6: the decision endpoint takes POST only; GET answers 405 and redirects nowhere', async () => {
    const { requestId } = await openConsent();
    const r = await call(mock.issuer, `/oauth/authorize/decision?request_id=${requestId}&decision=approve`);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expect(r.headers.get('location')).toBeNull();
  });

  it('RED-6: the consent page and the error pages cannot be framed (X-Frame-Options, frame-ancestors) and are not cached', async () => {
    const { reply } = await openConsent();
    expectNoFraming(reply);
    const csp = reply.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    // The decision redirect goes to the client's origin: form-action must allow it (and nothing else).
    expect(csp).toMatch(new RegExp(`form-action 'self' ${CALLBACK_ORIGIN.replace(/\./g, '\\.')};`));
    expectErrorPage(await authorizeRequest(mock.issuer, { client_id: 'no-such-client', response_type: 'code' }), /Unknown client/);
  });

  it('RED-6: form-action names the redirect URI of each request: https origin, IPv6 loopback and private-use scheme', async () => {
    const reg = await post(
      mock.issuer,
      '/api/v1/applications',
      JSON.stringify({ name: 'Native app', client_type: 'public', redirect_uris: ['http://[::1]:9/cb', 'com.example.app:/oauth', 'https://app.example.com/cb'], allowed_scopes: ['openid'] }),
      { 'content-type': 'application/json', authorization: 'Bearer demo-registration-token' },
    );
    expect(reg.status, reg.text).toBe(201);
    const clientId = reg.json.client_id as string;
    const cspFor = async (redirect_uri: string) =>
      (await openConsent({ client_id: clientId, redirect_uri, scope: 'openid' })).reply.headers.get('content-security-policy');
    expect(await cspFor('https://app.example.com/cb')).toContain("form-action 'self' https://app.example.com;");
    expect(await cspFor('http://[::1]:9/cb')).toContain("form-action 'self' http:;");
    expect(await cspFor('com.example.app:/oauth')).toContain("form-action 'self' com.example.app:;");
  });

  it('RED-6: a client name and scope with markup (from --config) are shown escaped, never as HTML', async () => {
    const { reply } = await openConsent({ client_id: 'hostile-app', scope: `openid ${EVIL_SCOPE}` }, hostile.issuer);
    expect(reply.text).not.toContain('<script>');
    expect(reply.text).not.toContain('<img');
    expect(reply.text).toContain('Authorize &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &amp; &quot;Co&quot; &#39;Ltd&#39;?');
    expect(reply.text).toContain('<code>&lt;img/src=x/onerror=alert(1)&gt;</code>');
  });

  it('RED-6: a client registered through the registration API with a <script> name is shown escaped', async () => {
    const reg = await post(
      mock.issuer,
      '/api/v1/applications',
      JSON.stringify({ name: '<script>alert(1)</script>', client_type: 'public', redirect_uris: [DEMO_REDIRECT], allowed_scopes: ['openid', '<b>bold</b>'] }),
      { 'content-type': 'application/json', authorization: 'Bearer demo-registration-token' },
    );
    expect(reg.status, reg.text).toBe(201);
    const { reply } = await openConsent({ client_id: reg.json.client_id as string, scope: 'openid <b>bold</b>' });
    expect(reply.text).not.toMatch(/<script>|<b>/);
    expect(reply.text).toContain('Authorize &lt;script&gt;alert(1)&lt;/script&gt;?');
    expect(reply.text).toContain('<code>&lt;b&gt;bold&lt;/b&gt;</code>');
  });
});

describe('consent page in a browser', () => {
  // One browser and one page for the file: each test navigates afresh.
  let browser: Browser;
  let page: Page;
  let callbacks: string[];
  const dialogs: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    // Requests to the callback origin are answered inside the browser: nothing listens there.
    callbacks = await interceptOrigin(page, CALLBACK_ORIGIN);
  });
  afterAll(async () => { await browser?.close(); });
  beforeEach(() => {
    callbacks.length = 0;
    dialogs.length = 0;
  });

  function authorizationUrl(challenge: string, issuer = mock.issuer, over: Record<string, string> = {}): string {
    const q = new URLSearchParams({
      response_type: 'code', client_id: 'demo-public', redirect_uri: DEMO_REDIRECT, scope: 'openid profile email',
      state: STATE, code_challenge: challenge, code_challenge_method: 'S256', ...over,
    });
    return `${issuer}/oauth/authorize?${q.toString()}`;
  }

  it('RED-6, RED-7: a person sees the client and scopes, clicks Approve, lands on the redirect_uri with code + exact state + iss, and the code redeems for tokens', async () => {
    const { verifier, challenge } = pkcePair();
    await page.goto(authorizationUrl(challenge));
    await expect.poll(() => page.title()).toBe('Authorize · authprobe');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Authorize Demo public client?');
    expect(await page.locator('li code').allTextContents()).toEqual(['openid', 'profile', 'email']);
    expect(await page.locator('body').textContent()).toContain(`You will be sent back to ${DEMO_REDIRECT}.`);
    await page.screenshot({ path: '/tmp/authprobe-consent-page.png' });

    await Promise.all([page.waitForURL(`${CALLBACK_ORIGIN}/**`), page.getByRole('button', { name: 'Approve' }).click()]);
    expect(callbacks).toHaveLength(1);
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(DEMO_REDIRECT);
    expect(landed.searchParams.get('state')).toBe(STATE);
    expect(landed.searchParams.get('iss')).toBe(mock.issuer);
    const tokens = await redeem(landed.searchParams.get('code')!, verifier);
    expect(tokens.status, tokens.text).toBe(200);
    expect(tokens.json).toMatchObject({ token_type: 'Bearer', scope: 'openid profile email', refresh_token: expect.any(String) });
  });

  it('RED-5, RED-7: clicking Deny lands on the redirect_uri with error=access_denied and the exact state', async () => {
    await page.goto(authorizationUrl(pkcePair().challenge));
    await Promise.all([page.waitForURL(`${CALLBACK_ORIGIN}/**`), page.getByRole('button', { name: 'Deny' }).click()]);
    expect(callbacks).toHaveLength(1);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('state')).toBe(STATE);
    expect(landed.searchParams.get('iss')).toBe(mock.issuer);
    expect(landed.searchParams.has('code')).toBe(false);
  });

  it('CODE-1: submitting the same consent form a second time shows the error page and does not reach the client twice', async () => {
    await page.goto(authorizationUrl(pkcePair().challenge));
    const html = await page.content();
    await Promise.all([page.waitForURL(`${CALLBACK_ORIGIN}/**`), page.getByRole('button', { name: 'Approve' }).click()]);
    // Back would fetch a fresh page (no-store, a new request id): show the old form again on the
    // server's own origin (the decision refuses forms posted from elsewhere), as a stale tab would.
    const stale = `${mock.issuer}/stale-consent-tab`;
    await page.route(stale, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(stale);
    await Promise.all([page.waitForURL(`${mock.issuer}/oauth/authorize/decision`), page.getByRole('button', { name: 'Approve' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Request expired');
    expect(callbacks).toHaveLength(1);
  });

  it('RED-6: a client name and scope with markup are shown as text; no script runs', async () => {
    await page.goto(authorizationUrl(pkcePair().challenge, hostile.issuer, { client_id: 'hostile-app', scope: `openid ${EVIL_SCOPE}` }));
    expect(await page.title()).toBe('Authorize · authprobe');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Authorize ${EVIL_NAME}?`);
    expect(await page.locator('li code').allTextContents()).toEqual(['openid', EVIL_SCOPE]);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('RED-6: a page on another origin cannot frame the consent page (clickjacking)', async () => {
    const site = await startFramingSite(authorizationUrl(pkcePair().challenge));
    try {
      await page.goto(site.url);
      const framed = (await (await page.waitForSelector('#target')).contentFrame())!;
      const control = (await (await page.waitForSelector('#control')).contentFrame())!;
      // The control frame (no anti-framing headers) loads; the consent page ends on Chromium's error document.
      await expect.poll(() => control.locator('button').count(), { timeout: 5000 }).toBe(1);
      await expect.poll(() => framed.url(), { timeout: 5000 }).toMatch(/^chrome-error:/);
      expect(await framed.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    } finally {
      await site.close();
    }
  });
});
