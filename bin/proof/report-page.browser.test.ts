/**
 * The HTML report (`authprobe test --html`) as a person reads it, in Debian's chromium through
 * playwright-core: a run against a mock with defects, failures first, filtered to FAIL only and
 * searched by ID, copied from, printed, read without JavaScript and at a phone's width, with
 * its CSP refusing nothing the page needs and everything a hostile target could slip in.
 * Screenshots at 1,280 and 390 px are written as test artifacts (and to docs/screenshots/ with
 * UPDATE_DOCS_SCREENSHOTS=1; see screenshots.test-support.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshotPaths } from './screenshots.test-support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/index.js';
import { launchBrowser } from '../../mocks/testing/browser.js';
import { targetForMock } from '../mock-target.js';
import { defineTarget } from '../../suites/target/load.js';
import { runSuites } from '../../suites/runner/run.js';
import type { Report, RequirementResult } from '../../suites/runner/types.js';
import { toHtml } from '../../suites/report/html.js';

// PKCE-2 and CC-2 break product documents, ROT-2/ROT-3 the BCP; RED-7 and CODE-2 are warnings.
const DEFECTS = ['pkce-plain-accepted', 'users-api-any-scope', 'old-refresh-valid', 'iss-missing', 'code-reusable'];

let dir: string;
let report: Report;
let reportUrl: string;
let browser: Browser;

/** Everything the page says about its policy or its script: CSP refusals, errors, dialogs. */
interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

async function open(url: string, options: { width?: number; javaScriptEnabled?: boolean; clipboard?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  // Init scripts run outside the page's CSP: they watch it without being subject to it.
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (options.clipboard === false) {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  }
  await page.goto(url);
  return { page, context, problems };
}

async function violations(w: Watched): Promise<string[]> {
  const seen = await w.page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
  return [...seen, ...w.problems];
}

const visibleIds = (page: Page) => page.locator('article.req:visible').evaluateAll((els) => els.map((e) => e.id));
const visibleStatuses = (page: Page) => page.locator('article.req:visible .status').allTextContents();

async function pageWidths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

function byId(id: string): RequirementResult {
  const r = report.results.find((x) => x.id === id);
  if (!r) throw new Error(`${id} is not in the report`);
  return r;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authprobe-report-page-'));
  const mock = await startMock({ port: 0, consent: 'auto', desktop: false, defects: DEFECTS as never });
  try {
    report = await runSuites(defineTarget(targetForMock(mock)), { seed: 5 });
  } finally {
    await mock.close();
  }
  const file = join(dir, 'report.html');
  writeFileSync(file, toHtml(report));
  reportUrl = pathToFileURL(file).href;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HTML report in a browser', () => {
  it('the run has what the page must show: failures (one of a product rule), warnings, passes and skips', () => {
    expect(byId('PKCE-2')).toMatchObject({ status: 'fail', rule: 'public-clients' });
    expect(byId('ROT-3')).toMatchObject({ status: 'fail', rule: 'BCP' });
    expect(byId('RED-7').status).toBe('warn');
    expect(report.summary.pass).toBeGreaterThan(10);
    expect(report.summary.skip).toBeGreaterThan(0);
    // The rules mode is said in the summary either way.
    expect(toHtml({ ...report, rules: 'rfc' })).toContain('<dt>Rules</dt><dd>rfc: RFC and BCP rules only; product-document rows are skipped</dd>');
  });

  it('summary: counts by status and area, the verdict, target, seed, duration and rules mode; failures first, then warnings', async () => {
    const w = await open(reportUrl);
    const { page } = w;
    expect(await page.locator('#verdict').textContent()).toBe(report.verdict);
    const tiles = await page.locator('.tiles li').allTextContents();
    expect(tiles[0]).toMatch(new RegExp(`^${report.summary.fail}fail`));
    expect(tiles[1]).toBe(`${report.summary.warn}warn`);
    expect(tiles[4]).toBe(`${report.summary.total}total`);
    const meta = await page.locator('.meta').innerText();
    expect(meta).toContain(report.target.issuer);
    expect(meta).toMatch(new RegExp(`Seed\\s+${report.seed}`));
    expect(meta).toMatch(/Rules\s+all: RFC, BCP/);
    expect(meta).toMatch(/Duration\s+\d+\.\d s/);
    // By area: each area's non-zero counts, worst first.
    for (const area of ['ROT', 'CODE', 'DSK']) {
      const counts = ['fail', 'warn', 'pass', 'skip']
        .map((st) => [report.results.filter((r) => r.area === area && r.status === st).length, st] as const)
        .filter(([n]) => n > 0)
        .map(([n, st]) => `${n} ${st}`);
      expect(await page.locator(`.areas li[data-area="${area}"]`).textContent()).toBe(`${area} ${counts.join(' · ')}`);
    }
    // The verdict's IDs lead to their rows.
    await page.locator('#verdict a', { hasText: 'ROT-3' }).click();
    expect(await page.evaluate(() => location.hash)).toBe('#ROT-3');
    await expect.poll(() => page.locator('#ROT-3').isVisible()).toBe(true);

    const statuses = await visibleStatuses(page);
    const rank = { FAIL: 0, WARN: 1, PASS: 2, SKIP: 2 } as Record<string, number>;
    expect(statuses.map((s) => rank[s])).toEqual([...statuses.map((s) => rank[s])].sort());
    expect(statuses[0]).toBe('FAIL');

    // A product document's failure says so, beside the badge that names the document.
    const pkce2 = page.locator('#PKCE-2');
    expect(await pkce2.locator('.rule').textContent()).toBe('product rule · public-clients');
    await expect.poll(() => pkce2.locator('.product-note').isVisible()).toBe(true);
    expect(await page.locator('#ROT-3 .rule').textContent()).toBe('BCP');
    expect(await page.locator('#ROT-3 .product-note').count()).toBe(0);
    expect(await violations(w)).toEqual([]);
    await w.context.close();
  });

  it('filters: FAIL only shows only FAIL rows; an ID search finds that requirement alone; area and level narrow it', async () => {
    const w = await open(reportUrl);
    const { page } = w;
    await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
    for (const st of ['warn', 'pass', 'skip']) await page.locator(`#filters input[name=status][value=${st}]`).uncheck();
    const fails = report.results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(await visibleStatuses(page)).toEqual(fails.map(() => 'FAIL'));
    expect(await visibleIds(page)).toEqual(fails);
    expect(await page.locator('#shown-count').textContent()).toBe(`${fails.length} of ${report.results.length} shown`);
    // The sections of other statuses go with their rows.
    expect(await page.locator('section.group:visible h2').allTextContents()).toEqual([`Failures (${fails.length})`]);

    await page.locator('#filters button[type=reset]').click();
    await expect.poll(() => visibleIds(page).then((ids) => ids.length)).toBe(report.results.length);

    await page.locator('#filters input[name=q]').fill('rot-3');
    expect(await visibleIds(page)).toEqual(['ROT-3']);
    // `DSK-1` is that requirement, not DSK-10, DSK-11 and DSK-12.
    await page.locator('#filters input[name=q]').fill('DSK-1');
    expect(await visibleIds(page)).toEqual(['DSK-1']);
    await page.locator('#filters input[name=q]').fill('refresh token');
    const words = await visibleIds(page);
    expect(words.length).toBeGreaterThan(1);
    expect(words.every((id) => `${byId(id).text} ${byId(id).message ?? ''}`.toLowerCase().includes('refresh'))).toBe(true);

    await page.locator('#filters button[type=reset]').click();
    await page.locator('#filters select[name=area]').selectOption('ROT');
    await page.locator('#filters select[name=level]').selectOption('SHOULD');
    const expected = report.results.filter((r) => r.area === 'ROT' && r.level === 'SHOULD').map((r) => r.id);
    expect(await visibleIds(page)).toEqual(expect.arrayContaining(expected));
    expect((await visibleIds(page)).length).toBe(expected.length);

    await page.locator('#filters button[type=reset]').click();
    await page.locator('#filters select[name=rule]').selectOption('product');
    expect((await visibleIds(page)).every((id) => !['RFC', 'BCP'].includes(byId(id).rule))).toBe(true);
    await page.locator('#filters input[name=q]').fill('no such requirement anywhere');
    expect(await page.locator('#none-shown').isVisible()).toBe(true);
    expect(await violations(w)).toEqual([]);
    await w.context.close();
  });

  it('a failure shows its counterexample indented, its replay command and its curl exchanges, each copied with one click', async () => {
    const w = await open(reportUrl);
    const { page, context } = w;
    const pkce2 = byId('PKCE-2');
    const counterexample = await page.locator('#PKCE-2 pre.counterexample').textContent();
    expect(counterexample).toMatch(/^\[\n {2}\{/);
    expect(JSON.parse(counterexample ?? '')).toEqual(JSON.parse(pkce2.counterexample ?? ''));
    expect(await page.locator('#PKCE-2-replay').textContent()).toBe(pkce2.replay);
    expect(await page.locator('#PKCE-2 .exchanges pre[id]').first().textContent()).toBe(pkce2.exchanges?.[0]?.curl);
    expect(await page.locator('#PKCE-2 .exchanges').isVisible()).toBe(true);

    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const copyReplay = page.locator('button[data-copy="PKCE-2-replay"]');
    await copyReplay.click();
    await expect.poll(() => copyReplay.textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pkce2.replay);
    await page.locator('button[data-copy="PKCE-2-x1"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(pkce2.exchanges?.[0]?.curl);
    expect(await violations(w)).toEqual([]);
    await context.close();

    // Without the Clipboard API the button selects the command for Ctrl+C.
    const bare = await open(reportUrl, { clipboard: false });
    const button = bare.page.locator('button[data-copy="ROT-3-replay"]');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Selected: press Ctrl+C');
    expect(await bare.page.evaluate(() => window.getSelection()?.toString())).toBe(byId('ROT-3').replay);
    expect(await violations(bare)).toEqual([]);
    await bare.context.close();
  });

  it('no horizontal scroll at 1,280 and 390 px, with every detail open; screenshots for the docs', async () => {
    for (const width of [1280, 390]) {
      const w = await open(reportUrl, { width });
      const { page } = w;
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      expect(await page.locator('article.req').count()).toBe(report.results.length);
      for (const path of screenshotPaths(`report-${width}.png`)) await page.screenshot({ path });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const { scrollWidth, innerWidth } = await pageWidths(page);
      expect(scrollWidth, `at ${width} px`).toBeLessThanOrEqual(innerWidth);
      // Nor does any row scroll inside itself (a pre with overflow would hide the end of a URL).
      const clipped = await page.locator('pre').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.id || e.className));
      expect(clipped, `at ${width} px`).toEqual([]);
      expect(await violations(w)).toEqual([]);
      await w.context.close();
    }
  });

  it('prints with every detail open and no buttons or filters', async () => {
    const w = await open(reportUrl);
    const { page } = w;
    const closed = page.locator('#RED-7 details');
    expect(await closed.getAttribute('open')).toBeNull();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#RED-7 .exchanges').isVisible()).toBe(true);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('button.copy:visible').count()).toBe(0);
    const { scrollWidth, innerWidth } = await pageWidths(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect((await page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await violations(w)).toEqual([]);
    await w.context.close();
  });

  it('without JavaScript every row and its evidence is there; the filters and copy buttons, which would do nothing, are not', async () => {
    const w = await open(reportUrl, { javaScriptEnabled: false });
    const { page } = w;
    expect(await page.locator('article.req:visible').count()).toBe(report.results.length);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('button.copy:visible').count()).toBe(0);
    expect(await page.locator('#PKCE-2-replay').isVisible()).toBe(true);
    expect(await page.locator('#PKCE-2 .exchanges').isVisible()).toBe(true);
    await w.context.close();
  });

  it('a hostile target cannot run script or load anything: its strings show as text, in rows, attributes and the script data', async () => {
    const evil = `</script><script>alert("xss")</script><img src=x onerror=alert(1)>"'><svg onload=alert(2)>\u2028<!--`;
    const hostile: Report = {
      ...report,
      target: { ...report.target, issuer: `https://evil.example/${evil}` },
      verdict: `${report.verdict} ${evil}`,
      warnings: [evil],
      results: report.results.map((r) =>
        r.id === 'PKCE-2'
          ? { ...r, message: evil, counterexample: JSON.stringify([evil]), replay: `npx authprobe test --replay '${evil}'`, exchanges: [{ curl: `curl -i '${evil}'`, answer: evil }] }
          : r,
      ),
    };
    const file = join(dir, 'hostile.html');
    writeFileSync(file, toHtml(hostile));
    const w = await open(pathToFileURL(file).href);
    const { page } = w;
    await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
    expect(await page.locator('#PKCE-2 .message').textContent()).toBe(evil);
    expect(await page.locator('#PKCE-2-replay').textContent()).toBe(hostile.results.find((r) => r.id === 'PKCE-2')?.replay);
    expect(await page.locator('.warnings li').textContent()).toBe(`Warning: ${evil}`);
    expect(await page.locator('img, svg, iframe').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    // The search index carries the strings as data: searching finds the row by them.
    await page.locator('#filters input[name=q]').fill('onerror=alert(1)');
    expect(await visibleIds(page)).toEqual(['PKCE-2']);
    expect(await violations(w)).toEqual([]);
    await w.context.close();
  });
});
