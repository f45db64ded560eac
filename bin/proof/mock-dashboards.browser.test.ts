/**
 * The mock's two pages as a person uses them, in Debian's chromium through playwright-core:
 * the OAuth dashboard (`/_mock/`) follows a code flow, a refresh and the reuse of the old refresh
 * token live and turns the family red (ROT-3); its clock control expires an access token that
 * introspection then calls inactive (EXP-2); scenarios are queued and cleared from it. The desktop
 * dashboard (`/_mock/desktop/`) at a phone's width approves a prompt, moves the clock and fills
 * its activity log (DSK-1, DSK-10). Neither page scrolls sideways at 1,280 or 390 px, and neither
 * violates its CSP. Screenshots go through screenshotPaths() (test-artifacts; docs/screenshots/
 * with UPDATE_DOCS_SCREENSHOTS=1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { launchBrowser } from '../../mocks/testing/browser.js';
import { initBody } from '../../mocks/testing/desktop-harness.js';
import { CONFIDENTIAL, post, refreshWith, tokens } from '../../mocks/testing/http-kit.js';
import { screenshotPaths } from './screenshots.test-support.js';

let dir: string;
let mock: RunningMock;
let browser: Browser;
const WAIT = { timeout: 15_000 };

/** A page that records CSP violations, script errors and dialogs. */
async function open(url: string, width: number): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  const page = await context.newPage();
  const seen: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') seen.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { seen.push(`dialog: ${d.message()}`); void d.dismiss(); });
  // Init scripts run outside the page's CSP: they watch it without being subject to it.
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  const problems = async () => [...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)), ...seen];
  return { page, problems };
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function shoot(page: Page, name: string): Promise<void> {
  for (const path of screenshotPaths(name)) await page.screenshot({ path, fullPage: true });
}

/** RFC 7662 §2.1: introspection by an authenticated (confidential) client. */
const active = async (token: string) => (await post(mock.issuer, '/oauth/introspect', { token }, { authorization: CONFIDENTIAL })).json.active;

const jti = (jwt: string): string => (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string }).jti;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authprobe-dashboards-'));
  mock = await startMock({ port: 0, consent: 'auto', desktop: { socketPath: join(dir, 'desktop.sock') } });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('OAuth dashboard at /_mock/ in a browser', () => {
  it('ROT-3: a code flow, a refresh and the reuse of the old refresh token show live; the family turns red; no token is shown whole', async () => {
    const { page, problems } = await open(`${mock.issuer}/_mock/`, 1280);
    await expect.poll(() => page.locator('#live').textContent(), WAIT).toBe('connected');
    await expect.poll(() => page.locator('#clients tr').count(), WAIT).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#clients').textContent()).toContain('demo-confidential');
    expect(await page.locator('#families').textContent()).toContain('none yet');

    // Driven over HTTP, as a client would; the page is never reloaded.
    const first = await tokens(mock.issuer);
    const family = page.locator('li.family').first();
    await expect.poll(() => family.getAttribute('data-state'), WAIT).toBe('active');
    await expect.poll(() => family.locator('ol.chain li').allTextContents(), WAIT).toEqual([expect.stringMatching(/^issued \S+… \d\d:\d\d:\d\d \(current\)$/)]);

    const rotated = await refreshWith(mock.issuer, first.refresh_token!);
    expect(rotated.status).toBe(200);
    await expect.poll(() => family.locator('ol.chain li').evaluateAll((els) => els.map((e) => e.className)), WAIT).toEqual(['issued', 'rotated']);

    const reuse = await refreshWith(mock.issuer, first.refresh_token!);
    expect([reuse.status, reuse.json.error]).toEqual([400, 'invalid_grant']);
    await expect.poll(() => family.getAttribute('data-state'), WAIT).toBe('reused');
    expect(await family.locator('ol.chain li').evaluateAll((els) => els.map((e) => e.className))).toEqual(['issued', 'rotated', 'reused', 'revoked']);
    const reused = family.locator('ol.chain li.reused');
    expect(await reused.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(217, 45, 32)');
    expect(await family.evaluate((e) => getComputedStyle(e).borderLeftColor)).toBe('rgb(217, 45, 32)');
    expect(await family.locator('.badge').textContent()).toBe('reuse detected');

    // The requests with their verdicts: the refused reuse is the newest token request.
    const newest = page.locator('#requests tr').first();
    await expect.poll(() => newest.locator('td').allTextContents(), WAIT).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d$/), 'POST /oauth/token refresh_token', '400', 'invalid_grant']);
    expect(await page.locator('#requests').textContent()).toContain('GET /oauth/authorize');

    // Prefixes only: no token the mock issued appears in the page.
    const text = (await page.content()) + (await page.locator('body').innerText());
    for (const t of [first.refresh_token!, first.access_token!, rotated.json.refresh_token as string, rotated.json.access_token as string, jti(first.access_token!)])
      expect(text.includes(t), 'a whole token is on the page').toBe(false);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });

  it('EXP-2: moving the clock from the page expires an access token: introspection turns inactive and the page says expired', async () => {
    const { page, problems } = await open(`${mock.issuer}/_mock/`, 1280);
    await expect.poll(() => page.locator('#live').textContent(), WAIT).toBe('connected');
    const issued = await tokens(mock.issuer);
    const access = issued.access_token!;
    expect(await active(access)).toBe(true);
    const token = page.locator('li.access-token', { hasText: jti(access).slice(0, 6) });
    await expect.poll(() => token.getAttribute('data-state'), WAIT).toBe('active');
    const before = Number(await page.locator('#clock').getAttribute('data-now'));

    await page.getByRole('button', { name: '+1 day' }).click();
    await expect.poll(() => page.locator('#clock').getAttribute('data-now').then(Number), WAIT).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(await active(access)).toBe(false);
    await expect.poll(() => token.getAttribute('data-state'), WAIT).toBe('expired');
    expect(await token.textContent()).toMatch(/expired \d+ h ago/);
    expect(await page.locator('#offset').textContent()).toMatch(/ahead of real time/);
    // The refresh token (30 days) outlives the access token: the family is still active.
    expect(await page.locator('li.family', { has: token }).getAttribute('data-state')).toBe('active');

    // A bad move is refused with the mock's own words, not a silent nothing.
    await page.locator('#advance-seconds').fill('-5');
    await page.getByRole('button', { name: 'Move clock' }).click();
    await expect.poll(() => page.locator('#message').textContent(), WAIT).toMatch(/only moves forward/);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });

  it('scenarios are queued and cleared from the page; defects are shown as fixed at start-up', async () => {
    const { page, problems } = await open(`${mock.issuer}/_mock/`, 1280);
    await expect.poll(() => page.locator('#live').textContent(), WAIT).toBe('connected');
    expect(await page.locator('#defects-note').textContent()).toMatch(/^None: the mock is conformant\. Defects are fixed when the mock starts/);
    await page.locator('#scenario-endpoint').selectOption('token');
    await page.locator('#scenario-value').fill('temporarily_unavailable');
    await page.locator('#scenario-times').fill('2');
    await page.getByRole('button', { name: 'Queue' }).click();
    await expect.poll(() => page.locator('#scenarios tr').first().locator('td').allTextContents(), WAIT).toEqual(['token', '2', 'error temporarily_unavailable']);
    const refused = await refreshWith(mock.issuer, 'whatever');
    expect(refused.json.error).toBe('temporarily_unavailable');
    await expect.poll(() => page.locator('#scenarios tr').first().locator('td').nth(1).textContent(), WAIT).toBe('1');
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => page.locator('#scenarios').textContent(), WAIT).toBe('none queued');
    expect((await refreshWith(mock.issuer, 'whatever')).json.error).toBe('invalid_grant');
    expect(await problems()).toEqual([]);
    await page.context().close();
  });

  it('fits 1,280 and 390 px without sideways scrolling (screenshots)', async () => {
    for (const width of [1280, 390]) {
      const { page, problems } = await open(`${mock.issuer}/_mock/`, width);
      await expect.poll(() => page.locator('li.family').count(), WAIT).toBeGreaterThanOrEqual(2);
      await expect.poll(() => page.locator('li.family[data-state=reused]').count(), WAIT).toBeGreaterThanOrEqual(1);
      expect(await horizontalOverflow(page), `sideways scroll at ${width} px`).toBeLessThanOrEqual(0);
      await shoot(page, `oauth-dashboard-${width}.png`);
      expect(await problems()).toEqual([]);
      await page.context().close();
    }
  });

  it('refuses framing: CSP frame-ancestors none, X-Frame-Options DENY, one hashed script', async () => {
    const res = await fetch(`${mock.issuer}/_mock/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect((await res.text()).match(/<script/g)).toHaveLength(1);
  });
});

interface SocketAnswer { status: number; body: any }

/** A data-plane request over the Unix socket, on its own connection. */
function overSocket(method: string, path: string, body?: unknown): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: mock.desktopSocket!, method, path, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.setTimeout(20_000, () => req.destroy(new Error(`${method} ${path}: no answer in 20 s`)));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('desktop dashboard at a phone width in a browser', () => {
  it('DSK-1, DSK-10: at 390 px a prompt is approved from the page, the clock moves, the activity log fills; no sideways scroll', async () => {
    const { page, problems } = await open(`${mock.issuer}/_mock/desktop/`, 390);
    await expect.poll(() => page.locator('#state').textContent(), WAIT).toMatch(/^unlocked · integration on · socket /);
    expect(await page.locator('#activity').textContent()).toBe('none');

    const init = overSocket('POST', '/v1/clients', initBody('Demo Account', 'Phone Test'));
    await expect.poll(() => page.getByRole('button', { name: 'Approve' }).count(), WAIT).toBe(1);
    expect(await horizontalOverflow(page), 'sideways scroll with a prompt at 390 px').toBeLessThanOrEqual(0);
    const approve = page.getByRole('button', { name: 'Approve' });
    const box = (await approve.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await approve.click();
    const answer = await init;
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);

    for (const name of ['VaultsList', 'VaultsList']) {
      const r = await overSocket('POST', `/v1/clients/${answer.body.clientId}/invoke`, { name, parameters: {} });
      expect(r.status).toBe(200);
    }
    await expect.poll(() => page.locator('#activity tr[data-outcome]').count(), WAIT).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#activity tr').first().locator('td').nth(1).textContent()).toBe('VaultsList');
    expect(await page.locator('#sessions').textContent()).toContain('Phone Test');
    expect(await horizontalOverflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await shoot(page, 'desktop-dashboard-390.png');

    const before = Date.parse(((await page.locator('#clock').textContent()) ?? '').replace(' UTC', 'Z').replace(' ', 'T'));
    await page.getByRole('button', { name: '+10 min' }).click();
    await expect.poll(async () => Number(await page.locator('#clock').getAttribute('data-now')) - before, WAIT).toBeGreaterThanOrEqual(600_000);

    expect(await horizontalOverflow(page), 'sideways scroll at 390 px after the clock moved').toBeLessThanOrEqual(0);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });

  it('DSK-1: at 1,280 px with a pending prompt, a session and activity (screenshot)', async () => {
    const { page, problems } = await open(`${mock.issuer}/_mock/desktop/`, 1280);
    await expect.poll(() => page.locator('#activity tr[data-outcome]').count(), WAIT).toBeGreaterThanOrEqual(2);
    // A live session beside the pending prompt: approved from the page, then used once.
    const first = overSocket('POST', '/v1/clients', initBody('Demo Account', 'First Tool'));
    await expect.poll(() => page.getByRole('button', { name: 'Approve' }).count(), WAIT).toBe(1);
    await page.getByRole('button', { name: 'Approve' }).click();
    const session = await first;
    expect(session.status).toBe(201);
    expect((await overSocket('POST', `/v1/clients/${session.body.clientId}/invoke`, { name: 'VaultsList', parameters: {} })).status).toBe(200);
    await expect.poll(() => page.locator('#sessions').textContent(), WAIT).toContain('First Tool');
    const init = overSocket('POST', '/v1/clients', initBody('Work Account', 'Second Tool'));
    await expect.poll(() => page.getByRole('button', { name: 'Deny' }).count(), WAIT).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'desktop-dashboard-1280.png');
    await page.getByRole('button', { name: 'Deny' }).click();
    expect((await init).status).toBe(403);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});
