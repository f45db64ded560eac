/**
 * The dashboard's client-conformance section (`/_mock/`), in Debian's chromium: a client's
 * mistake (a client_secret from a public client, CL-10) shows live as a failing badge with its
 * evidence; a client_id and evidence that carry markup are shown as text, never run.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../index.js';
import { launchBrowser } from '../../testing/browser.js';
import { authorizeRequest, DEMO_REDIRECT, location, pkcePair, post } from '../../testing/http-kit.js';

let mock: RunningMock;
let browser: Browser;
const WAIT = { timeout: 15_000 };

beforeAll(async () => {
  mock = await startMock({ port: 0, consent: 'auto', desktop: false });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

describe('OAuth dashboard: client conformance', () => {
  it('CL-10, CL-14: a client mistake shows live with its ID and evidence; markup in a client_id stays text', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => { errors.push(`dialog ${d.message()}`); void d.dismiss(); });
    await page.goto(`${mock.issuer}/_mock/`);
    await expect.poll(() => page.locator('#live').textContent(), WAIT).toBe('connected');
    expect(await page.locator('#conformance').textContent()).toContain('no client has sent');

    const { verifier, challenge } = pkcePair();
    const a = await authorizeRequest(mock.issuer, { response_type: 'code', client_id: 'demo-public', redirect_uri: DEMO_REDIRECT, state: 'Zx8mQ2rT7vLp4nWb9kYc', code_challenge: challenge, code_challenge_method: 'S256' });
    const code = location(a)!.searchParams.get('code')!;
    await post(mock.issuer, '/oauth/token', { grant_type: 'authorization_code', code, client_id: 'demo-public', client_secret: 'shh', code_verifier: verifier, redirect_uri: DEMO_REDIRECT });
    const hostile = '${<img src=x onerror=alert(1)>}';
    await post(mock.issuer, '/oauth/token', { grant_type: 'refresh_token', refresh_token: 'x', client_id: hostile });

    const row = page.locator('#conformance tr[data-client="demo-public"]');
    await expect.poll(() => row.getAttribute('data-fails'), WAIT).toBe('1');
    expect(await row.locator('.verdicts li[data-id="CL-10"]').getAttribute('data-status')).toBe('fail');
    expect(await row.locator('.verdicts li[data-id="CL-1"]').getAttribute('data-status')).toBe('pass');
    expect(await row.locator('.findings').textContent()).toMatch(/CL-10 fail: client_secret \(3 chars\) sent by a public client/);
    const evil = page.locator('#conformance tr').filter({ hasText: 'onerror' });
    await expect.poll(() => evil.count(), WAIT).toBe(1);
    expect(await evil.locator('strong').first().textContent()).toBe(hostile);
    expect(await page.locator('#conformance img').count()).toBe(0);
    expect(await page.locator('#conformance-count').textContent()).toBe('2 client(s), 2 failing');
    await fetch(`${mock.issuer}/_mock/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: 'authorize', action: { adversary: 'wrong-state', client_id: 'demo-public' } }) });
    await expect.poll(() => page.locator('#scenarios').textContent(), WAIT).toContain('adversarial answer wrong-state for demo-public');
    expect(errors).toEqual([]);
    await page.close();
  });
});
