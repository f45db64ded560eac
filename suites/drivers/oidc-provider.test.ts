/**
 * The oidc-provider driver's own rules, against tiny loopback servers that misbehave on
 * purpose: bounded hops, never following a redirect off the server's origin, cookies by path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCookieJar, createOidcProviderDriver, parseForms } from './oidc-provider.mjs';
import type { DriverFetch } from './types.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, base: string) => void): Promise<string> {
  let base = '';
  const server = createServer((req, res) => handler(req, res, base));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return base;
}

/** Records every URL the driver requests. */
function recordingFetch(seen: string[]): DriverFetch {
  return (url, init) => {
    seen.push(String(url));
    return fetch(url, { ...init, redirect: 'manual' });
  };
}

describe('oidc-provider driver rules', () => {
  it('RED-1: returns a redirect off the server origin without requesting it', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:9/evil?code=x' }).end();
    });
    const seen: string[] = [];
    const url = `${base}/auth?redirect_uri=${encodeURIComponent('https://app.example.com/cb')}`;
    await expect(createOidcProviderDriver()(url, recordingFetch(seen))).resolves.toBe('http://127.0.0.1:9/evil?code=x');
    expect(seen).toEqual([url]);
  });

  it('RED-6: stops at the redirect_uri even when it is on the server origin', async () => {
    const base = await serve((req, res, b) => {
      if (req.url?.startsWith('/auth')) res.writeHead(303, { Location: `${b}/cb?code=c&state=s` }).end();
      else res.writeHead(500).end();
    });
    const seen: string[] = [];
    const result = await createOidcProviderDriver()(`${base}/auth?redirect_uri=${encodeURIComponent(`${base}/cb`)}`, recordingFetch(seen));
    expect(result).toBe(`${base}/cb?code=c&state=s`);
    expect(seen).toHaveLength(1);
  });

  it('PKCE-8: gives up after maxHops with a clear error on a redirect loop', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(302, { Location: '/loop' }).end();
    });
    const seen: string[] = [];
    await expect(createOidcProviderDriver({ maxHops: 5 })(`${base}/auth`, recordingFetch(seen))).rejects.toMatchObject({
      code: 'too_many_hops',
      message: expect.stringContaining('gave up after 5 requests'),
    });
    expect(seen).toHaveLength(5);
  });

  it('PKCE-8: carries cookies by path, fills the sign-in form, and never posts off-origin', async () => {
    const base = await serve((req, res, b) => {
      const cookie = req.headers.cookie ?? '';
      if (req.url === '/auth?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb') {
        res.setHeader('Set-Cookie', ['_i=one; Path=/interaction; HttpOnly', '_other=x; Path=/elsewhere', 'gone=1; Max-Age=0']);
        res.writeHead(303, { Location: '/interaction/1' }).end();
      } else if (req.url === '/interaction/1' && req.method === 'GET' && cookie === '_i=one') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(
          `<form method="post" action="${b}/interaction/1"><input type="hidden" name="csrf" value="a&amp;b"><input name="login"><input type="password" name="password"><button type="submit">Go</button></form>`,
        );
      } else if (req.url === '/interaction/1' && req.method === 'POST' && cookie === '_i=one') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c));
        req.on('end', () => {
          const form = new URLSearchParams(body);
          const ok = form.get('csrf') === 'a&b' && form.get('login') === 'bob' && form.get('password') === 'pw';
          res.writeHead(303, { Location: ok ? 'https://app.example.com/cb?code=ok' : 'https://app.example.com/cb?error=bad' }).end();
        });
      } else res.writeHead(400, { 'content-type': 'text/plain' }).end(`unexpected ${req.method} ${req.url} cookie=${cookie}`);
    });
    const driver = createOidcProviderDriver({ login: 'bob', password: 'pw' });
    await expect(driver(`${base}/auth?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb`, recordingFetch([]))).resolves.toBe(
      'https://app.example.com/cb?code=ok',
    );

    const offOrigin = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<form method="post" action="http://127.0.0.1:9/steal"><input name="login"><input type="password" name="password"></form>');
    });
    await expect(driver(`${offOrigin}/auth`, recordingFetch([]))).rejects.toMatchObject({ code: 'off_origin_form' });
  });

  it('TOK-2: a JSON error page without redirect becomes a clear no_form error with the body excerpt', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_request"}');
    });
    await expect(createOidcProviderDriver()(`${base}/auth`, recordingFetch([]))).rejects.toMatchObject({
      code: 'no_form',
      status: 400,
      message: expect.stringContaining('invalid_request'),
    });
  });

  it('PKCE-8: the jar expires cookies and matches paths on segment boundaries; forms decode entities', () => {
    const jar = createCookieJar();
    const at = new URL('http://127.0.0.1/auth/x');
    jar.store(new Headers([['set-cookie', 'a=1; Path=/auth'], ['set-cookie', 'b=2; Path=/']]), at);
    expect(jar.header(new URL('http://127.0.0.1/auth/uid'))).toBe('a=1; b=2');
    expect(jar.header(new URL('http://127.0.0.1/authx'))).toBe('b=2');
    jar.store(new Headers([['set-cookie', 'a=; Path=/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT']]), at);
    expect(jar.header(new URL('http://127.0.0.1/auth/uid'))).toBe('b=2');

    const [form] = parseForms(`<form action="/i/1?x=1&amp;y=2" method=POST><input type=hidden name=p value='&#x27;q&#39;'><input type="checkbox" name="c"></form>`);
    expect(form).toMatchObject({ action: '/i/1?x=1&y=2', method: 'POST', fields: [{ name: 'p', value: "'q'" }], hasPassword: false });
  });
});
