/**
 * For the mock's browser tests: Debian's chromium (/usr/bin/chromium, installed by .ci/run)
 * driven by playwright-core. No browser is ever downloaded; a missing chromium is a clear error.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// Headless and quiet: no sandbox (CI runs as root), no network of its own besides the test's.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no browser at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y --no-install-recommends chromium); .ci/run does this`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 15_000 });
}

/**
 * Answers every request to `origin` inside the browser (nothing is sent on the network) and
 * records the URL of each navigation. page.route is not called for requests reached through a
 * server redirect, which is how the authorization response arrives: this uses the DevTools
 * Fetch domain instead.
 */
export async function interceptOrigin(page: Page, origin: string, body = '<!doctype html><title>callback</title><h1>callback</h1>'): Promise<string[]> {
  const seen: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Fetch.requestPaused', (e) => {
    // Navigations only: the callback page's own favicon request is no authorization response.
    if (e.resourceType === 'Document') seen.push(e.request.url);
    void cdp.send('Fetch.fulfillRequest', {
      requestId: e.requestId,
      responseCode: 200,
      responseHeaders: [{ name: 'content-type', value: 'text/html; charset=utf-8' }],
      body: Buffer.from(body).toString('base64'),
    }).catch(() => undefined);
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${origin}/*`, requestStage: 'Request' }] });
  return seen;
}

export interface FramingSite {
  /**
   * http://127.0.0.1:<port>/ — another origin than the mock's, on the same site (ports do not
   * make sites), so the browser sends no cross-site markers with the framed request.
   */
  url: string;
  /** A plain page with a button on another origin (http://localhost:<port>): framing works for it. */
  plainUrl: string;
  close(): Promise<void>;
}

/**
 * A hostile page for clickjacking checks: it frames `target` and, as the control that shows
 * framing works at all, a plain cross-origin page. Served from loopback so that the browser's
 * local-network rules do not get in the way.
 */
export async function startFramingSite(target: string): Promise<FramingSite> {
  let port = 0;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/plain'
      ? '<!doctype html><button>plain</button>'
      : `<!doctype html><iframe id="target" src="${target.replace(/"/g, '&quot;')}" width="600" height="400"></iframe><iframe id="control" src="http://localhost:${port}/plain"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    plainUrl: `http://localhost:${port}/plain`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
