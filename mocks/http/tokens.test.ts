/** DG, TOK, CC, ROT, EXP and robustness over a real loopback socket, checked against the contract. */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../index.js';
import { contractProblems } from '../testing/oauth-contract.js';
import {
  advance, basic, call, CONFIDENTIAL, exchanges, getCode, introspect, post, redeem, refreshWith, tokens, usersToken, USERS_API,
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

const cc = (headers: Record<string, string>, form: Record<string, string> = {}) => post(I, '/oauth/token', { grant_type: 'client_credentials', ...form }, headers);

describe('DG: client authentication and downgrade defence', () => {
  it('DG-1: a public client sending client_secret fails with invalid_client despite a right verifier', async () => {
    const r = await redeem(I, await getCode(I), { client_secret: 'anything' });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
  });
  it('DG-2: a public client sending Basic fails with invalid_client', async () => {
    const r = await redeem(I, await getCode(I), { client_id: undefined }, { authorization: basic('demo-public', '') });
    expect(r.json.error).toBe('invalid_client');
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic/);
  });
  it('DG-3: a confidential client with a missing or wrong secret gets 401 invalid_client + WWW-Authenticate', async () => {
    const wrong = await cc({ authorization: basic('demo-confidential', 'nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await cc({}, { client_id: 'demo-confidential' })).status).toBe(401);
  });
  it('DG-4: two authentication methods at once fail', async () => {
    const r = await cc({ authorization: CONFIDENTIAL }, { client_secret: 'demo-confidential-secret' });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
  });
  it('DG-5: a public client cannot use client_credentials', async () => {
    const r = await cc({}, { client_id: 'demo-public' });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('unauthorized_client');
  });
  it('DG-6: a confidential client must use its registered method', async () => {
    const r = await cc({}, { client_id: 'demo-confidential', client_secret: 'demo-confidential-secret' });
    expect(r.json.error).toBe('invalid_client');
    expect((await cc({ authorization: CONFIDENTIAL })).status).toBe(200);
  });
});

describe('TOK: token endpoint hygiene', () => {
  it('TOK-1: success and error answers carry Cache-Control: no-store', async () => {
    expect((await cc({ authorization: CONFIDENTIAL })).headers.get('cache-control')).toBe('no-store');
    expect((await cc({})).headers.get('cache-control')).toBe('no-store');
  });
  it('TOK-2: errors are JSON with a §5.2 code; 400, or 401 for client authentication', async () => {
    const r = await post(I, '/oauth/token', { grant_type: 'authorization_code', code: 'nope', client_id: 'demo-public' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.json.error).toBe('invalid_grant');
  });
  it('TOK-3: a JSON body is refused with invalid_request', async () => {
    const r = await call(I, '/oauth/token', { method: 'POST', headers: { 'content-type': 'application/json', authorization: CONFIDENTIAL }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_request');
  });
  it('TOK-4: a parameter sent twice is refused', async () => {
    const r = await post(I, '/oauth/token', 'grant_type=client_credentials&grant_type=client_credentials', { authorization: CONFIDENTIAL });
    expect(r.json.error).toBe('invalid_request');
  });
  it('TOK-5: an unknown grant_type fails with unsupported_grant_type', async () => {
    expect((await cc({ authorization: CONFIDENTIAL }, { grant_type: 'password' })).json.error).toBe('unsupported_grant_type');
  });
  it('TOK-6: only POST is accepted (405, Allow: POST, JSON body)', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const r = await call(I, '/oauth/token?grant_type=client_credentials', { method, headers: { authorization: CONFIDENTIAL } });
      expect(r.status, method).toBe(405);
      expect(r.headers.get('allow')).toBe('POST');
      expect(r.json.error).toBe('invalid_request');
    }
  });
  it('TOK-7: malformed input never yields a 5xx and the server keeps answering', async () => {
    const bodies = ['%', '%%%=&&', 'a=%ZZ', '=', '&&&', 'grant_type', '\u0000', 'x'.repeat(70_000), 'grant_type=authorization_code&code=' + 'c'.repeat(5000)];
    const headers: Record<string, string>[] = [{}, { authorization: 'Basic !!!' }, { authorization: 'Basic ' + Buffer.from('nocolon').toString('base64') }, { authorization: 'Basic ' + Buffer.from('%E0%A4%A:x').toString('base64') }, { authorization: 'Bearer x' }, { authorization: 'Basic' }];
    for (const path of ['/oauth/token', '/v1beta1/users/oauth2/token', '/oauth/revoke', '/oauth/introspect', '/oauth/userinfo', '/api/v1/applications', '/oauth/authorize/decision'])
      for (const body of bodies)
        for (const h of headers) {
          const r = await post(I, path, body, h);
          expect(r.status, `${path} ${body.slice(0, 20)} ${JSON.stringify(h)}`).toBeLessThan(500);
        }
    for (const q of ['%', 'client_id=demo-public&client_id=x', 'client_id=%FF%FE', 'redirect_uri=%00', 'client_id=demo-public&redirect_uri=http://127.0.0.1:8765/callback&state=a&state=b'])
      expect((await call(I, `/oauth/authorize?${q}`)).status).toBeLessThan(500);
    const raw = await new Promise<string>((resolve) => {
      const s = connect(mock.port, '127.0.0.1', () => s.write('GARBAGE / HTTP/9.9\r\n\r\n'));
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('close', () => resolve(out));
      s.on('error', () => resolve(out));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await cc({ authorization: CONFIDENTIAL })).status).toBe(200);
  });
});

describe('CC: client credentials and the users API', () => {
  it('CC-1: valid Basic credentials get Bearer, expires_in and scope openid', async () => {
    const r = await usersToken(I);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'openid' });
    const c = await cc({ authorization: CONFIDENTIAL }, { scope: 'api' });
    expect(c.json).toMatchObject({ token_type: 'Bearer', scope: 'api' });
  });
  it('CC-2: a scope other than openid fails with invalid_scope', async () => {
    for (const scope of ['profile', 'openid profile', '', 'OPENID']) expect((await usersToken(I, { grant_type: 'client_credentials', scope })).json.error, scope).toBe('invalid_scope');
  });
  it('CC-3: no refresh_token is issued', async () => {
    expect((await usersToken(I)).json.refresh_token).toBeUndefined();
    expect((await cc({ authorization: CONFIDENTIAL })).json.refresh_token).toBeUndefined();
  });
  it('CC-4: credentials in the body instead of Basic fail with 401', async () => {
    const r = await usersToken(I, { grant_type: 'client_credentials', client_id: 'demo-users-api', client_secret: 'demo-users-api-secret' }, {});
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
  });
  it('CC-5: an inactive client fails with 401 invalid_client', async () => {
    const r = await usersToken(I, undefined, { authorization: basic('demo-inactive', 'demo-inactive-secret') });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
    expect((await cc({ authorization: basic('demo-inactive', 'demo-inactive-secret') })).status).toBe(401);
  });
  it('CC-6: expires_in is 900 by default and follows the config', async () => {
    expect((await usersToken(I)).json.expires_in).toBe(900);
    const m = await startMock({ desktop: false, config: { ...mock.config, lifetimes: { ...mock.config.lifetimes, usersApiAccessToken: 120 } } });
    try {
      expect((await usersToken(m.issuer)).json.expires_in).toBe(120);
    } finally {
      await m.close();
    }
  });
});

describe('ROT: refresh rotation', () => {
  it('ROT-1: every refresh returns a new refresh token', async () => {
    const seen = new Set<string>();
    let rt = (await tokens(I)).refresh_token as string;
    seen.add(rt);
    for (let i = 0; i < 5; i++) {
      rt = (await refreshWith(I, rt)).json.refresh_token as string;
      expect(seen.has(rt)).toBe(false);
      seen.add(rt);
    }
  });
  it('ROT-2 / ROT-3: reusing a rotated-out token fails and revokes the family', async () => {
    const t = await tokens(I);
    const next = (await refreshWith(I, t.refresh_token as string)).json;
    expect((await refreshWith(I, t.refresh_token as string)).json.error).toBe('invalid_grant');
    expect((await refreshWith(I, next.refresh_token as string)).json.error).toBe('invalid_grant');
    expect((await introspect(I, next.access_token as string)).json.active).toBe(false);
    expect((await call(I, '/oauth/userinfo', { headers: { authorization: `Bearer ${next.access_token as string}` } })).status).toBe(401);
    const fams = (await call(I, '/_mock/families')).json.families as { status: string; revoked_reason: string }[];
    expect(fams.some((f) => f.status === 'revoked' && /reused/.test(f.revoked_reason))).toBe(true);
  });
  it('ROT-4: a refresh token fails for another client', async () => {
    const t = await tokens(I);
    expect((await refreshWith(I, t.refresh_token as string, { client_id: 'demo-public-2' })).json.error).toBe('invalid_grant');
  });
  it('ROT-5: a refresh cannot widen the scope, may narrow it', async () => {
    const t = await tokens(I, { scope: 'openid offline_access' });
    expect((await refreshWith(I, t.refresh_token as string, { scope: 'openid email' })).json.error).toBe('invalid_scope');
    const n = await refreshWith(I, t.refresh_token as string, { scope: 'openid' });
    expect(n.json.scope).toBe('openid');
  });
  it('ROT-6: concurrent refreshes never both succeed', async () => {
    const t = await tokens(I);
    const rs = await Promise.all([refreshWith(I, t.refresh_token as string), refreshWith(I, t.refresh_token as string)]);
    expect(rs.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    for (const r of rs.filter((x) => x.status === 200)) expect((await refreshWith(I, r.json.refresh_token as string)).status).toBe(400);
  });
  it('ROT-7: revoking a refresh token revokes its family', async () => {
    const t = await tokens(I);
    expect((await post(I, '/oauth/revoke', { token: t.refresh_token as string, client_id: 'demo-public' })).status).toBe(200);
    expect((await refreshWith(I, t.refresh_token as string)).json.error).toBe('invalid_grant');
    expect((await introspect(I, t.access_token as string)).json.active).toBe(false);
  });
});

describe('EXP: expiry', () => {
  it('EXP-1: expires_in matches the JWT exp', async () => {
    const r = await usersToken(I);
    const payload = JSON.parse(Buffer.from((r.json.access_token as string).split('.')[1] as string, 'base64url').toString()) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(r.json.expires_in);
    const t = await tokens(I);
    expect(Number.isInteger(t.expires_in)).toBe(true);
  });
  it('EXP-4: a revoked access token is rejected like an expired one (jwt and opaque)', async () => {
    const m = await startMock({ desktop: false, consent: 'auto', config: { ...mock.config, accessTokenFormat: 'opaque' } });
    try {
      for (const issuer of [I, m.issuer]) {
        const at = (await usersToken(issuer)).json.access_token as string;
        expect((await introspect(issuer, at)).json.active).toBe(true);
        expect((await post(issuer, '/oauth/revoke', { token: at }, { authorization: USERS_API })).status).toBe(200);
        expect((await introspect(issuer, at)).json.active).toBe(false);
        const user = await tokens(issuer);
        await post(issuer, '/oauth/revoke', { token: user.access_token as string, client_id: 'demo-public' });
        expect((await call(issuer, '/oauth/userinfo', { headers: { authorization: `Bearer ${user.access_token as string}` } })).status).toBe(401);
      }
    } finally {
      await m.close();
    }
  });
  it('EXP-2 / EXP-3: access tokens and refresh tokens expire on the mock clock', async () => {
    const t = await tokens(I);
    const cct = (await usersToken(I)).json.access_token as string;
    expect((await call(I, '/oauth/userinfo', { headers: { authorization: `Bearer ${t.access_token as string}` } })).status).toBe(200);
    await advance(I, 3601);
    expect((await introspect(I, cct)).json.active).toBe(false);
    expect((await introspect(I, t.access_token as string)).json.active).toBe(false);
    expect((await call(I, '/oauth/userinfo', { headers: { authorization: `Bearer ${t.access_token as string}` } })).status).toBe(401);
    expect((await refreshWith(I, t.refresh_token as string)).status).toBe(200);
    const later = await tokens(I);
    await advance(I, 30 * 24 * 3600 + 1);
    expect((await refreshWith(I, later.refresh_token as string)).json.error).toBe('invalid_grant');
  });
});
