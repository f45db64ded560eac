/** TOK — token endpoint hygiene (RFC 6749 §3.2, §5.1, §5.2, §7.1). */
import fc from 'fast-check';
import { obtainCode } from './oauth/authorize.js';
import { clientCredentialsRequest, positiveControls, type PositiveControls } from './oauth/baseline.js';
import { basic, clientAuth, publicClient } from './oauth/clients.js';
import { refreshRequest, tokenEndpoint } from './oauth/token.js';
import type { HttpResponse } from './http/client.js';
import { secretClients } from './dg.js';
import { CaseFindings, check, evidence, expectError, expectTokens, oauthError } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

/** A request the endpoint should grant: a fresh code for the public client, or client_credentials for a secret client. */
interface ValidRequest {
  label: string;
  endpoint: string;
  params: Array<[string, string]>;
  headers: Record<string, string>;
}

/** How many kinds of valid request the target allows (each secret client, then the public code flow). */
function requestKinds(ctx: PropertyContext): number {
  return secretClients(ctx).length + (ctx.target.spec.clients?.public ? 1 : 0);
}

/** Which client kind `pick` stands for (picks wrap around the kinds). */
function kindOf(ctx: PropertyContext, pick: number): { label: string; secret?: ReturnType<typeof secretClients>[number] } {
  const secret = secretClients(ctx);
  const usePublic = ctx.target.spec.clients?.public && (secret.length === 0 || pick % (secret.length + 1) === secret.length);
  if (usePublic) return { label: `authorization_code for ${publicClient(ctx.target).id}` };
  const t = secret[pick % secret.length];
  if (!t) throw new Error('no client to build a valid token request with');
  return { label: clientCredentialsRequest(ctx, t).label, secret: t };
}

async function validRequest(ctx: PropertyContext, pick = 0): Promise<ValidRequest> {
  const kind = kindOf(ctx, pick);
  if (kind.secret) return clientCredentialsRequest(ctx, kind.secret);
  const client = publicClient(ctx.target);
  const issued = await obtainCode(ctx, client);
  return { label: kind.label, endpoint: tokenEndpoint(ctx), params: codeGrantParams(issued.code, issued.redirectUri, issued.pkce.verifier, client.id), headers: {} };
}

function codeGrantParams(code: string, redirectUri: string, verifier: string, clientId: string): Array<[string, string]> {
  return [
    ['grant_type', 'authorization_code'],
    ['code', code],
    ['redirect_uri', redirectUri],
    ['code_verifier', verifier],
    ['client_id', clientId],
  ];
}

/** The parameter names of a valid request of kind `pick`, in order (without spending a code on it). */
function paramNames(ctx: PropertyContext, pick: number): string[] {
  const kind = kindOf(ctx, pick);
  return (kind.secret ? clientCredentialsRequest(ctx, kind.secret).params : codeGrantParams('', '', '', '')).map(([k]) => k);
}

/**
 * The positive control of the refusal properties: the valid request of kind `pick`, as it is,
 * yields tokens (once per property run), so that refusing its altered form means something.
 */
function validGranted(ctx: PropertyContext, control: PositiveControls, pick: number, refusal: string): Promise<void> {
  return control(kindOf(ctx, pick).label, refusal, async () => {
    const r = await validRequest(ctx, pick);
    expectTokens(await send(ctx, r), r.label);
  });
}

const anyClient = (ctx: PropertyContext) =>
  ctx.target.spec.clients?.public || secretClients(ctx).length ? undefined : 'client missing: no public, confidential or usersApi client to send token requests with';

function send(ctx: PropertyContext, r: ValidRequest, params = r.params, extraHeaders: Record<string, string> = {}) {
  return ctx.http.postForm(r.endpoint, params, { ...r.headers, ...extraHeaders });
}

/**
 * Every kind of valid token request the target's profiles allow, each run, in a generated order:
 * `body` gets the request and its kind's index (`kindOf`).
 */
function forEveryValidRequest(ctx: PropertyContext, body: (r: ValidRequest, pick: number) => Promise<void>) {
  const kinds = Array.from({ length: requestKinds(ctx) }, (_, i) => i);
  return ctx.forAll(fc.shuffledSubarray(kinds, { minLength: kinds.length }), async (order) => {
    for (const pick of order) await body(await validRequest(ctx, pick), pick);
  });
}

const tok1: ConformanceProperty = {
  id: 'TOK-1',
  runs: 2,
  skipIf: anyClient,
  property(ctx) {
    // RFC 6749 §5.1: the response that carries tokens MUST have Cache-Control: no-store. An error
    // answer carries none, so it is not judged here. Every kind of request, in a generated order.
    return forEveryValidRequest(ctx, async (r) => {
      const res = await send(ctx, r);
      expectTokens(res, r.label);
      const cc = res.headers['cache-control'] ?? '';
      check(/(^|,)\s*no-store\s*(,|$)/i.test(cc), () => `the token response to ${r.label} has Cache-Control ${JSON.stringify(cc || null)}, expected no-store (RFC 6749 §5.1)`);
    });
  },
};

const ERROR_CODES = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'];

type BadRequest = 'no-grant-type' | 'unknown-grant-type' | 'bogus-code' | 'bogus-refresh-token' | 'unknown-client' | 'unknown-client-basic';

const BAD_REQUESTS: readonly BadRequest[] = ['no-grant-type', 'unknown-grant-type', 'bogus-code', 'bogus-refresh-token', 'unknown-client', 'unknown-client-basic'];

const tok2: ConformanceProperty = {
  id: 'TOK-2',
  runs: 3,
  skipIf: anyClient,
  property(ctx) {
    const control = positiveControls();
    // Every kind of bad request in every run, each with its own junk.
    const cases = fc.tuple(...BAD_REQUESTS.map((bad) => fc.stringMatching(/^[A-Za-z0-9]{8,30}$/).map((junk) => ({ bad, junk }))));
    return ctx.forAll(cases, async (list) => {
      const publicId = ctx.target.spec.clients?.public?.client_id;
      const secret = secretClients(ctx)[0];
      // The same client's valid request (the public code flow, else the first secret client's).
      await validGranted(ctx, control, publicId ? secretClients(ctx).length : 0, 'requests that must fail');
      const findings = new CaseFindings();
      for (const { bad, junk } of list) await findings.attempt(async () => {
        const who: Array<[string, string]> = publicId ? [['client_id', publicId]] : [];
        const headers = !publicId && secret ? clientAuth(secret.client).headers : {};
        const endpoint = publicId ? tokenEndpoint(ctx) : (secret?.endpoint as string);
        const params: Array<[string, string]> = {
          'no-grant-type': [...who],
          'unknown-grant-type': [['grant_type', `urn:authprobe:${junk}`], ...who],
          'bogus-code': [['grant_type', 'authorization_code'], ['code', junk], ['redirect_uri', ctx.target.spec.clients?.public?.redirect_uri ?? 'https://x.example/cb'], ['code_verifier', 'a'.repeat(43)], ...who],
          'bogus-refresh-token': [['grant_type', 'refresh_token'], ['refresh_token', junk], ...who],
          'unknown-client': [['grant_type', 'client_credentials'], ['client_id', `unknown-${junk}`], ['client_secret', junk]],
          'unknown-client-basic': [['grant_type', 'client_credentials']],
        }[bad] as Array<[string, string]>;
        const sent = bad === 'unknown-client' ? {} : bad === 'unknown-client-basic' ? { authorization: basic(`unknown-${junk}`, junk) } : headers;
        const res = await ctx.http.postForm(endpoint, params, sent);
        const json = res.json as Record<string, unknown> | undefined;
        const ct = res.headers['content-type'] ?? '';
        check(/^application\/json/i.test(ct), () => `${bad}: error answer is ${ct || 'without content-type'}, expected application/json: ${evidence(res)}`);
        check(json && typeof json === 'object' && !Array.isArray(json), () => `${bad}: error body is not a JSON object: ${evidence(res)}`);
        const error = oauthError(res);
        check(error && ERROR_CODES.includes(error), () => `${bad}: error ${JSON.stringify(json.error)} is not an RFC 6749 §5.2 code: ${evidence(res)}`);
        check(json.error_description === undefined || typeof json.error_description === 'string', () => `${bad}: error_description is not a string: ${evidence(res)}`);
        const want = error === 'invalid_client' ? [400, 401] : [400];
        check(want.includes(res.status), () => `${bad}: ${error} answered with status ${res.status}, expected ${want.join(' or ')}`);
        if (bad === 'unknown-client-basic') {
          // RFC 6749 §5.2: failed authentication through the Authorization header MUST be 401 invalid_client with WWW-Authenticate.
          check(error === 'invalid_client' && res.status === 401 && res.headers['www-authenticate'], () => `an unknown client authenticating with Basic: expected 401 invalid_client with WWW-Authenticate, got ${evidence(res)}`);
        }
      });
      // Values the exchange itself hands an attacker, each in the place of another: the code as
      // a refresh token, the access token as a refresh token, the refresh token as a code.
      if (publicId) {
        const client = publicClient(ctx.target);
        const issued = await obtainCode(ctx, client);
        const tokens = expectTokens(await send(ctx, { label: '', endpoint: tokenEndpoint(ctx), headers: {}, params: codeGrantParams(issued.code, issued.redirectUri, issued.pkce.verifier, client.id) }), 'redeeming a fresh code');
        const swaps: Array<[string, Array<[string, string]>]> = [
          ['the spent code presented as a refresh_token', [['grant_type', 'refresh_token'], ['refresh_token', issued.code]]],
          ['the access token presented as a refresh_token', [['grant_type', 'refresh_token'], ['refresh_token', tokens.access_token as string]]],
          ...(typeof tokens.refresh_token === 'string'
            ? [['the refresh token presented as a code', [['grant_type', 'authorization_code'], ['code', tokens.refresh_token], ['redirect_uri', issued.redirectUri], ['code_verifier', issued.pkce.verifier]]] as [string, Array<[string, string]>]]
            : []),
        ];
        for (const [what, params] of swaps) await findings.attempt(async () => {
          // RFC 6749 §5.2: invalid_grant is the code for a grant that is invalid or was issued for something else.
          expectError(await ctx.http.postForm(tokenEndpoint(ctx), [...params, ['client_id', client.id]]), what, 'invalid_grant', 400);
        });
      }
      findings.settle();
    });
  },
};

type Body = 'json' | 'text-plain' | 'no-content-type' | 'multipart' | 'form-with-json-type';

const BODIES: readonly Body[] = ['json', 'text-plain', 'no-content-type', 'multipart', 'form-with-json-type'];

function nonFormBody(kind: Body, params: Array<[string, string]>): { type?: string; body: string } {
  const form = new URLSearchParams(params).toString();
  const boundary = 'authprobe-boundary';
  switch (kind) {
    case 'json':
      return { type: 'application/json', body: JSON.stringify(Object.fromEntries(params)) };
    case 'text-plain':
      return { type: 'text/plain', body: form };
    case 'no-content-type':
      return { body: form };
    case 'multipart':
      return {
        type: `multipart/form-data; boundary=${boundary}`,
        body: params.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`,
      };
    case 'form-with-json-type':
      return { type: 'application/json', body: form };
  }
}

const tok3: ConformanceProperty = {
  id: 'TOK-3',
  runs: 3,
  skipIf: anyClient,
  property(ctx) {
    const control = positiveControls();
    // Every body kind in every run: a server that accepts only one of them must not slip through.
    return ctx.forAll(fc.shuffledSubarray([...BODIES], { minLength: BODIES.length }), async (order) => {
      for (let pick = 0; pick < requestKinds(ctx); pick++) await validGranted(ctx, control, pick, 'the same request in another body format');
      for (let pick = 0; pick < requestKinds(ctx); pick++) for (const kind of order) {
        const r = await validRequest(ctx, pick);
        const b = nonFormBody(kind, r.params);
        const headers: Record<string, string> = { ...r.headers, accept: 'application/json' };
        if (b.type) headers['content-type'] = b.type;
        const res = await ctx.http.send({ method: 'POST', url: r.endpoint, headers, body: b.body });
        expectError(res, `${r.label} sent as ${kind}`, 'invalid_request');
      }
    });
  },
};

const tok4: ConformanceProperty = {
  id: 'TOK-4',
  runs: 2,
  skipIf: anyClient,
  property(ctx) {
    const control = positiveControls();
    // Every parameter of every kind of request sent twice in every run; how (same value or
    // not, next to the first or at the end) is generated per parameter.
    const how = fc.array(fc.record({ same: fc.boolean(), adjacent: fc.boolean() }), { minLength: 8, maxLength: 8 });
    return ctx.forAll(how, async (hows) => {
      for (let pick = 0; pick < requestKinds(ctx); pick++) await validGranted(ctx, control, pick, 'the same request with a parameter sent twice');
      let n = 0;
      for (let pick = 0; pick < requestKinds(ctx); pick++) {
        const names = paramNames(ctx, pick).length;
        for (let i = 0; i < names; i++) {
          const { same, adjacent } = hows[n++ % hows.length] as { same: boolean; adjacent: boolean };
          const r = await validRequest(ctx, pick);
          const [k, v] = r.params[i] as [string, string];
          const dup: [string, string] = [k, same ? v : `${v}x`];
          const params = adjacent ? [...r.params.slice(0, i + 1), dup, ...r.params.slice(i + 1)] : [...r.params, dup];
          const res = await send(ctx, r, params);
          expectError(res, `${r.label} with ${k} sent twice (${same ? 'same value' : 'different values'})`, 'invalid_request');
        }
      }
    });
  },
};

const tok5: ConformanceProperty = {
  id: 'TOK-5',
  runs: 3,
  skipIf: anyClient,
  property(ctx) {
    const known = new Set(['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:token-exchange']);
    // Two generated names and every near-miss in every run, spread over every kind of request.
    const grants = fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z_]{2,20}$/).filter((g) => !known.has(g)),
        fc.stringMatching(/^[a-z0-9]{1,10}$/).map((s) => `urn:ietf:params:oauth:grant-type:${s}`).filter((g) => !known.has(g)),
      )
      .map((generated) => [...generated, 'password', 'implicit', 'AUTHORIZATION_CODE', 'client-credentials', 'token']);
    const control = positiveControls();
    return ctx.forAll(fc.record({ grants, offset: fc.nat(3) }), async ({ grants: list, offset }) => {
      const kinds = requestKinds(ctx);
      for (let pick = 0; pick < kinds; pick++) await validGranted(ctx, control, pick, 'the same request with an unknown grant_type');
      for (const [i, grant] of list.entries()) {
        const r = await validRequest(ctx, (i + offset) % kinds);
        const params = [...r.params.filter(([k]) => k !== 'grant_type'), ['grant_type', grant] as [string, string]];
        const res = await send(ctx, r, params);
        // "password" is a defined grant; a server that does not offer it may still say
        // unauthorized_client (RFC 6749 §5.2). A grant the server does not know at all has one
        // code: unsupported_grant_type.
        expectError(res, `grant_type=${JSON.stringify(grant)} (${r.label})`, grant === 'password' ? ['unsupported_grant_type', 'unauthorized_client'] : 'unsupported_grant_type');
      }
    });
  },
};

const tok6: ConformanceProperty = {
  id: 'TOK-6',
  runs: 3,
  skipIf: anyClient,
  property(ctx) {
    const methods = ['GET', 'PUT', 'DELETE', 'PATCH'];
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(methods, { minLength: methods.length }), async (order) => {
      for (let pick = 0; pick < requestKinds(ctx); pick++) await validGranted(ctx, control, pick, 'the same request with another HTTP method');
      for (let pick = 0; pick < requestKinds(ctx); pick++) for (const method of order) {
        const r = await validRequest(ctx, pick);
        const form = new URLSearchParams(r.params).toString();
        const url = method === 'GET' || method === 'DELETE' ? `${r.endpoint}${r.endpoint.includes('?') ? '&' : '?'}${form}` : r.endpoint;
        const headers: Record<string, string> = { ...r.headers, accept: 'application/json' };
        const init: { method: string; url: string; headers: Record<string, string>; body?: string } = { method, url, headers };
        if (method === 'PUT' || method === 'PATCH') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          init.body = form;
        }
        const res = await ctx.http.send(init);
        const issued = (res.json as { access_token?: unknown } | undefined)?.access_token !== undefined;
        check(!issued && res.status >= 400 && res.status < 500, () => `${method} ${r.label} answered ${evidence(res)}; only POST may be accepted`);
      }
    });
  },
};

type Malformed = { kind: string; headers: Record<string, string>; body: string };

/** Garbage a careless client, a fuzzer or an attacker sends: one of every kind. */
function malformedSet(): fc.Arbitrary<Malformed[]> {
  const form = 'application/x-www-form-urlencoded';
  return fc.tuple(
    fc.string({ maxLength: 300 }).map((s) => ({ kind: 'random text body', headers: { 'content-type': form }, body: s })),
    fc.uint8Array({ maxLength: 200 }).map((b) => ({ kind: 'random bytes body', headers: { 'content-type': form }, body: Buffer.from(b).toString('latin1') })),
    fc.stringMatching(/^[A-Za-z0-9+/=!@#]{0,40}$/).map((s) => ({ kind: 'malformed Basic header', headers: { 'content-type': form, authorization: `Basic ${s}` }, body: 'grant_type=client_credentials' })),
    fc.string({ maxLength: 30 }).map((s) => ({ kind: 'Basic without a colon', headers: { 'content-type': form, authorization: `Basic ${Buffer.from(s.replace(/:/g, '')).toString('base64')}` }, body: 'grant_type=client_credentials' })),
    fc.constantFrom('%', '%zz', '%E0%A4%A', 'grant_type=%ff%fe', '=&=&', '&&&', 'a=1&a', 'grant_type').map((b) => ({ kind: 'bad percent-encoding or structure', headers: { 'content-type': form }, body: b })),
    fc.integer({ min: 5_000, max: 60_000 }).map((n) => ({ kind: 'very long parameter', headers: { 'content-type': form }, body: `grant_type=${'x'.repeat(n)}` })),
    fc.constantFrom('{', '[]', 'null', '{"grant_type":{"$ne":1}}', '{"a":'.repeat(50)).map((b) => ({ kind: 'broken JSON', headers: { 'content-type': 'application/json' }, body: b })),
    fc.constantFrom('Bearer', 'Basic', 'Basic ===', 'Digest x', '\u00ff\u00fe').map((a) => ({ kind: 'odd Authorization', headers: { 'content-type': form, authorization: a }, body: 'grant_type=client_credentials' })),
  );
}

const tok7: ConformanceProperty = {
  id: 'TOK-7',
  runs: 6,
  skipIf: anyClient,
  property(ctx) {
    const endpoints = [...new Set([tokenEndpoint(ctx), ...secretClients(ctx).map((t) => t.endpoint)])];
    // Every kind of garbage in every run, each at a generated endpoint.
    const cases = malformedSet().chain((inputs) => fc.tuple(...inputs.map((input) => fc.constantFrom(...endpoints).map((endpoint) => ({ input, endpoint })))));
    return ctx.forAll(cases, async (list) => {
      for (const { input, endpoint } of list) {
        let res;
        try {
          res = await ctx.http.send({ method: 'POST', url: endpoint, headers: { accept: 'application/json', ...input.headers }, body: input.body });
        } catch (err) {
          throw new Error(`${input.kind}: the server did not answer (${(err as Error).message})`);
        }
        check(res.status < 500, () => `${input.kind}: answered ${evidence(res)}`);
        const issued = (res.json as { access_token?: unknown } | undefined)?.access_token !== undefined;
        check(!issued, () => `${input.kind}: malformed input was issued a token: ${evidence(res)}`);
        // The server still works for the next, valid request.
        const r = await validRequest(ctx, 0);
        expectTokens(await send(ctx, r), `a valid request (${r.label}) right after ${input.kind}`);
      }
    });
  },
};

/**
 * RFC 6749 §5.1: a successful token response carries access_token and token_type, both
 * REQUIRED. The target file has no proof-of-possession (DPoP) notion and the suites send no
 * proof, so the type is Bearer (RFC 6750 §4); type names compare case-insensitively (§5.1, §7.1).
 */
function expectBearerResponse(res: HttpResponse, what: string): Record<string, unknown> {
  const json = expectTokens(res, what);
  check(json.access_token !== '', () => `${what}: access_token is empty: ${evidence(res)} (RFC 6749 §5.1)`);
  const type = json.token_type;
  check(typeof type === 'string' && type.toLowerCase() === 'bearer', () => `${what}: token_type ${JSON.stringify(type ?? null)}, expected Bearer (RFC 6749 §5.1, §7.1; RFC 6750 §4): ${evidence(res)}`);
  return json;
}

const tok8: ConformanceProperty = {
  id: 'TOK-8',
  runs: 2,
  skipIf: anyClient,
  property(ctx) {
    // Every grant the target's profiles allow, in every run and in a generated order: each
    // secret client's client_credentials, the public client's code redemption, and a refresh
    // with the refresh token that redemption issued (if it issued one).
    return forEveryValidRequest(ctx, async (r, pick) => {
      const json = expectBearerResponse(await send(ctx, r), r.label);
      if (kindOf(ctx, pick).secret || typeof json.refresh_token !== 'string') return;
      const client = publicClient(ctx.target);
      const res = await refreshRequest(ctx, client, json.refresh_token);
      // Only a granted refresh is a token response; whether it must be granted is ROT's question.
      if (res.status === 200) expectBearerResponse(res, `refreshing ${client.id}'s fresh refresh token`);
    });
  },
};

export const TOK = areaSuite('TOK', { 'TOK-1': tok1, 'TOK-2': tok2, 'TOK-3': tok3, 'TOK-4': tok4, 'TOK-5': tok5, 'TOK-6': tok6, 'TOK-7': tok7, 'TOK-8': tok8 });
