/**
 * Client conformance (CL-1..CL-20) over the real HTTP mock: for each client requirement, a
 * conformant exchange that passes, and one that differs from it in exactly one respect that the
 * client report fails (a MUST) or warns on (a SHOULD: CL-5, CL-6, CL-16..19; or the empty
 * client_secret of CL-10). Then the adversarial
 * scenarios: the mock hands out what a client must reject and the report says whether it did.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientReport, ClientVerdict } from '../core/client-conformance/report.js';
import { startMock, type RunningMock } from '../index.js';
import { authorizeRequest, basic, call, DEMO_REDIRECT, exchanges, location, pkcePair, post, refreshWith, s256, type Reply } from '../testing/http-kit.js';
import { contractProblems } from '../testing/oauth-contract.js';

let mock: RunningMock;
let issuer: string;
const CLIENT = 'demo-public';
const OTHER_REDIRECT = 'https://app.example.com/callback';

beforeAll(async () => {
  mock = await startMock({ port: 0, consent: 'auto', desktop: false });
  issuer = mock.issuer;
}, 30_000);
afterAll(async () => {
  await mock?.close();
  // Every answer of this file, the client report and the adversarial scenarios included, fits openapi/oauth.yaml.
  expect(exchanges.flatMap(contractProblems)).toEqual([]);
});
beforeEach(async () => {
  expect((await call(issuer, '/_mock/reset', { method: 'POST' })).status).toBe(200);
});

const randomState = () => randomBytes(24).toString('base64url');

async function report(): Promise<ClientReport> {
  const r = await call(issuer, '/_mock/client-report');
  expect(r.status).toBe(200);
  return r.json as unknown as ClientReport;
}

async function verdict(id: string, clientId = CLIENT): Promise<ClientVerdict> {
  const rep = await report();
  const client = rep.clients.find((c) => c.clientId === clientId);
  if (!client) throw new Error(`no ${clientId} in the client report: ${JSON.stringify(rep.clients.map((c) => c.clientId))}`);
  return client.verdicts.find((v) => v.id === id)!;
}

/** Starts over between the conformant exchange and the one that differs. */
const clearReport = async () => expect((await call(issuer, '/_mock/client-report', { method: 'DELETE' })).status).toBe(200);

interface Authorized { code: string; verifier: string; state: string; redirectUri: string; location: URL }

interface AuthorizeOptions {
  state?: string | null;
  challenge?: string | null;
  method?: string | null;
  verifier?: string;
  redirectUri?: string;
  clientId?: string;
}

/** The authorization step as a conformant public client does it, with any one respect changed. */
async function authorize(o: AuthorizeOptions = {}): Promise<Authorized & { reply: Reply }> {
  const pair = o.verifier !== undefined ? { verifier: o.verifier, challenge: s256(o.verifier) } : pkcePair(64);
  const state = o.state === undefined ? randomState() : o.state;
  const redirectUri = o.redirectUri ?? DEMO_REDIRECT;
  const reply = await authorizeRequest(issuer, {
    response_type: 'code', client_id: o.clientId ?? CLIENT, redirect_uri: redirectUri, scope: 'openid offline_access',
    ...(state !== null ? { state } : {}),
    ...(o.challenge !== null ? { code_challenge: o.challenge ?? pair.challenge } : {}),
    ...(o.method !== null ? { code_challenge_method: o.method ?? 'S256' } : {}),
  });
  const loc = location(reply) ?? new URL('http://none.invalid/');
  return { code: loc.searchParams.get('code') ?? '', verifier: pair.verifier, state: state ?? '', redirectUri, location: loc, reply };
}

function redeem(a: Authorized, over: Record<string, string | undefined> = {}, headers: Record<string, string> = {}, query = ''): Promise<Reply> {
  const form: Record<string, string> = {};
  const all = { grant_type: 'authorization_code', code: a.code, redirect_uri: a.redirectUri, client_id: CLIENT, code_verifier: a.verifier, ...over };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) form[k] = v;
  return post(issuer, `/oauth/token${query}`, form, headers);
}

async function login(): Promise<Record<string, string>> {
  const r = await redeem(await authorize());
  expect(r.status, r.text).toBe(200);
  return r.json as Record<string, string>;
}

function queue(endpoint: 'authorize' | 'token', adversary: string, extra: Record<string, unknown> = {}): Promise<Reply> {
  return call(issuer, '/_mock/scenarios', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint, action: { adversary, ...extra } }),
  });
}

describe('client requirements judged by the mock', () => {
  it('CL-1: an authorization request with a code_challenge passes; the same without one fails', async () => {
    await authorize();
    expect((await verdict('CL-1')).status).toBe('pass');
    await clearReport();
    await authorize({ challenge: null, method: null });
    const v = await verdict('CL-1');
    expect(v.status).toBe('fail');
    expect(v.evidence.join()).toMatch(/without code_challenge/);
  });

  it('CL-2: code_challenge_method=S256 passes; plain fails, and an omitted method (plain) fails', async () => {
    await authorize();
    expect((await verdict('CL-2')).status).toBe('pass');
    await clearReport();
    await authorize({ method: 'plain' });
    expect(await verdict('CL-2')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/plain/)] });
    await clearReport();
    await authorize({ method: null });
    expect(await verdict('CL-2')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/omitted/)] });
  });

  it('CL-3: a redemption with the code_verifier passes; the same without it fails', async () => {
    expect((await redeem(await authorize())).status).toBe(200);
    expect((await verdict('CL-3')).status).toBe('pass');
    await clearReport();
    await redeem(await authorize(), { code_verifier: undefined });
    expect((await verdict('CL-3')).status).toBe('fail');
  });

  it('CL-4: a 64-character unreserved verifier passes; a 42-character one fails', async () => {
    const good = randomBytes(48).toString('base64url').slice(0, 64);
    await redeem(await authorize({ verifier: good }));
    expect((await verdict('CL-4')).status).toBe('pass');
    await clearReport();
    await redeem(await authorize({ verifier: good.slice(0, 42) }));
    expect(await verdict('CL-4')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/42 characters/)] });
  });

  it('CL-5: a random verifier passes; a constant 43-character one warns (SHOULD), and so does a reused challenge', async () => {
    await redeem(await authorize());
    expect((await verdict('CL-5')).status).toBe('pass');
    await clearReport();
    await redeem(await authorize({ verifier: 'a'.repeat(43) }));
    expect(await verdict('CL-5')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/distinct characters/)] });
    await clearReport();
    const { verifier } = pkcePair();
    await authorize({ verifier });
    await authorize({ verifier });
    expect(await verdict('CL-5')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/reused/)] });
  });

  it('CL-6: an authorization request with a state passes; the same without one warns (SHOULD: RFC 9700 §2.1 lets PKCE stand in)', async () => {
    await authorize();
    expect((await verdict('CL-6')).status).toBe('pass');
    await clearReport();
    await authorize({ state: null });
    expect(await verdict('CL-6')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/without state: only PKCE/)] });
    expect((await verdict('CL-1')).status).toBe('pass');
  });

  it('CL-6: without state and without PKCE the evidence says there is no CSRF protection; CL-1 is the failure', async () => {
    await authorize({ state: null, challenge: null, method: null });
    expect(await verdict('CL-6')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/without state or PKCE \(no CSRF protection\)/)] });
    expect((await verdict('CL-1')).status).toBe('fail');
  });

  it('CL-7: a 32-character random state passes; a short constant one fails, shown redacted', async () => {
    await authorize();
    expect((await verdict('CL-7')).status).toBe('pass');
    await clearReport();
    await authorize({ state: '12345' });
    const v = await verdict('CL-7');
    expect(v.status).toBe('fail');
    expect(v.evidence[0]).toMatch(/1234… \(5 chars\)/);
  });

  it('CL-8: two requests with fresh states pass; the same state twice fails', async () => {
    await authorize();
    await authorize();
    expect((await verdict('CL-8')).status).toBe('pass');
    await clearReport();
    const state = randomState();
    await authorize({ state });
    await authorize({ state });
    expect(await verdict('CL-8')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/already used/)] });
  });

  it('CL-9: the same redirect_uri at authorize and token passes; another registered one at the token endpoint fails', async () => {
    await redeem(await authorize());
    expect((await verdict('CL-9')).status).toBe('pass');
    await clearReport();
    const r = await redeem(await authorize(), { redirect_uri: OTHER_REDIRECT });
    expect(r.json.error).toBe('invalid_grant');
    const v = await verdict('CL-9');
    expect(v.status).toBe('fail');
    expect(v.evidence[0]).toContain(OTHER_REDIRECT);
  });

  it('CL-10: no client_secret passes; a client_secret fails; an empty client_secret= warns and is accepted as omitted (RFC 6749 §3.2)', async () => {
    await redeem(await authorize());
    expect((await verdict('CL-10')).status).toBe('pass');
    await clearReport();
    const refused = await redeem(await authorize(), { client_secret: 'shh' });
    expect(refused.json.error).toBe('invalid_client');
    expect(await verdict('CL-10')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/client_secret \(3 chars\)/)] });
    await clearReport();
    const empty = await redeem(await authorize(), { client_secret: '' });
    expect(empty.status, empty.text).toBe(200);
    expect(await verdict('CL-10')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/empty client_secret=/)] });
  });

  it('CL-11: client_id in the body passes; an HTTP Basic header from the public client fails', async () => {
    await redeem(await authorize());
    expect((await verdict('CL-11')).status).toBe('pass');
    await clearReport();
    await redeem(await authorize(), { client_id: undefined }, { authorization: basic(CLIENT, '') });
    expect((await verdict('CL-11')).status).toBe('fail');
  });

  it('CL-12: refreshing with the newest refresh token passes; presenting the rotated-out one fails and ends the family', async () => {
    const first = await login();
    const second = await refreshWith(issuer, first.refresh_token!);
    expect(second.status).toBe(200);
    expect((await refreshWith(issuer, second.json.refresh_token as string)).status).toBe(200);
    expect((await verdict('CL-12')).status).toBe('pass');
    await clearReport();
    const t = await login();
    const rotated = await refreshWith(issuer, t.refresh_token!);
    const reuse = await refreshWith(issuer, t.refresh_token!);
    expect(reuse.json.error).toBe('invalid_grant');
    const v = await verdict('CL-12');
    expect(v.status).toBe('fail');
    expect(v.evidence[0]).toMatch(/rotated-out/);
    expect(v.evidence[0]).not.toContain(t.refresh_token!);
    // The server still revokes the family (RFC 9700 §4.14.2): the current token is dead too.
    expect((await refreshWith(issuer, rotated.json.refresh_token as string)).json.error).toBe('invalid_grant');
  });

  it('CL-13: the code in the POST body passes; the same code in the token endpoint URL fails', async () => {
    await redeem(await authorize());
    expect((await verdict('CL-13')).status).toBe('pass');
    await clearReport();
    const a = await authorize();
    await redeem(a, {}, {}, `?code=${encodeURIComponent(a.code)}`);
    expect(await verdict('CL-13')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/^code sent in the URL query/)] });
  });

  it('CL-13: a GET to the token endpoint with the code in its URL fails CL-13, though the mock refuses the GET', async () => {
    const a = await authorize();
    const q = new URLSearchParams({ grant_type: 'authorization_code', code: a.code, client_id: CLIENT, code_verifier: a.verifier, redirect_uri: a.redirectUri });
    expect((await call(issuer, `/oauth/token?${q}`)).status).toBe(405);
    const v = await verdict('CL-13');
    expect(v).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/^code sent in the URL query of a GET/)] });
    expect(v.evidence[0]).not.toContain(a.code);
  });

  it('CL-13: a refresh with its parameters in the POST body passes; the same with all of them in the URL query and an empty body (axios `params`) fails, and is refused', async () => {
    const t = await login();
    const form = { grant_type: 'refresh_token', refresh_token: t.refresh_token!, client_id: CLIENT };
    expect((await post(issuer, '/oauth/token', form)).status).toBe(200);
    expect((await verdict('CL-13')).status).toBe('pass');
    await clearReport();
    const u = await login();
    await clearReport();
    const inUrl = await post(issuer, `/oauth/token?${new URLSearchParams({ ...form, refresh_token: u.refresh_token! })}`, '');
    // RFC 6749 §3.2: the parameters belong in the body; the request is refused as before.
    expect(inUrl.status).toBe(400);
    expect(inUrl.json.error).toBe('invalid_request');
    const v = await verdict('CL-13');
    expect(v).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/^refresh_token sent in the URL query of a POST to the token endpoint/)] });
    expect(v.evidence[0]).not.toContain(u.refresh_token!);
    // The query names the client for CL-13 only: nothing else is judged of that request.
    const others = (await report()).clients[0]!.verdicts.filter((x) => x.id !== 'CL-13' && x.id !== 'CL-14' && x.observations > 0);
    expect(others).toEqual([]);
  });

  it('CL-13: a revocation with the token in the POST body passes; the same in the URL query with an empty body fails', async () => {
    const t = await login();
    await clearReport();
    const form = { token: t.access_token!, client_id: CLIENT };
    expect((await post(issuer, '/oauth/revoke', form)).status).toBe(200);
    expect((await verdict('CL-13')).status).toBe('pass');
    await clearReport();
    const inUrl = await post(issuer, `/oauth/revoke?${new URLSearchParams(form)}`, '');
    // The body names no client: refused as before (RFC 7009 §2.1 asks the client to authenticate).
    expect(inUrl.json.error).toBe('invalid_client');
    expect(await verdict('CL-13')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/^token sent in the URL query of a POST to the revocation endpoint/)] });
  });

  it('CL-14: a registered client_id passes; REPLACE_ME fails, and the answer is invalid_client with a placeholder hint', async () => {
    await redeem(await authorize());
    expect((await verdict('CL-14')).status).toBe('pass');
    await clearReport();
    const r = await post(issuer, '/oauth/token', { grant_type: 'authorization_code', code: 'x', client_id: 'REPLACE_ME', code_verifier: pkcePair().verifier, redirect_uri: DEMO_REDIRECT });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
    expect(r.json.error_description).toMatch(/looks like a placeholder/);
    expect(await verdict('CL-14', 'REPLACE_ME')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/REPLACE_ME/)] });
  });

  it('CL-14: ${CLIENT_ID}, <client_id>, YOUR_CLIENT_ID and an app name are placeholders too; an unknown random id is not followed', async () => {
    for (const id of ['${CLIENT_ID}', '<client_id>', 'YOUR_CLIENT_ID', 'my-app-mobile']) {
      const page = await authorizeRequest(issuer, { response_type: 'code', client_id: id, redirect_uri: DEMO_REDIRECT, state: randomState() });
      expect(page.status, id).toBe(400);
      expect(page.text, id).toMatch(/looks like a placeholder/);
      expect((await verdict('CL-14', id)).status, id).toBe('fail');
    }
    await post(issuer, '/oauth/token', { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'logi_0123456789abcdef' });
    expect((await report()).clients.map((c) => c.clientId)).not.toContain('logi_0123456789abcdef');
  });

  it('CL-1..CL-20: the report has the documented shape, every requirement for every client seen', async () => {
    await login();
    const rep = await report();
    expect(Date.parse(rep.generatedAt)).not.toBeNaN();
    expect(rep.requirements.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `CL-${i + 1}`));
    for (const r of rep.requirements) expect(Object.keys(r).sort()).toEqual(['id', 'level', 'rule', 'text']);
    expect(rep.clients).toEqual([{ clientId: CLIENT, public: true, verdicts: expect.any(Array) }]);
    const statuses = Object.fromEntries(rep.clients[0]!.verdicts.map((v) => [v.id, v.status]));
    for (const id of ['CL-1', 'CL-2', 'CL-3', 'CL-4', 'CL-5', 'CL-6', 'CL-7', 'CL-8', 'CL-9', 'CL-10', 'CL-11', 'CL-13', 'CL-14']) expect(statuses[id], id).toBe('pass');
    for (const id of ['CL-12', 'CL-15', 'CL-16', 'CL-17', 'CL-18', 'CL-19', 'CL-20']) expect(statuses[id], id).toBe('not-observed');
  });

  it('CL-13: a confidential client is judged too, without the public-client rows (CL-10, CL-11 not observed)', async () => {
    const conf = basic('demo-confidential', 'demo-confidential-secret');
    const a = await authorize({ clientId: 'demo-confidential', redirectUri: 'https://confidential.example.com/callback' });
    await post(issuer, '/oauth/token', { grant_type: 'authorization_code', code: a.code, redirect_uri: a.redirectUri, code_verifier: a.verifier }, { authorization: conf });
    const c = (await report()).clients.find((x) => x.clientId === 'demo-confidential')!;
    expect(c.public).toBe(false);
    const by = Object.fromEntries(c.verdicts.map((v) => [v.id, v.status]));
    expect(by).toMatchObject({ 'CL-9': 'pass', 'CL-13': 'pass', 'CL-10': 'not-observed', 'CL-11': 'not-observed' });
  });
});

describe('adversarial answers (control-API scenarios)', () => {
  it('CL-15: after a wrong-state response, a client that drops the code passes; one that redeems it fails', async () => {
    expect((await queue('authorize', 'wrong-state')).status).toBe(201);
    const a = await authorize();
    expect(a.location.searchParams.get('state')).not.toBe(a.state);
    expect(a.location.searchParams.get('iss')).toBe(issuer);
    expect((await verdict('CL-15')).status).toBe('pass');
    await clearReport();
    await queue('authorize', 'wrong-state');
    const b = await authorize();
    expect((await redeem(b)).status).toBe(200);
    expect(await verdict('CL-15')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/state does not match/)] });
  });

  it('CL-16: after a wrong-iss response (RFC 9207), dropping the code passes; redeeming it warns (SHOULD)', async () => {
    await queue('authorize', 'wrong-iss');
    const a = await authorize();
    expect(a.location.searchParams.get('iss')).toBe('https://mix-up.invalid');
    expect(a.location.searchParams.get('state')).toBe(a.state);
    expect((await verdict('CL-16')).status).toBe('pass');
    await clearReport();
    await queue('authorize', 'wrong-iss');
    await redeem(await authorize());
    expect(await verdict('CL-16')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/iss is another issuer: reject such a response/)] });
  });

  it('CL-17: after a response without iss, dropping the code passes; redeeming it warns (SHOULD)', async () => {
    await queue('authorize', 'missing-iss');
    const a = await authorize();
    expect(a.location.searchParams.has('iss')).toBe(false);
    expect(a.code).not.toBe('');
    expect((await verdict('CL-17')).status).toBe('pass');
    await clearReport();
    await queue('authorize', 'missing-iss');
    await redeem(await authorize());
    expect((await verdict('CL-17')).status).toBe('warn');
  });

  it('CL-18: a code issued to another client is refused once; not retrying passes, retrying it warns (SHOULD)', async () => {
    await queue('authorize', 'foreign-code');
    const a = await authorize();
    expect((await redeem(a)).json.error).toBe('invalid_grant');
    expect((await verdict('CL-18')).status).toBe('pass');
    await clearReport();
    await queue('authorize', 'foreign-code');
    const b = await authorize();
    await redeem(b);
    await redeem(b);
    expect(await verdict('CL-18')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/again \(attempt 2\)/)] });
  });

  it('CL-19: after invalid_grant on refresh, logging in again passes; retrying the same refresh token warns (SHOULD)', async () => {
    const t = await login();
    await queue('token', 'refresh-invalid-grant');
    expect((await refreshWith(issuer, t.refresh_token!)).json.error).toBe('invalid_grant');
    await login();
    expect((await verdict('CL-19')).status).toBe('pass');
    await clearReport();
    const u = await login();
    await queue('token', 'refresh-invalid-grant');
    await refreshWith(issuer, u.refresh_token!);
    await refreshWith(issuer, u.refresh_token!);
    expect(await verdict('CL-19')).toMatchObject({ status: 'warn', evidence: [expect.stringMatching(/again after it was refused/)] });
  });

  it('CL-19: the scenario applies to the next refresh only, not to a code redemption queued before it', async () => {
    await queue('token', 'refresh-invalid-grant');
    const t = await login();
    expect((await refreshWith(issuer, t.refresh_token!)).json.error).toBe('invalid_grant');
  });

  it('CL-20: after a refresh response without refresh_token, using the kept one passes; sending another value fails', async () => {
    const t = await login();
    await queue('token', 'no-new-refresh-token');
    const r = await refreshWith(issuer, t.refresh_token!);
    expect(r.status).toBe(200);
    expect(r.json.refresh_token).toBeUndefined();
    expect((await refreshWith(issuer, t.refresh_token!)).status).toBe(200);
    expect((await verdict('CL-20')).status).toBe('pass');
    await clearReport();
    const u = await login();
    await queue('token', 'no-new-refresh-token');
    await refreshWith(issuer, u.refresh_token!);
    await refreshWith(issuer, 'undefined');
    expect(await verdict('CL-20')).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/instead of the one it holds/)] });
  });

  it('CL-15: a scenario for one client_id leaves other clients alone, and is listed, validated and cleared', async () => {
    expect((await queue('authorize', 'wrong-state', { client_id: 'demo-public-2' })).json).toMatchObject({ endpoint: 'authorize', remaining: 1, action: { adversary: 'wrong-state', client_id: 'demo-public-2' } });
    const a = await authorize();
    expect(a.location.searchParams.get('state')).toBe(a.state);
    expect((await call(issuer, '/_mock/scenarios')).json.scenarios).toHaveLength(1);
    expect((await queue('token', 'wrong-state')).json.error_description).toMatch(/"endpoint": "authorize"/);
    expect((await queue('authorize', 'nope')).json.error_description).toMatch(/adversary must be one of/);
    expect((await queue('authorize', 'wrong-iss', { extra: 1 })).status).toBe(400);
    await call(issuer, '/_mock/scenarios', { method: 'DELETE' });
    expect((await call(issuer, '/_mock/scenarios')).json.scenarios).toEqual([]);
  });
});
