/** REG, RED, PKCE, CODE over a real loopback socket, every answer checked against the contract. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../index.js';
import { contractProblems } from '../testing/oauth-contract.js';
import {
  CONFIDENTIAL, advance, authorizeRequest, call, DEMO_REDIRECT, exchanges, getCode, location, pkcePair, redeem, register, post, s256,
} from '../testing/http-kit.js';

let mock: RunningMock;
let I: string;
beforeAll(async () => {
  mock = await startMock({ consent: 'auto', desktop: false });
  I = mock.issuer;
});
afterAll(async () => {
  await mock?.close();
  expect(exchanges.flatMap(contractProblems)).toEqual([]);
});

const base = () => {
  const { challenge } = pkcePair();
  return { response_type: 'code', client_id: 'demo-public', redirect_uri: DEMO_REDIRECT, scope: 'openid', state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256' };
};

describe('REG: registration', () => {
  it('REG-1: accepts https, loopback http and reverse-DNS scheme URIs', async () => {
    const uris = ['https://app.example.com/cb', 'http://localhost:3000/cb', 'http://127.0.0.1/cb', 'http://[::1]:8080/cb', 'com.example.app:/callback', 'com.example.app://auth/callback'];
    const r = await register(I, { name: 'A', client_type: 'public', redirect_uris: uris, allowed_scopes: ['openid'] });
    expect(r.status).toBe(201);
    expect(r.json.client_id).toMatch(/^logi_[0-9a-f]{32}$/);
    expect(r.json.redirect_uris).toEqual(uris);
    expect(r.json.status).toBe('approved');
  });
  it('REG-2: rejects plaintext http to a non-loopback host', async () => {
    for (const uri of ['http://app.example.com/cb', 'http://10.0.0.1/cb', 'http://localhost.evil.com/cb']) {
      const r = await register(I, { client_type: 'public', redirect_uris: [uri] });
      expect(r.status, uri).toBe(400);
      expect(r.json.error).toBe('invalid_redirect_uri');
    }
  });
  it('REG-3: rejects fragments, relative and unparsable URIs', async () => {
    for (const uri of ['https://app.example.com/cb#frag', 'https://app.example.com/cb#', '/relative/cb', 'not a uri', '']) {
      const r = await register(I, { client_type: 'public', redirect_uris: [uri] });
      expect(r.status, uri).toBe(400);
    }
  });
  it('REG-4: a public client gets no secret and auth method none', async () => {
    const r = await register(I, { client_type: 'public', redirect_uris: ['https://a.example.com/cb'] });
    expect(r.json.client_secret).toBeUndefined();
    expect(r.json.token_endpoint_auth_method).toBe('none');
    const c = await register(I, { client_type: 'confidential', redirect_uris: ['https://a.example.com/cb'] });
    expect(typeof c.json.client_secret).toBe('string');
    expect(c.json.token_endpoint_auth_method).toBe('client_secret_basic');
  });
  it('REG-5: client_type cannot be changed after registration', async () => {
    const r = await register(I, { client_type: 'public', redirect_uris: ['https://a.example.com/cb'] });
    const id = r.json.client_id as string;
    const u = await call(I, `/api/v1/applications/${id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-registration-token' },
      body: JSON.stringify({ application: { client_type: 'confidential' } }),
    });
    expect(u.status).toBe(400);
    const g = await call(I, `/api/v1/applications/${id}`, { headers: { authorization: 'Bearer demo-registration-token' } });
    expect(g.json.client_type).toBe('public');
  });
  it('REG-6: registration without a valid bearer is refused with 401', async () => {
    expect((await register(I, { client_type: 'public', redirect_uris: ['https://a.example.com/cb'] }, '')).status).toBe(401);
    expect((await register(I, { client_type: 'public', redirect_uris: ['https://a.example.com/cb'] }, 'wrong')).status).toBe(401);
  });
});

describe('RED: redirect strictness', () => {
  it('RED-1: any difference from the registered URI gets an error page, never a redirect', async () => {
    const variants = ['https://127.0.0.1:8765/callback', 'http://127.0.0.1:8766/callback', 'http://127.0.0.1/callback', 'http://localhost:8765/callback',
      'http://127.0.0.1:8765/callback/', 'http://127.0.0.1:8765/Callback', 'http://127.0.0.1:8765/callback?x=1', 'http://127.0.0.1:8765/callback#f',
      'http://127.0.0.1:8765/callbac', 'http://127.0.0.1:8765/callbackx', 'http://u@127.0.0.1:8765/callback', 'http://127.0.0.1:8765/%63allback', 'HTTPS://app.example.com/callback'];
    for (const v of variants) {
      const r = await authorizeRequest(I, { ...base(), redirect_uri: v });
      expect(r.status, v).toBe(400);
      expect(r.headers.get('location'), v).toBeNull();
    }
  });
  it('RED-1: loopback ports may vary under loopbackPorts any (native-loopback)', async () => {
    const m = await startMock({ consent: 'auto', desktop: false, config: { ...mock.config, loopbackPorts: 'any' } });
    try {
      const r = await authorizeRequest(m.issuer, { ...base(), redirect_uri: 'http://127.0.0.1:51000/callback' });
      expect(r.status).toBe(302);
      expect(location(r)?.port).toBe('51000');
      expect((await authorizeRequest(m.issuer, { ...base(), redirect_uri: 'http://127.0.0.1:51000/other' })).status).toBe(400);
    } finally {
      await m.close();
    }
  });
  it('RED-2: an unknown client_id gets an error page', async () => {
    const r = await authorizeRequest(I, { ...base(), client_id: 'nobody' });
    expect(r.status).toBe(400);
    expect(r.headers.get('location')).toBeNull();
  });
  it('RED-3: no redirect_uri with several registered URIs gets an error page', async () => {
    const r = await authorizeRequest(I, { ...base(), redirect_uri: undefined });
    expect(r.status).toBe(400);
    const single = await authorizeRequest(I, { ...base(), client_id: 'demo-public-2', redirect_uri: undefined });
    expect(location(single)?.origin).toBe('https://app2.example.com');
  });
  it('RED-4: the token request redirect_uri must equal the authorization request one', async () => {
    const c = await getCode(I);
    const r = await redeem(I, c, { redirect_uri: 'https://app.example.com/callback' });
    expect(r.json.error).toBe('invalid_grant');
    expect((await redeem(I, c, { redirect_uri: undefined })).json.error).toBe('invalid_grant');
    expect((await redeem(I, c)).status).toBe(200);
  });
  it('RED-5: errors for a valid client go back with error, exact state and iss', async () => {
    const state = 'st ä+/&=%20"<';
    for (const [over, error] of [[{ scope: 'admin' }, 'invalid_scope'], [{ code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request'], [{ response_type: 'token' }, 'unsupported_response_type']] as const) {
      const r = await authorizeRequest(I, { ...base(), state, ...over });
      const l = location(r);
      expect(r.status).toBe(302);
      expect(l?.searchParams.get('error')).toBe(error);
      expect(l?.searchParams.get('state')).toBe(state);
      expect(l?.searchParams.get('iss')).toBe(I);
    }
  });
  it('RED-6: success carries the exact state, byte for byte', async () => {
    for (const state of ['a', 'x y', '%41', '+&=?#/', 'ünï€😀', ' lead', 'trail ']) {
      const l = location(await authorizeRequest(I, { ...base(), state }));
      expect(l?.searchParams.get('state')).toBe(state);
    }
  });
  it('RED-7: the response carries iss and metadata says so', async () => {
    const md = await call(I, '/.well-known/oauth-authorization-server');
    expect(md.json.authorization_response_iss_parameter_supported).toBe(true);
    expect(location(await authorizeRequest(I, base()))?.searchParams.get('iss')).toBe(I);
    expect((await call(I, '/.well-known/openid-configuration')).json.issuer).toBe(I);
    // ES256 for access tokens, RS256 for ID tokens (META-3: OpenID Connect Discovery 1.0 §3).
    expect(((await call(I, '/jwks.json')).json.keys as Array<{ alg: string }>).map((k) => k.alg)).toEqual(['ES256', 'RS256']);
  });
});

describe('PKCE', () => {
  const err = async (over: Record<string, string | undefined>) => location(await authorizeRequest(I, { ...base(), ...over }))?.searchParams.get('error');
  it('PKCE-1: a public client without code_challenge is refused', async () => {
    expect(await err({ code_challenge: undefined, code_challenge_method: undefined })).toBe('invalid_request');
  });
  it('PKCE-2: plain is refused', async () => {
    expect(await err({ code_challenge_method: 'plain' })).toBe('invalid_request');
    expect(await err({ code_challenge_method: undefined })).toBe('invalid_request');
  });
  it('PKCE-3: a malformed challenge is refused', async () => {
    for (const c of ['short', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}+`]) expect(await err({ code_challenge: c }), c).toBe('invalid_request');
  });
  it('PKCE-4: a token request without code_verifier fails with invalid_grant', async () => {
    expect((await redeem(I, await getCode(I), { code_verifier: undefined })).json.error).toBe('invalid_grant');
  });
  it('PKCE-5: another verifier fails with invalid_grant', async () => {
    const c = await getCode(I);
    expect((await redeem(I, c, { code_verifier: pkcePair().verifier })).json.error).toBe('invalid_grant');
  });
  it('PKCE-6: a verifier outside 43-128 unreserved characters is refused', async () => {
    for (const v of ['a'.repeat(42), 'a'.repeat(129), `${'a'.repeat(50)}!`]) {
      const challenge = s256(v);
      const c = await getCode(I, { code_challenge: challenge });
      expect((await redeem(I, { ...c, verifier: v })).json.error, v).toBe('invalid_grant');
    }
  });
  it('PKCE-7: a verifier for a code issued without a challenge is refused', async () => {
    const r = await authorizeRequest(I, { response_type: 'code', client_id: 'demo-confidential', redirect_uri: 'https://confidential.example.com/callback', scope: 'openid' });
    const code = location(r)?.searchParams.get('code') as string;
    const t = await post(I, '/oauth/token', { grant_type: 'authorization_code', code, redirect_uri: 'https://confidential.example.com/callback', code_verifier: pkcePair().verifier }, { authorization: 'Basic ' + Buffer.from('demo-confidential:demo-confidential-secret').toString('base64') });
    expect(t.json.error).toBe('invalid_grant');
  });
  it('PKCE-8: every valid verifier length succeeds', async () => {
    for (const n of [43, 64, 100, 128]) {
      const c = await getCode(I, {}, n);
      expect((await redeem(I, c)).status, String(n)).toBe(200);
    }
  });
  it('PKCE-9: metadata advertises S256 only', async () => {
    expect((await call(I, '/.well-known/oauth-authorization-server')).json.code_challenge_methods_supported).toEqual(['S256']);
  });
});

describe('CODE', () => {
  it('CODE-1: a code is redeemed at most once', async () => {
    const c = await getCode(I);
    expect((await redeem(I, c)).status).toBe(200);
    expect((await redeem(I, c)).json.error).toBe('invalid_grant');
  });
  it('CODE-2: redeeming a code twice revokes its tokens', async () => {
    const c = await getCode(I);
    const t = (await redeem(I, c)).json;
    await redeem(I, c);
    expect((await post(I, '/oauth/introspect', { token: t.access_token as string }, { authorization: CONFIDENTIAL })).json.active).toBe(false);
    expect((await post(I, '/oauth/token', { grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: 'demo-public' })).json.error).toBe('invalid_grant');
  });
  it('CODE-3: a code fails for another client', async () => {
    const c = await getCode(I);
    expect((await redeem(I, c, { client_id: 'demo-public-2' })).json.error).toBe('invalid_grant');
  });
  it('CODE-5: codes and tokens are long random values, no two alike', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, () => getCode(I)));
    expect(new Set(codes.map((c) => c.code)).size).toBe(20);
    for (const c of codes) expect(Buffer.from(c.code, 'base64url').length).toBeGreaterThanOrEqual(16);
  });
  it('CODE-4: an expired code fails with invalid_grant (60 s)', async () => {
    const c = await getCode(I);
    await advance(I, 61);
    expect((await redeem(I, c)).json.error).toBe('invalid_grant');
  });
});
