/**
 * For every defect, a probe of the behaviour it breaks: true when the mock behaves as the
 * requirement says. The defect test runs each probe against a conformant mock (true) and the
 * mock with that one defect (false).
 */
import type { OAuthDefectName } from '../core/defects.js';
import {
  advance, authorizeRequest, basic, call, CONFIDENTIAL, DEMO_REDIRECT, getCode, introspect, location, pkcePair, post, redeem,
  refreshWith, register, s256, tokens, usersToken, USERS_API,
} from './http-kit.js';

type Probe = (issuer: string) => Promise<boolean>;

const authz = (over: Record<string, string | undefined> = {}) => {
  const { challenge } = pkcePair();
  return { response_type: 'code', client_id: 'demo-public', redirect_uri: DEMO_REDIRECT, scope: 'openid', state: 'state-123', code_challenge: challenge, code_challenge_method: 'S256', ...over };
};
const refusedWithoutRedirect = async (I: string, over: Record<string, string | undefined>) => {
  const r = await authorizeRequest(I, authz(over));
  return r.status === 400 && r.headers.get('location') === null;
};
const authorizeError = async (I: string, over: Record<string, string | undefined>) =>
  location(await authorizeRequest(I, authz(over)))?.searchParams.get('error') ?? null;
const regRefused = async (I: string, uri: string) => (await register(I, { client_type: 'public', redirect_uris: [uri] })).status === 400;
const cc = (I: string, headers: Record<string, string>, form: Record<string, string> = {}) =>
  post(I, '/oauth/token', { grant_type: 'client_credentials', ...form }, headers);

export const probes: Record<OAuthDefectName, Probe> = {
  'reg-private-scheme-refused': async (I) => (await register(I, { client_type: 'public', redirect_uris: ['com.example.app:/cb'] })).status === 201,
  'reg-http-accepted': (I) => regRefused(I, 'http://app.example.com/cb'),
  'reg-fragment-accepted': (I) => regRefused(I, 'https://app.example.com/cb#x'),
  'reg-public-secret-issued': async (I) => {
    const r = await register(I, { client_type: 'public', redirect_uris: ['https://a.example.com/cb'] });
    return r.json.client_secret === undefined && r.json.token_endpoint_auth_method === 'none';
  },
  'reg-client-type-mutable': async (I) => {
    const id = (await register(I, { client_type: 'public', redirect_uris: ['https://a.example.com/cb'] })).json.client_id as string;
    const r = await call(I, `/api/v1/applications/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-registration-token' }, body: JSON.stringify({ application: { client_type: 'confidential' } }) });
    return r.status === 400;
  },
  'reg-no-auth': async (I) => (await register(I, { client_type: 'public', redirect_uris: ['https://a.example.com/cb'] }, '')).status === 401,
  'reg-non-uri-accepted': (I) => regRefused(I, 'https://app.example.com/c b'),
  'reg-bare-scheme-accepted': (I) => regRefused(I, 'myapp:/cb'),
  'reg-script-scheme-accepted': (I) => regRefused(I, 'javascript:alert(1)//'),
  'reg-refused-update-applied': async (I) => {
    const id = (await register(I, { name: 'before', client_type: 'public', redirect_uris: ['https://a.example.com/cb'] })).json.client_id as string;
    const init = { headers: { 'content-type': 'application/json', authorization: 'Bearer demo-registration-token' } };
    await call(I, `/api/v1/applications/${id}`, { ...init, method: 'PATCH', body: JSON.stringify({ application: { name: 'after', redirect_uris: ['https://a.example.com/cb#x'] } }) });
    return (await call(I, `/api/v1/applications/${id}`, init)).json.name === 'before';
  },

  'redirect-prefix-match': (I) => refusedWithoutRedirect(I, { redirect_uri: `${DEMO_REDIRECT}/evil` }),
  'redirect-case-insensitive': (I) => refusedWithoutRedirect(I, { redirect_uri: 'http://127.0.0.1:8765/CALLBACK' }),
  'loopback-port-ignored': (I) => refusedWithoutRedirect(I, { redirect_uri: 'http://127.0.0.1:9999/callback' }),
  'error-redirect-unregistered': (I) => refusedWithoutRedirect(I, { redirect_uri: 'https://attacker.example/cb' }),
  'unknown-client-redirect': (I) => refusedWithoutRedirect(I, { client_id: 'nobody', redirect_uri: 'https://attacker.example/cb' }),
  'missing-redirect-uses-first': (I) => refusedWithoutRedirect(I, { redirect_uri: undefined }),
  'token-redirect-uri-unchecked': async (I) => (await redeem(I, await getCode(I), { redirect_uri: 'https://app.example.com/callback' })).json.error === 'invalid_grant',
  'error-state-dropped': async (I) => location(await authorizeRequest(I, authz({ scope: 'admin' })))?.searchParams.get('state') === 'state-123',
  'state-altered': async (I) => location(await authorizeRequest(I, authz()))?.searchParams.get('state') === 'state-123',
  'iss-missing': async (I) => location(await authorizeRequest(I, authz()))?.searchParams.get('iss') === I,
  // RED-8: probed on mocks with loopbackPorts 'any' (defects.test.ts).
  'loopback-port-pinned': async (I) => {
    const to = location(await authorizeRequest(I, authz({ redirect_uri: 'http://127.0.0.1:9999/callback' })));
    return to?.origin === 'http://127.0.0.1:9999' && to.searchParams.has('code');
  },

  'pkce-not-required': async (I) => (await authorizeError(I, { code_challenge: undefined, code_challenge_method: undefined })) === 'invalid_request',
  'pkce-plain-accepted': async (I) => (await authorizeError(I, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })) === 'invalid_request',
  'pkce-challenge-unchecked': async (I) => (await authorizeError(I, { code_challenge: 'too-short' })) === 'invalid_request',
  'pkce-verifier-optional': async (I) => (await redeem(I, await getCode(I), { code_verifier: undefined })).json.error === 'invalid_grant',
  'pkce-any-verifier': async (I) => (await redeem(I, await getCode(I), { code_verifier: pkcePair().verifier })).json.error === 'invalid_grant',
  'pkce-verifier-format-unchecked': async (I) => {
    const short = 'abc';
    const c = await getCode(I, { code_challenge: s256(short) });
    return (await redeem(I, { ...c, verifier: short })).json.error === 'invalid_grant';
  },
  'pkce-downgrade': async (I) => {
    const r = await authorizeRequest(I, { response_type: 'code', client_id: 'demo-confidential', redirect_uri: 'https://confidential.example.com/callback', scope: 'openid' });
    const code = location(r)?.searchParams.get('code') ?? '';
    const t = await post(I, '/oauth/token', { grant_type: 'authorization_code', code, redirect_uri: 'https://confidential.example.com/callback', code_verifier: pkcePair().verifier }, { authorization: CONFIDENTIAL });
    return t.json.error === 'invalid_grant';
  },
  'pkce-long-verifier-refused': async (I) => (await redeem(I, await getCode(I, {}, 128))).status === 200,
  'pkce-plain-advertised': async (I) => JSON.stringify((await call(I, '/.well-known/oauth-authorization-server')).json.code_challenge_methods_supported) === '["S256"]',

  'code-reusable': async (I) => {
    const c = await getCode(I);
    await redeem(I, c);
    return (await redeem(I, c)).json.error === 'invalid_grant';
  },
  'code-replay-keeps-tokens': async (I) => {
    const c = await getCode(I);
    const t = (await redeem(I, c)).json;
    await redeem(I, c);
    return (await introspect(I, t.access_token as string)).json.active === false;
  },
  'code-not-bound-to-client': async (I) => (await redeem(I, await getCode(I), { client_id: 'demo-public-2' })).json.error === 'invalid_grant',
  'code-never-expires': async (I) => {
    const c = await getCode(I);
    await advance(I, 61);
    return (await redeem(I, c)).json.error === 'invalid_grant';
  },
  'weak-codes': async (I) => Buffer.from((await getCode(I)).code, 'base64url').length >= 16,

  'public-secret-accepted': async (I) => (await redeem(I, await getCode(I), { client_secret: 'x' })).json.error === 'invalid_client',
  'public-empty-secret-refused': async (I) => typeof (await redeem(I, await getCode(I), { client_secret: '' })).json.access_token === 'string',
  'public-basic-accepted': async (I) => (await redeem(I, await getCode(I), { client_id: undefined }, { authorization: basic('demo-public', '') })).json.error === 'invalid_client',
  'wrong-secret-accepted': async (I) => (await cc(I, { authorization: basic('demo-confidential', 'wrong') })).status === 401,
  'no-www-authenticate': async (I) => (await cc(I, { authorization: basic('demo-confidential', 'wrong') })).headers.get('www-authenticate') !== null,
  'multiple-auth-methods': async (I) => (await cc(I, { authorization: CONFIDENTIAL }, { client_secret: 'demo-confidential-secret' })).status === 401,
  'public-client-credentials': async (I) => (await cc(I, {}, { client_id: 'demo-public' })).status === 400,
  // Without credentials the client is not even looked at for its grant: 401, not the grant's own error.
  'confidential-secret-optional': async (I) => (await post(I, '/oauth/token', 'grant_type=refresh_token&refresh_token=unknown&client_id=demo-confidential')).status === 401,
  'auth-method-not-enforced': async (I) => (await cc(I, {}, { client_id: 'demo-confidential', client_secret: 'demo-confidential-secret' })).status === 401,

  'no-cache-control': async (I) => (await cc(I, { authorization: CONFIDENTIAL })).headers.get('cache-control') === 'no-store',
  'token-error-plain-text': async (I) => (await cc(I, { authorization: CONFIDENTIAL }, { grant_type: 'nope' })).json.error === 'unsupported_grant_type',
  'json-body-accepted': async (I) =>
    (await call(I, '/oauth/token', { method: 'POST', headers: { 'content-type': 'application/json', authorization: CONFIDENTIAL }, body: '{"grant_type":"client_credentials"}' })).json.error === 'invalid_request',
  'duplicate-params-accepted': async (I) => (await post(I, '/oauth/token', 'grant_type=password&grant_type=client_credentials', { authorization: CONFIDENTIAL })).json.error === 'invalid_request',
  'unknown-grant-invalid-request': async (I) => (await cc(I, { authorization: CONFIDENTIAL }, { grant_type: 'password' })).json.error === 'unsupported_grant_type',
  'token-get-accepted': async (I) => (await call(I, '/oauth/token?grant_type=client_credentials', { headers: { authorization: CONFIDENTIAL } })).status === 405,
  'malformed-basic-500': async (I) => (await cc(I, { authorization: 'Basic %%%' })).status < 500,
  'code-token-type-missing': async (I) => String((await redeem(I, await getCode(I))).json.token_type).toLowerCase() === 'bearer',

  'cc-scope-omitted': async (I) => (await usersToken(I)).json.scope === 'openid',
  'users-api-any-scope': async (I) => (await usersToken(I, { grant_type: 'client_credentials', scope: 'profile' })).json.error === 'invalid_scope',
  'cc-refresh-token': async (I) => (await usersToken(I)).json.refresh_token === undefined,
  'cc-undefined-scope-granted': async (I) => {
    const r = await cc(I, { authorization: CONFIDENTIAL }, { scope: 'openid urn:authprobe:undefined-scope' });
    return r.status === 400 || !String(r.json.scope ?? '').split(' ').includes('urn:authprobe:undefined-scope');
  },
  'users-api-body-credentials': async (I) => (await usersToken(I, { grant_type: 'client_credentials', client_id: 'demo-users-api', client_secret: 'demo-users-api-secret' }, {})).status === 401,
  'inactive-client-accepted': async (I) => (await usersToken(I, undefined, { authorization: basic('demo-inactive', 'demo-inactive-secret') })).status === 401,
  'users-api-expires-3600': async (I) => (await usersToken(I)).json.expires_in === 900,

  'refresh-not-rotated': async (I) => {
    const t = await tokens(I);
    return (await refreshWith(I, t.refresh_token as string)).json.refresh_token !== t.refresh_token;
  },
  'old-refresh-valid': async (I) => {
    const t = await tokens(I);
    await refreshWith(I, t.refresh_token as string);
    return (await refreshWith(I, t.refresh_token as string)).json.error === 'invalid_grant';
  },
  'reuse-keeps-family': async (I) => {
    const t = await tokens(I);
    const next = (await refreshWith(I, t.refresh_token as string)).json;
    await refreshWith(I, t.refresh_token as string);
    return (await refreshWith(I, next.refresh_token as string)).json.error === 'invalid_grant';
  },
  'refresh-not-bound-to-client': async (I) => (await refreshWith(I, (await tokens(I)).refresh_token as string, { client_id: 'demo-public-2' })).json.error === 'invalid_grant',
  'refresh-scope-widening': async (I) => (await refreshWith(I, (await tokens(I, { scope: 'openid offline_access' })).refresh_token as string, { scope: 'openid email' })).json.error === 'invalid_scope',
  'refresh-race': async (I) => {
    const rt = (await tokens(I)).refresh_token as string;
    const rs = await Promise.all([refreshWith(I, rt), refreshWith(I, rt)]);
    return rs.filter((r) => r.status === 200).length <= 1;
  },
  'revoke-keeps-family': async (I) => {
    const t = await tokens(I);
    await post(I, '/oauth/revoke', { token: t.refresh_token as string, client_id: 'demo-public' });
    return (await refreshWith(I, t.refresh_token as string)).json.error === 'invalid_grant';
  },

  'expires-in-mismatch': async (I) => {
    const r = await usersToken(I);
    const p = JSON.parse(Buffer.from((r.json.access_token as string).split('.')[1] as string, 'base64url').toString()) as { iat: number; exp: number };
    return p.exp - p.iat === r.json.expires_in;
  },
  'expired-token-accepted': async (I) => {
    const at = (await usersToken(I)).json.access_token as string;
    await advance(I, 901);
    return (await introspect(I, at)).json.active === false;
  },
  'refresh-never-expires': async (I) => {
    const t = await tokens(I);
    await advance(I, 30 * 24 * 3600 + 1);
    return (await refreshWith(I, t.refresh_token as string)).json.error === 'invalid_grant';
  },
  'access-revoke-noop': async (I) => {
    const at = (await usersToken(I)).json.access_token as string;
    await post(I, '/oauth/revoke', { token: at }, { authorization: USERS_API });
    return (await introspect(I, at)).json.active === false;
  },

  // REV: demo-public-2 is another public client; its revocation must leave demo-public's token alone.
  'revoke-any-client': async (I) => {
    const t = await tokens(I);
    await post(I, '/oauth/revoke', { token: t.refresh_token as string, client_id: 'demo-public-2' });
    return (await refreshWith(I, t.refresh_token as string)).status === 200;
  },
  'revoke-unknown-error': async (I) => (await post(I, '/oauth/revoke', { token: 'no-such-token', client_id: 'demo-public' })).status === 200,
  'revoke-hint-trusted': async (I) => {
    const t = await tokens(I);
    await post(I, '/oauth/revoke', { token: t.refresh_token as string, token_type_hint: 'access_token', client_id: 'demo-public' });
    return (await refreshWith(I, t.refresh_token as string)).json.error === 'invalid_grant';
  },
  'revoke-hint-unsupported': async (I) => {
    const t = await tokens(I);
    return (await post(I, '/oauth/revoke', { token: t.refresh_token as string, token_type_hint: 'session_token', client_id: 'demo-public' })).status === 200;
  },
  'revoke-unknown-hint-refresh-only': async (I) => {
    const at = (await tokens(I)).access_token as string;
    await post(I, '/oauth/revoke', { token: at, token_type_hint: 'session_token', client_id: 'demo-public' });
    return (await introspect(I, at)).json.active === false;
  },
  'revoke-empty-token': async (I) => (await post(I, '/oauth/revoke', { token: '', client_id: 'demo-public' })).json.error === 'invalid_request',
  // INT
  'introspect-any-caller': async (I) => (await introspect(I, (await tokens(I)).access_token as string, 'demo-public-2')).json.active !== true,
  'introspect-public-caller': async (I) => (await introspect(I, (await tokens(I)).access_token as string, 'demo-public')).status === 401,
  'introspect-stale-refresh': async (I) => {
    const t = await tokens(I);
    await refreshWith(I, t.refresh_token as string);
    return (await introspect(I, t.refresh_token as string)).json.active === false;
  },
  'introspect-cacheable': async (I) => {
    const r = await introspect(I, (await tokens(I)).access_token as string);
    return r.json.active === true && /no-store/.test(r.headers.get('cache-control') ?? '');
  },
  'introspect-unknown-error': async (I) => {
    const r = await introspect(I, 'no-such-token');
    return r.status === 200 && r.json.active === false;
  },
  // RACE
  'code-race': async (I) => {
    const c = await getCode(I);
    const rs = await Promise.all([redeem(I, c), redeem(I, c), redeem(I, c)]);
    return rs.filter((r) => r.status === 200).length === 1;
  },
  'code-family-late': async (I) => {
    const c = await getCode(I);
    const [a] = await Promise.all([redeem(I, c), redeem(I, c)]);
    const issued = a?.status === 200 ? a.json : undefined;
    return issued === undefined || (await introspect(I, issued.access_token as string)).json.active === false;
  },
  'revoke-refresh-race': async (I) => {
    const t = await tokens(I);
    const [r] = await Promise.all([
      refreshWith(I, t.refresh_token as string),
      new Promise((resolve) => setTimeout(resolve, 5)).then(() => post(I, '/oauth/revoke', { token: t.refresh_token as string, client_id: 'demo-public' })),
    ]);
    return r.status !== 200 || (await refreshWith(I, r.json.refresh_token as string)).status !== 200;
  },
  // GRACE: probed on mocks with a 30 s window (defects.test.ts).
  'grace-forks': async (I) => {
    const t = await tokens(I);
    const t1 = (await refreshWith(I, t.refresh_token as string)).json.refresh_token as string;
    const retry = (await refreshWith(I, t.refresh_token as string)).json.refresh_token as string;
    return retry === t1 || (await refreshWith(I, t1)).status !== 200;
  },
  'grace-any-old-token': async (I) => {
    const t = await tokens(I);
    const t1 = (await refreshWith(I, t.refresh_token as string)).json.refresh_token as string;
    await refreshWith(I, t1);
    return (await refreshWith(I, t.refresh_token as string)).status !== 200;
  },
  'grace-never-ends': async (I) => {
    const t = await tokens(I);
    await refreshWith(I, t.refresh_token as string);
    await advance(I, 31);
    return (await refreshWith(I, t.refresh_token as string)).status !== 200;
  },
  // AZ
  'error-precedence-redirect': (I) => refusedWithoutRedirect(I, { client_id: 'nobody', redirect_uri: 'https://attacker.example/cb', response_type: 'token' }),
  'authorize-duplicates-last-wins': async (I) => {
    const { challenge } = pkcePair();
    const q = `response_type=code&client_id=demo-public&redirect_uri=${encodeURIComponent(DEMO_REDIRECT)}&scope=openid&state=a&state=a&code_challenge=${challenge}&code_challenge_method=S256`;
    return !(await call(I, `/oauth/authorize?${q}`)).headers.get('location')?.includes('code=');
  },
  'consent-frameable': async (I) => (await authorizeRequest(I, authz({ prompt: 'consent' }))).headers.get('x-frame-options') === 'DENY',
  'consent-referrer-leaks': async (I) => (await authorizeRequest(I, authz({ prompt: 'consent' }))).headers.get('referrer-policy') === 'no-referrer',
  'consent-cross-site': async (I) => {
    const id = /name="request_id" value="([^"]+)"/.exec((await authorizeRequest(I, authz({ prompt: 'consent' }))).text)?.[1] ?? '';
    const r = await post(I, '/oauth/authorize/decision', { request_id: id, decision: 'approve' }, { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' });
    return r.status === 403 && !location(r)?.searchParams.get('code');
  },
  // META
  'openid-issuer-mismatch': async (I) => (await call(I, '/.well-known/openid-configuration')).json.issuer === I,
  'metadata-plain-http': async (I) => !Object.values((await call(I, '/.well-known/openid-configuration')).json).some((v) => typeof v === 'string' && v.startsWith('http://auth.')),
  'id-token-es256-only': async (I) => ((await call(I, '/.well-known/openid-configuration')).json.id_token_signing_alg_values_supported as string[]).includes('RS256'),
};
