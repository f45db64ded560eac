/**
 * The msw handlers answer in-process (global fetch under setupServer) as the node:http server
 * does over a socket: same statuses, errors and token shapes for the same requests.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../index.js';
import { oauthHandlers } from './msw-handlers.js';
import { contractProblems } from '../testing/oauth-contract.js';
import {
  authorizeRequest, basic, call, CONFIDENTIAL, DEMO_REDIRECT, exchanges, getCode, introspect, location, pkcePair, post, redeem, refreshWith, usersToken,
} from '../testing/http-kit.js';

const MSW = 'http://authprobe.msw.test';
const server = setupServer(...oauthHandlers({ issuer: MSW, consent: 'auto' }));
let socket: RunningMock;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'bypass' });
  socket = await startMock({ consent: 'auto', desktop: false });
});
afterAll(async () => {
  server.close();
  await socket?.close();
  expect(exchanges.flatMap(contractProblems)).toEqual([]);
});

/** Runs one scenario against an issuer and returns what must agree between transports. */
type Scenario = (I: string) => Promise<unknown>;

const scenarios: Record<string, Scenario> = {
  'RED-7: metadata and iss': async (I) => {
    const md = (await call(I, '/.well-known/oauth-authorization-server')).json;
    const l = location(await authorizeRequest(I, { response_type: 'code', client_id: 'demo-public', redirect_uri: DEMO_REDIRECT, state: 's', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }));
    return { methods: md.code_challenge_methods_supported, issOk: l?.searchParams.get('iss') === I, state: l?.searchParams.get('state') };
  },
  'RED-1: unregistered redirect gets the error page': async (I) => {
    const r = await authorizeRequest(I, { response_type: 'code', client_id: 'demo-public', redirect_uri: 'https://evil.example/cb' });
    return [r.status, r.headers.get('location')];
  },
  'PKCE-5 / CODE-1: code flow, wrong verifier, replay': async (I) => {
    const c = await getCode(I);
    const wrong = await redeem(I, c, { code_verifier: pkcePair().verifier });
    const ok = await redeem(I, c);
    const replay = await redeem(I, c);
    return [wrong.status, wrong.json.error, ok.status, Object.keys(ok.json).sort(), ok.headers.get('cache-control'), replay.json.error];
  },
  'ROT-3: reuse revokes the family': async (I) => {
    const c = await getCode(I);
    const t = (await redeem(I, c)).json;
    const n = (await refreshWith(I, t.refresh_token as string)).json;
    const reuse = await refreshWith(I, t.refresh_token as string);
    return [reuse.json.error, (await refreshWith(I, n.refresh_token as string)).json.error, (await introspect(I, n.access_token as string)).json.active];
  },
  'DG-1 / DG-3 / TOK-6': async (I) => {
    const dg1 = await redeem(I, await getCode(I), { client_secret: 'x' });
    const dg3 = await post(I, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic('demo-confidential', 'bad') });
    const get = await call(I, '/oauth/token');
    return [dg1.status, dg1.json.error, dg3.status, dg3.headers.get('www-authenticate'), get.status, get.headers.get('allow')];
  },
  'CC-1 / CC-2 / CC-4: users API': async (I) => {
    const ok = await usersToken(I);
    const scope = await usersToken(I, { grant_type: 'client_credentials', scope: 'profile' });
    const body = await usersToken(I, { grant_type: 'client_credentials', client_id: 'demo-users-api', client_secret: 'demo-users-api-secret' }, {});
    const conf = await post(I, '/oauth/token', { grant_type: 'client_credentials', scope: 'api' }, { authorization: CONFIDENTIAL });
    return [ok.status, ok.json.token_type, ok.json.expires_in, ok.json.scope, ok.json.refresh_token, scope.json.error, body.status, conf.json.scope];
  },
  'REG-4 / REG-6: registration': async (I) => {
    const r = await call(I, '/api/v1/applications', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-registration-token' }, body: JSON.stringify({ application: { client_type: 'public', redirect_uris: ['https://x.example/cb'] } }) });
    const unauth = await call(I, '/api/v1/applications', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return [r.status, r.json.token_endpoint_auth_method, r.json.client_secret, unauth.status];
  },
};

describe('msw handlers answer as the socket server', () => {
  for (const [name, run] of Object.entries(scenarios)) {
    it(name, async () => {
      const viaSocket = await run(socket.issuer);
      const viaMsw = await run(MSW);
      expect(viaMsw).toEqual(viaSocket);
    });
  }
  it('TOK-7: the control API and scenarios work in-process too', async () => {
    const q = await call(MSW, '/_mock/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: 'users-token', times: 1, action: { error: 'temporarily_unavailable', status: 400 } }) });
    expect(q.status).toBe(201);
    const r = await usersToken(MSW);
    expect([r.status, r.json.error]).toEqual([400, 'temporarily_unavailable']);
    expect((await usersToken(MSW)).status).toBe(200);
    expect((await call(MSW, '/_mock/clock')).json.now).toBeTypeOf('number');
  });
});
