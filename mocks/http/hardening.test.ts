/**
 * Issue 12, the mock half, one behaviour per test: what once killed the process (reproduced
 * first), the control API's browser guard, CORS, the HTTP edges (431, 408, 413), persisted keys
 * and the desktop socket's per-caller limits.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, KeyFileError, parseMockConfig, startMock, type RunningMock } from '../index.js';
import { demoConfig } from '../core/demo.js';
import { startDesktopServer } from './desktop/server.js';
import { encodeFrame } from './desktop/raw-envelope.js';
import { createRequestListener } from './node-server.js';
import type { Router } from './router.js';
import { pkcePair } from '../testing/http-kit.js';

let mock: RunningMock;
let I: string;
beforeAll(async () => {
  mock = await startMock({ consent: 'auto', timeouts: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
  I = mock.issuer;
});
afterAll(async () => { await mock?.close(); });

async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const res = await request(`${I}${path}`, { method: (init.method ?? 'GET') as 'GET', headers: init.headers ?? {}, body: init.body, headersTimeout: 20_000 });
  const text = await res.body.text();
  let json: Record<string, unknown> = {};
  try { json = JSON.parse(text) as Record<string, unknown>; } catch { /* html or empty */ }
  return { status: res.statusCode, headers: res.headers, text, json };
}
const REG = { authorization: 'Bearer demo-registration-token', 'content-type': 'application/json' };
const authorizeFor = (clientId: string, redirectUri: string) =>
  `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, code_challenge: pkcePair().challenge, code_challenge_method: 'S256', state: 'st' })}`;

/** Raw bytes over TCP, for what fetch and undici will not send; resolves with what came back when the server closes. */
function raw(port: number, bytes: string | Buffer, waitMs = 10_000): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('close', () => resolve(got));
    s.on('error', () => resolve(got));
    s.setTimeout(waitMs, () => s.destroy());
    s.write(bytes);
  });
}

describe('issue 12 item 1: no request kills the process', () => {
  it('RED-1: a redirect URI with an IDN host registered through the API reaches Location as punycode', async () => {
    const reg = await send('/api/v1/applications', { method: 'POST', headers: REG, body: JSON.stringify({ client_type: 'public', redirect_uris: ['https://bücher.example/pfad/ä'] }) });
    expect(reg.status).toBe(201);
    const r = await send(authorizeFor(reg.json.client_id as string, 'https://bücher.example/pfad/ä'));
    expect(r.status).toBe(302);
    expect(r.headers.location).toMatch(/^https:\/\/xn--bcher-kva\.example\/pfad\/%C3%A4\?code=/);
    expect((await send('/.well-known/oauth-authorization-server')).status).toBe(200);
  });

  it('REG-2: a redirect URI with a control character is refused at registration with a clear error', async () => {
    for (const uri of ['https://app.example/cb\u0001', 'https://app.example/\u007f', 'https://\ud800.example/cb']) {
      const reg = await send('/api/v1/applications', { method: 'POST', headers: REG, body: JSON.stringify({ client_type: 'public', redirect_uris: [uri] }) });
      expect(reg.status).toBe(400);
      expect(reg.json.error).toBe('invalid_redirect_uri');
      expect(reg.json.error_description).toMatch(/control character|Location header/);
    }
  });

  it('RED-1: an internationalised redirect URI in the config is accepted and served as punycode; a control character is refused', async () => {
    const clients = [{ client_id: 'idn', client_type: 'public', redirect_uris: ['https://müller.example/cb'] }];
    const ok = parseMockConfig({ clients });
    expect(ok.ok).toBe(true);
    const bad = parseMockConfig({ clients: [{ ...clients[0], redirect_uris: ['https://app.example/cb\r\nx'] }] });
    expect(bad.ok ? [] : bad.errors).toEqual([expect.stringMatching(/^clients\[0\]\.redirect_uris\[0\]: .*control character/)]);
    const idn = await startMock({ consent: 'auto', desktop: false, config: ok.ok ? ok.config : demoConfig });
    try {
      const res = await request(`${idn.issuer}${authorizeFor('idn', 'https://müller.example/cb')}`);
      await res.body.dump();
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toMatch(/^https:\/\/xn--mller-kva\.example\/cb\?code=/);
    } finally {
      await idn.close();
    }
  });

  it('TOK-7: a scenario whose error_description holds CR/LF is refused where it enters', async () => {
    const r = await send('/_mock/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: 'userinfo', action: { error: 'invalid_token', status: 401, error_description: 'a\r\nSet-Cookie: x=1' } }) });
    expect(r.status).toBe(400);
    expect(r.json.error_description).toMatch(/CR\/LF/);
    expect((await send('/oauth/userinfo')).status).toBe(401);
  });

  it('TOK-7: the adapter answers 500 server_error for a throw while writing, logs it without secrets, and keeps serving', async () => {
    const lines: string[] = [];
    let calls = 0;
    const router = Object.assign(async () => {
      calls += 1;
      if (calls === 1) return { status: 200, headers: { 'x-bad': 'caf\u00e9 \u2603\r\n' }, body: '' };
      if (calls === 2) throw new Error('boom');
      return { status: 200, headers: {}, body: 'ok' };
    }, { tooLarge: () => ({ status: 413, headers: {}, body: '' }) }) as unknown as Router;
    const server: Server = createServer(createRequestListener(router, { log: (l) => lines.push(l) }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const first = await request(`${url}/oauth/token?secret=s3cret`, { headers: { authorization: 'Bearer s3cret' } });
      expect(first.statusCode).toBe(500);
      expect(await first.body.json()).toMatchObject({ error: 'server_error' });
      const second = await request(`${url}/x`);
      expect(second.statusCode).toBe(500);
      await second.body.dump();
      const third = await request(`${url}/x`);
      expect(await third.body.text()).toBe('ok');
      expect(lines).toHaveLength(2);
      expect(lines.join('')).toMatch(/internal error on GET "\/oauth\/token"/);
      expect(lines.join('')).not.toMatch(/s3cret/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('issue 12 item 2: the control API cannot be driven by a web page', () => {
  const clockWrite = (headers: Record<string, string>, body = JSON.stringify({ advance_seconds: 1 })) => send('/_mock/clock', { method: 'POST', headers, body });
  it('CTL: a cross-site text/plain POST does not move the clock (415); JSON from a non-browser client does', async () => {
    expect((await clockWrite({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await clockWrite({ 'content-type': 'application/x-www-form-urlencoded' }, 'advance_seconds=1')).status).toBe(415);
    expect((await clockWrite({ 'content-type': 'application/json' })).status).toBe(200);
    // A bodyless write without a content type (no form can send one) still works: reset, lock.
    expect((await send('/_mock/scenarios', { method: 'DELETE' })).status).toBe(200);
  });
  it('CTL: a foreign Host (DNS rebinding) and a foreign Origin or Sec-Fetch-Site are refused, reads included', async () => {
    expect((await send('/_mock/clock', { headers: { host: 'attacker.example:4010' } })).status).toBe(403);
    expect((await clockWrite({ 'content-type': 'application/json', origin: 'http://localhost:3000' })).status).toBe(403);
    expect((await clockWrite({ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await clockWrite({ 'content-type': 'application/json', origin: I, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await send('/_mock/clock', { headers: { host: `localhost:${mock.port}` } })).status).toBe(200);
  });
  it('DSK-6: the desktop control plane and its dashboard actions get the same guard', async () => {
    const lock = (headers: Record<string, string>, body?: string) => send('/_mock/desktop/lock', { method: 'POST', headers, ...(body !== undefined ? { body } : {}) });
    expect((await lock({ 'content-type': 'text/plain' }, '{}')).status).toBe(415);
    expect((await lock({ host: 'rebound.example' })).status).toBe(403);
    expect((await lock({ 'content-type': 'application/json', origin: 'http://evil.example' }, '{}')).status).toBe(403);
    expect((await lock({ 'content-type': 'application/json' }, '{}')).status).toBe(200);
    expect((await send('/_mock/desktop/unlock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
  });
  it('RED-6: the consent form is refused when posted from another origin, and still works from its own page', async () => {
    const page = await startMock({ consent: 'page', desktop: false });
    try {
      const r = await request(`${page.issuer}${authorizeFor('demo-public', 'http://127.0.0.1:8765/callback')}`);
      const html = await r.body.text();
      const id = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
      expect(id).toBeDefined();
      const post = (headers: Record<string, string>) => request(`${page.issuer}/oauth/authorize/decision`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: `request_id=${id}&decision=approve` });
      const forged = await post({ origin: 'http://evil.example' });
      expect(forged.statusCode).toBe(403);
      await forged.body.dump();
      const crossSite = await post({ 'sec-fetch-site': 'cross-site' });
      expect(crossSite.statusCode).toBe(403);
      await crossSite.body.dump();
      const own = await post({ origin: page.issuer, 'sec-fetch-site': 'same-origin' });
      expect(own.statusCode).toBe(302);
      expect(own.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:8765\/callback\?code=/);
      await own.body.dump();
    } finally {
      await page.close();
    }
  });
});

describe('issue 12 item 3: browsers can use the token, revocation and userinfo endpoints', () => {
  const SPA = 'https://app.example.com';
  it('TOK-1: a preflight from a registered redirect URI origin is answered; the answer carries Access-Control-Allow-Origin', async () => {
    for (const path of ['/oauth/token', '/oauth/revoke', '/oauth/userinfo']) {
      const pre = await send(path, { method: 'OPTIONS', headers: { origin: SPA, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(SPA);
      expect(String(pre.headers['access-control-allow-methods'])).toMatch(/POST/);
    }
    const t = await send('/oauth/token', { method: 'POST', headers: { origin: SPA, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=nope&client_id=demo-public' });
    expect(t.status).toBe(400);
    expect(t.headers['access-control-allow-origin']).toBe(SPA);
  });
  it('TOK-1: other origins get no CORS, and the control API never does', async () => {
    const pre = await send('/oauth/token', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const t = await send('/oauth/token', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' });
    expect(t.headers['access-control-allow-origin']).toBeUndefined();
    for (const method of ['OPTIONS', 'GET']) {
      const c = await send('/_mock/clock', { method, headers: { origin: SPA } });
      expect(c.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('issue 12 item 4: persisted keys', () => {
  it('META-1: --keys creates a 0600 JWK set, a restart serves the same JWKS, a bad file is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-keys-'));
    const file = join(dir, 'keys.json');
    const jwks = async (m: RunningMock) => { const r = await request(`${m.issuer}/jwks.json`); return (await r.body.json()) as { keys: { kid: string }[] }; };
    const a = await startMock({ desktop: false, keysFile: file });
    const first = await jwks(a);
    await a.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = await startMock({ desktop: false, keysFile: file });
    expect((await jwks(b)).keys.map((k) => k.kid)).toEqual(first.keys.map((k) => k.kid));
    expect(readFileSync(file, 'utf8')).toMatch(/"d":/);
    await b.close();
    writeFileSync(join(dir, 'bad.json'), '{"keys": [{"kty": "oct"}]}');
    await expect(startMock({ desktop: false, keysFile: join(dir, 'bad.json') })).rejects.toThrow(KeyFileError);
    await expect(startMock({ desktop: false, keysFile: join(dir, 'bad.json') })).rejects.toThrow(/bad\.json: must hold a private EC P-256 key/);
  });
});

describe('issue 12 item 5: HTTP edges', () => {
  it('RED-6: state with invalid percent-encoding comes back byte for byte', async () => {
    const q = new URLSearchParams({ response_type: 'code', client_id: 'demo-public', redirect_uri: 'http://127.0.0.1:8765/callback', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const r = await send(`/oauth/authorize?${q}&state=a%zz%C3+b`);
    expect(String(r.headers.location)).toMatch(/[?&]state=a%zz%C3\+b(&|$)/);
  });
  it('TOK-7: oversized headers get 431, a slow request 408, both closing the connection', async () => {
    const big = await raw(mock.port, `GET /jwks.json HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    const slow = await raw(mock.port, 'POST /oauth/token HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 10\r\n\r\nab');
    expect(slow).toMatch(/^HTTP\/1\.1 408 /);
  });
  it('TOK-7: a body over the cap gets a 413 the client reads, not a reset', async () => {
    const r = await send('/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `a=${'x'.repeat(200 * 1024)}` });
    expect(r.status).toBe(413);
    expect(r.json.error).toBe('invalid_request');
  });
});

describe('issue 12 item 5: the desktop socket under bad callers', () => {
  const frameHead = (length: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(length, 0); return b; };
  function rawSocket(path: string, bytes: Buffer): Promise<string> {
    return new Promise((resolve) => {
      const s = connect(path);
      let got = Buffer.alloc(0);
      s.on('data', (d) => { got = Buffer.concat([got, d]); });
      s.on('close', () => resolve(got.subarray(4).toString('utf8')));
      s.on('error', () => resolve(got.subarray(4).toString('utf8')));
      s.setTimeout(15_000, () => s.destroy());
      s.write(bytes);
    });
  }
  it('DSK-1: a connection that stalls mid-frame is answered and closed; connections past the per-caller cap are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-sock-'));
    const d = (await startDesktopServer({ clock: createClock(), socketPath: join(dir, 's.sock'), limits: { stallMs: 300, maxConnectionsPerCaller: 2 } }))!;
    try {
      const stalled = await rawSocket(d.socketPath, Buffer.concat([frameHead(100), Buffer.from('{"kind":')]));
      expect(JSON.parse(stalled)).toMatchObject({ success: false, payload: { name: 'InvalidRequest', message: expect.stringMatching(/not completed within 300 ms/) } });
      // Two connections held mid-frame, then a third from the same process.
      const held = [connect(d.socketPath), connect(d.socketPath)];
      for (const h of held) { h.on('error', () => undefined); h.write(frameHead(50)); }
      await new Promise((r) => setTimeout(r, 150));
      const third = await rawSocket(d.socketPath, encodeFrame({ kind: 'release_client', payload: Buffer.from('{"clientId":"x"}').toString('base64') }));
      expect(JSON.parse(third)).toMatchObject({ success: false, payload: { name: 'RateLimitExceeded' } });
      for (const h of held) h.destroy();
    } finally {
      await d.close();
    }
  });
  it('DSK-1: buffered bytes per caller are capped across its connections', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-sock-'));
    const d = (await startDesktopServer({ clock: createClock(), socketPath: join(dir, 's.sock'), limits: { maxBufferedBytesPerCaller: 64 * 1024 } }))!;
    try {
      const a = connect(d.socketPath);
      a.on('error', () => undefined);
      a.write(Buffer.concat([frameHead(900_000), Buffer.alloc(40_000, 0x20)]));
      await new Promise((r) => setTimeout(r, 150));
      const b = await rawSocket(d.socketPath, Buffer.concat([frameHead(900_000), Buffer.alloc(40_000, 0x20)]));
      expect(JSON.parse(b)).toMatchObject({ success: false, payload: { name: 'RateLimitExceeded' } });
      a.destroy();
    } finally {
      await d.close();
    }
  });
  it('DSK-1: a burst of 200 connections is answered in full while peers are looked up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-sock-'));
    const d = (await startDesktopServer({ clock: createClock(), socketPath: join(dir, 's.sock'), limits: { maxConnectionsPerCaller: 1000 } }))!;
    try {
      const frame = encodeFrame({ kind: 'release_client', payload: Buffer.from('{"clientId":"nobody"}').toString('base64') });
      const answers = await Promise.all(Array.from({ length: 200 }, () => rawSocketFirstFrame(d.socketPath, frame)));
      expect(answers.filter((a) => a.startsWith('{"success":'))).toHaveLength(200);
    } finally {
      await d.close();
    }
  });
});

function rawSocketFirstFrame(path: string, frame: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(path);
    let got = Buffer.alloc(0);
    s.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 4 && got.length >= 4 + got.readUInt32LE(0)) { s.destroy(); resolve(got.subarray(4).toString('utf8')); }
    });
    s.on('error', (e) => resolve(`error: ${e.message}`));
    s.setTimeout(20_000, () => { s.destroy(); resolve('timeout'); });
    s.write(frame);
  });
}
