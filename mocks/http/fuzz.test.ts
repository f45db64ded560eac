/**
 * Issue 12 proof, the mock half: malformed requests per endpoint over a real socket (fast-check).
 * Every answer is below 500, no malformed request yields a token or changes state, `state` comes
 * back byte for byte, and a normal flow works afterwards. The inputs include what once killed the
 * process: non-Latin-1 and control characters bound for headers, CR/LF in scenario descriptions.
 */
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../index.js';
import { DEMO_REDIRECT, getCode, pkcePair, redeem, refreshWith } from '../testing/http-kit.js';

let mock: RunningMock;
let I: string;
const seen = { requests: 0, fiveHundreds: 0, tokens: 0 };
const RUNS = 120;

beforeAll(async () => {
  mock = await startMock({ consent: 'auto', desktop: false });
  I = mock.issuer;
});
afterAll(async () => {
  await mock?.close();
  // The counts, so a run shows what was tried (issue 12: "with their counts printed").
  console.log(`mock fuzz: ${seen.requests} malformed requests over 6 endpoints; ${seen.fiveHundreds} answered 5xx, ${seen.tokens} issued a token`);
});

interface Sent { method: string; path: string; headers?: Record<string, string>; body?: string }
async function send(s: Sent): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const res = await request(`${I}${s.path}`, { method: s.method as 'GET', headers: s.headers ?? {}, body: s.body, headersTimeout: 20_000, bodyTimeout: 20_000 });
  const text = await res.body.text();
  seen.requests += 1;
  if (res.statusCode >= 500) seen.fiveHundreds += 1;
  if (/"(access_token|refresh_token)"\s*:/.test(text)) seen.tokens += 1;
  return { status: res.statusCode, headers: res.headers, text };
}

/** Strings built to hurt: non-Latin-1, CR/LF and other controls, IDN hosts, broken percent-encoding, lone surrogates. */
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\r\nSet-Cookie: x=1', 'ä', '😀', '\u0100', '\u0000', '\u007f', '%zz', '%C3', '%', '\ud800', 'https://bücher.example/cb', 'https://example.com/\u2028', 'http://127.0.0.1:8765/callback\r\nx: y', 'https://xn--/cb'),
);
const contentType = fc.constantFrom(undefined, 'application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=utf-16');
const formOf = (keys: string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), hostile, { maxKeys: 6 });
const encode = (d: Record<string, string>) => { try { return new URLSearchParams(d).toString(); } catch { return 'x=%ZZ'; } };
const withType = (t: string | undefined): Record<string, string> => (t === undefined ? {} : { 'content-type': t });

async function snapshot() {
  const [families, clients] = await Promise.all([send({ method: 'GET', path: '/_mock/families' }), send({ method: 'GET', path: '/_mock/clients' })]);
  return { families: families.text, clients: clients.text };
}

async function normalFlowWorks(): Promise<void> {
  const t = await redeem(I, await getCode(I));
  expect(t.status).toBe(200);
  expect((await refreshWith(I, t.json.refresh_token as string)).status).toBe(200);
}

describe('issue 12: malformed requests never 5xx, never a token, change nothing', () => {
  it('TOK-7: the token endpoint', async () => {
    const before = await snapshot();
    await fc.assert(fc.asyncProperty(formOf(['grant_type', 'code', 'code_verifier', 'redirect_uri', 'client_id', 'client_secret', 'refresh_token', 'scope']), contentType, fc.constantFrom('POST', 'GET', 'PUT', 'OPTIONS'), async (form, type, method) => {
      const r = await send({ method, path: '/oauth/token', headers: withType(type), body: method === 'GET' ? undefined : encode(form) });
      expect(r.status).toBeLessThan(500);
      expect(r.text).not.toMatch(/"access_token"/);
    }), { numRuns: RUNS });
    expect(await snapshot()).toEqual(before);
    await normalFlowWorks();
  });

  it('RED-6: the authorization endpoint echoes state byte for byte, even with invalid percent-encoding', async () => {
    const { challenge } = pkcePair();
    const rawState = fc.oneof(fc.constantFrom('%zz', '%C3', '%', 'a%2', '%E2%82', 'x+y', '%FF%FE', '!$()*,;:@/?'), fc.stringMatching(/^[A-Za-z0-9%._~+-]{0,24}$/));
    await fc.assert(fc.asyncProperty(rawState, formOf(['scope', 'nonce', 'prompt', 'response_type', 'redirect_uri']), fc.boolean(), async (state, extra, valid) => {
      const base: Record<string, string> = valid ? { response_type: 'code', client_id: 'demo-public', redirect_uri: DEMO_REDIRECT, code_challenge: challenge, code_challenge_method: 'S256' } : { client_id: 'demo-public', redirect_uri: DEMO_REDIRECT };
      const r = await send({ method: 'GET', path: `/oauth/authorize?${encode({ ...extra, ...base })}&state=${state}` });
      expect(r.status).toBeLessThan(500);
      const location = r.headers.location;
      if (typeof location === 'string' && location.startsWith(DEMO_REDIRECT)) {
        const echoed = location.slice(location.indexOf('?') + 1).split('&').filter((p) => p.startsWith('state='));
        expect(echoed).toEqual([`state=${state}`]);
      }
    }), { numRuns: RUNS });
    await normalFlowWorks();
  });

  it('REV-2: the revocation endpoint', async () => {
    const before = await snapshot();
    await fc.assert(fc.asyncProperty(formOf(['token', 'token_type_hint', 'client_id', 'client_secret']), contentType, async (form, type) => {
      const r = await send({ method: 'POST', path: '/oauth/revoke', headers: withType(type), body: encode(form) });
      expect(r.status).toBeLessThan(500);
    }), { numRuns: RUNS });
    expect(await snapshot()).toEqual(before);
    await normalFlowWorks();
  });

  it('INT-1: the introspection endpoint never says active', async () => {
    await fc.assert(fc.asyncProperty(formOf(['token', 'token_type_hint', 'client_id', 'client_secret']), contentType, async (form, type) => {
      const r = await send({ method: 'POST', path: '/oauth/introspect', headers: withType(type), body: encode(form) });
      expect(r.status).toBeLessThan(500);
      expect(r.text).not.toMatch(/"active"\s*:\s*true/);
    }), { numRuns: RUNS });
    await normalFlowWorks();
  });

  it('REG-2: registration refuses what cannot reach a header, and what it accepts can be used', async () => {
    const uri = fc.oneof(hostile, fc.constantFrom('https://bücher.example/cb', 'https://app.example/pfad/ä?q=ü', 'com.example.app:/cb/ü'));
    const application = fc.record({ client_type: fc.constantFrom('public', 'confidential', 'x'), redirect_uris: fc.oneof(fc.array(uri, { minLength: 1, maxLength: 3 }), hostile), name: hostile }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(application, fc.boolean(), fc.boolean(), async (app, authorized, asJson) => {
      const r = await send({
        method: 'POST', path: '/api/v1/applications',
        headers: { ...(authorized ? { authorization: 'Bearer demo-registration-token' } : {}), 'content-type': asJson ? 'application/json' : 'text/plain' },
        body: JSON.stringify({ application: app }),
      });
      expect(r.status).toBeLessThan(500);
      if (r.status !== 201) return;
      // What was accepted reaches the Location header without killing the server.
      const created = JSON.parse(r.text) as { client_id: string; redirect_uris: string[] };
      for (const redirect of created.redirect_uris) {
        const a = await send({ method: 'GET', path: `/oauth/authorize?${encode({ response_type: 'code', client_id: created.client_id, redirect_uri: redirect, code_challenge: pkcePair().challenge, code_challenge_method: 'S256', state: 's' })}` });
        expect(a.status).toBeLessThan(500);
      }
    }), { numRuns: RUNS });
    await normalFlowWorks();
  });

  it('CTL: the control API: writes from pages, non-JSON writes and hostile scenarios change nothing', async () => {
    const before = await send({ method: 'GET', path: '/_mock/clock' });
    const path = fc.constantFrom('/_mock/clock', '/_mock/reset', '/_mock/scenarios', '/_mock/clients', '/_mock/families', '/_mock/nope', '/_mock/desktop/lock');
    const hostileRequest = fc.oneof(
      fc.record({ kind: fc.constant('type' as const), type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx') }),
      fc.record({ kind: fc.constant('origin' as const), origin: fc.constantFrom('http://evil.example', 'null', 'http://localhost:1') }),
      fc.record({ kind: fc.constant('host' as const), host: fc.constantFrom('evil.example', 'rebind.attacker.test:4010', '127.0.0.2') }),
      fc.record({ kind: fc.constant('site' as const), site: fc.constantFrom('cross-site', 'same-site') }),
    );
    await fc.assert(fc.asyncProperty(path, fc.constantFrom('POST', 'PUT', 'DELETE'), hostileRequest, hostile, async (p, method, h, text) => {
      const headers: Record<string, string> = { 'content-type': h.kind === 'type' ? h.type : 'application/json' };
      if (h.kind === 'origin') headers.origin = h.origin;
      if (h.kind === 'host') headers.host = h.host;
      if (h.kind === 'site') headers['sec-fetch-site'] = h.site;
      const r = await send({ method, path: p, headers, body: p === '/_mock/clock' ? JSON.stringify({ advance_seconds: 3600 }) : JSON.stringify({ endpoint: 'token', action: { error: 'invalid_grant', error_description: text } }) });
      expect([403, 415]).toContain(r.status);
    }), { numRuns: RUNS });
    // Scenario descriptions bound for WWW-Authenticate: CR/LF and non-ASCII are refused where they enter.
    await fc.assert(fc.asyncProperty(hostile.filter((s) => /[^\x20\x21\x23-\x5b\x5d-\x7e]/.test(s)), async (text) => {
      const r = await send({ method: 'POST', path: '/_mock/scenarios', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: 'userinfo', action: { error: 'invalid_token', status: 401, error_description: text } }) });
      expect(r.status).toBe(400);
    }), { numRuns: RUNS / 2 });
    expect(JSON.parse((await send({ method: 'GET', path: '/_mock/scenarios' })).text)).toEqual({ scenarios: [] });
    const after = JSON.parse((await send({ method: 'GET', path: '/_mock/clock' })).text) as { now: number };
    expect(after.now - (JSON.parse(before.text) as { now: number }).now).toBeLessThan(3_600_000);
    await normalFlowWorks();
  });
});
