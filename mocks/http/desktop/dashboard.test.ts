/**
 * The desktop dashboard (`GET /_mock/desktop`) as a person uses it in Debian's chromium: a
 * process asks for access over the real Unix socket, the prompt appears, the person clicks
 * Approve or Deny, and the page shows the session and the activity log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../index.js';
import { launchBrowser, startFramingSite } from '../../testing/browser.js';
import { initBody } from '../../testing/desktop-harness.js';

interface SocketAnswer { status: number; body: any }

let dir: string;
let mock: RunningMock;
let browser: Browser;
let dashboard: string;
// One page for the file: each test navigates to the dashboard afresh.
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authprobe-dash-'));
  mock = await startMock({ consent: 'auto', desktop: { socketPath: join(dir, 'desktop.sock') } });
  dashboard = `${mock.issuer}/_mock/desktop`;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  expect((await fetch(`${dashboard}/reset`, { method: 'POST' })).status).toBe(200);
});

/** A data-plane request over the Unix socket, on its own connection (as a separate SDK call would be). */
function overSocket(method: string, path: string, body?: unknown): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: mock.desktopSocket!, method, path, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** init_client, held by the app until the prompt is answered; `settled` tells whether it returned. */
function heldInit(integration: string) {
  const state = { settled: false };
  const answer = overSocket('POST', '/v1/clients', initBody('Demo Account', integration)).finally(() => { state.settled = true; });
  return { answer, state };
}

async function openDashboard(): Promise<void> {
  dialogs.length = 0;
  await page.goto(dashboard);
  await expect.poll(() => page.locator('#state').textContent()).toMatch(/^unlocked · integration on · socket /);
}

const rows = (table: 'prompts' | 'sessions' | 'activity') => page.locator(`#${table} tr`);
const cells = (table: 'prompts' | 'sessions' | 'activity', row = 0) => rows(table).nth(row).locator('td').allTextContents();

describe('desktop dashboard in a browser', () => {
  it('DSK-1, DSK-2, DSK-10: the pending prompt shows account, process and integration; Approve releases the held init; the session and the activity appear', async () => {
    await openDashboard();
    expect(await cells('prompts')).toEqual(['none']);
    const init = heldInit('Dashboard Test');
    // The page follows the app's events: the prompt shows up without a reload.
    await expect.poll(() => cells('prompts')).not.toEqual(['none']);
    const [account, proc, integration, scope, expires] = await cells('prompts');
    expect(account).toBe('Demo Account');
    expect(proc).toMatch(new RegExp(`^\\S.* \\(pid ${process.pid}\\)$`));
    expect(integration).toBe('Dashboard Test v1.0.0');
    expect(scope).toMatch(/^entire account, .*10 minutes/);
    expect(Date.parse(expires!)).toBeGreaterThan(Date.now() - 60_000);
    await page.screenshot({ path: '/tmp/authprobe-dashboard-prompt.png' });
    await new Promise((r) => setTimeout(r, 50));
    expect(init.state.settled, 'init_client must wait for the person').toBe(false);

    await page.getByRole('button', { name: 'Approve' }).click();
    const answer = await init.answer;
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.clientId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(answer.body.account.name).toBe('Demo Account');

    await expect.poll(() => cells('prompts')).toEqual(['none']);
    await expect.poll(() => cells('sessions')).not.toEqual(['none']);
    const session = await cells('sessions');
    expect(session.slice(0, 3)).toEqual(['Demo Account', proc, 'Dashboard Test v1.0.0']);

    const vaults = await overSocket('POST', `/v1/clients/${answer.body.clientId}/invoke`, { name: 'VaultsList', parameters: {} });
    expect(vaults.status).toBe(200);
    await expect.poll(() => cells('activity')).not.toEqual(['none']);
    const [time, command, who, acct, outcome] = await cells('activity');
    expect(Date.parse(time!)).not.toBeNaN();
    expect([command, who, acct, outcome]).toEqual(['VaultsList', proc, 'Demo Account', 'ok']);

    // After a reload the page shows the same state (nothing lives only in the page).
    await page.reload();
    await expect.poll(() => cells('activity')).toEqual([time, command, who, acct, outcome]);
    expect((await cells('sessions')).slice(0, 3)).toEqual(['Demo Account', proc, 'Dashboard Test v1.0.0']);
    await page.screenshot({ path: '/tmp/authprobe-dashboard.png', fullPage: true });
    expect(dialogs).toEqual([]);
  });

  it('DSK-3: Deny in the page answers the held init with AuthorizationDenied and leaves no session', async () => {
    await openDashboard();
    const init = heldInit('Denied Tool');
    await expect.poll(() => cells('prompts')).not.toEqual(['none']);
    await page.getByRole('button', { name: 'Deny' }).click();
    const answer = await init.answer;
    expect([answer.status, answer.body.name]).toEqual([403, 'AuthorizationDenied']);
    await expect.poll(() => cells('prompts')).toEqual(['none']);
    expect(await cells('sessions')).toEqual(['none']);
  });

  it('DSK-6: Lock in the page ends the session at once; the process then gets DesktopSessionExpired', async () => {
    await openDashboard();
    const init = heldInit('Locked Tool');
    await expect.poll(() => cells('prompts')).not.toEqual(['none']);
    await page.getByRole('button', { name: 'Approve' }).click();
    const { body } = await init.answer;
    await expect.poll(() => cells('sessions')).not.toEqual(['none']);

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => page.locator('#state').textContent()).toMatch(/^locked · /);
    expect(await cells('sessions')).toEqual(['none']);
    const after = await overSocket('POST', `/v1/clients/${body.clientId}/invoke`, { name: 'VaultsList', parameters: {} });
    expect([after.status, after.body.name]).toEqual([401, 'DesktopSessionExpired']);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.locator('#state').textContent()).toMatch(/^unlocked · /);
  });

  it('DSK-2: an integration name with markup, sent by a local process, is shown as text; no script runs', async () => {
    await openDashboard();
    const evil = `<img src=x onerror="alert('xss')">`;
    const init = heldInit(evil);
    await expect.poll(() => cells('prompts')).not.toEqual(['none']);
    expect((await cells('prompts'))[2]).toBe(`${evil} v1.0.0`);
    expect(await page.locator('#prompts img').count()).toBe(0);
    await page.getByRole('button', { name: 'Deny' }).click();
    await init.answer;
    expect(dialogs).toEqual([]);
  });

  it('DSK-1: a page on another origin that frames the dashboard shows nothing to click (clickjacking)', async () => {
    const site = await startFramingSite(dashboard);
    try {
      const init = heldInit('Framed Tool');
      await page.goto(site.url);
      const control = (await (await page.waitForSelector('#control')).contentFrame())!;
      await expect.poll(() => control.locator('button').count(), { timeout: 5000 }).toBe(1);
      const framed = (await (await page.waitForSelector('#target')).contentFrame())!;
      // The frame is refused (by the browser: frame-ancestors; or by the server: the framed request
      // is same-site, host-guard.ts), or the page loads and stays hidden inside it.
      const outcome = async () => {
        if (framed.url().startsWith('chrome-error:')) return 'refused by the browser';
        if ((await framed.locator('body').textContent().catch(() => ''))?.includes('ForbiddenOrigin')) return 'refused by the server';
        if ((await framed.locator('#prompts tr').count()) > 0 && (await framed.locator('button:visible').count()) === 0) return 'hidden';
        return 'not yet';
      };
      await expect.poll(outcome, { timeout: 10_000 }).not.toBe('not yet');
      expect(await framed.getByRole('button', { name: 'Approve' }).isVisible().catch(() => false)).toBe(false);
      // The held init is still pending: nobody approved it from the frame.
      await new Promise((r) => setTimeout(r, 50));
      expect(init.state.settled).toBe(false);
      const pending = (await (await fetch(`${dashboard}/prompts`)).json()) as { prompts: { id: string }[] };
      expect(pending.prompts).toHaveLength(1);
      await fetch(`${dashboard}/prompts/${pending.prompts[0]!.id}/deny`, { method: 'POST' });
      await init.answer;
    } finally {
      await site.close();
    }
  });
});

describe('desktop dashboard over HTTP', () => {
  it('DSK-1: the dashboard is HTML that is not cached and runs only its own inline script', async () => {
    const res = await fetch(dashboard, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    // The one inline script runs by its hash; nothing else may run, load or frame the page.
    expect(csp).toMatch(/default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('>Pending prompts</h2>');
    expect(html).not.toMatch(/<script src=/);
  });

  it('DSK-1: a cross-site page cannot approve a prompt through the browser (Origin check)', async () => {
    const init = heldInit('Cross Site');
    let prompts: { id: string }[] = [];
    await expect.poll(async () => (prompts = ((await (await fetch(`${dashboard}/prompts`)).json()) as { prompts: { id: string }[] }).prompts).length).toBe(1);
    const forged = await fetch(`${dashboard}/prompts/${prompts[0]!.id}/approve`, { method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { name: string }).name).toBe('ForbiddenOrigin');
    await new Promise((r) => setTimeout(r, 50));
    expect(init.state.settled).toBe(false);
    await fetch(`${dashboard}/prompts/${prompts[0]!.id}/deny`, { method: 'POST' });
    expect((await init.answer).status).toBe(403);
  });
});
