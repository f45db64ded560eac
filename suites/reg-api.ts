/**
 * REG-10 — the registration API's contract, a product rule (public-clients "Registration";
 * openapi/oauth.yaml /api/v1/applications): POST, GET and PATCH/PUT report back what was
 * registered; invalid metadata is refused with 400 and an RFC 7591 §3.2.2 code and changes
 * nothing; methods the API does not have are refused.
 */
import fc from 'fast-check';
import type { HttpResponse } from './http/client.js';
import { positiveControls } from './oauth/baseline.js';
import { tokenEndpoint } from './oauth/token.js';
import { applicationUrl, collectionUrl, register, registered, registrationHeaders } from './reg-http.js';
import { CaseFindings, check, evidence, expectError, expectRefused, oauthError } from './runner/failure.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

type Json = Record<string, unknown>;

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ); the edges of each range among them. */
const scopeToken = fc.stringMatching(/^[\x21\x23-\x5b\x5d-\x7e]{1,12}$/);
const EDGE_SCOPES = ['!', '#', '[', ']', '~', 'profile:basic'];
const BAD_SCOPES: ReadonlyArray<[string, unknown]> = [
  ['a space inside it', 'open id'],
  ['a double quote (%x22)', 'a"b'],
  ['a backslash (%x5C)', 'a\\b'],
  ['the empty string', ''],
  ['a non-ASCII letter', 'caf\u00e9'],
  ['DEL (%x7F)', 'x\u007f'],
  ['a number', 7],
];
/** RFC 7591 §3.2.2: invalid_redirect_uri for a redirect URI value, invalid_client_metadata for another field. */
const BAD_URI = 'invalid_redirect_uri';
const BAD_FIELD = 'invalid_client_metadata';
const EITHER = [BAD_URI, BAD_FIELD];
/** A scope outside RFC 6749 §3.3 is invalid metadata; invalid_scope (RFC 6749 §5.2) says the same. */
const BAD_SCOPE = [BAD_FIELD, 'invalid_scope'];

const sameSet = (a: unknown, b: readonly unknown[]): boolean =>
  Array.isArray(a) && a.length === b.length && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * The answer carries the application as registered: the fields the request set, status
 * "approved" and an integer id (public-clients' 201 example; openapi `Application`), the
 * authentication method of its type (RFC 6749 §2.1: a public client has none), and grant types,
 * when listed, that fit the type: both types refresh (public-clients "Refresh Token Rotation"),
 * only a confidential client uses client_credentials (RFC 6749 §4.4; users-api-token).
 */
function reportsBack(what: string, res: HttpResponse, want: Json, status: number): Json {
  const body = res.json as Json | undefined;
  check(res.status === status && body !== undefined && typeof body === 'object' && body !== null, () => `${what}: expected ${status} with the application, got ${evidence(res)}`);
  const differs = (field: string) => `${what}: ${field} reads ${JSON.stringify(body[field])}, registered ${JSON.stringify(want[field])} (${evidence(res)})`;
  check(typeof body.client_id === 'string' && body.client_id !== '', () => `${what}: no client_id: ${evidence(res)}`);
  check(Number.isInteger(body.id), () => differs('id'));
  check(body.client_type === want.client_type, () => differs('client_type'));
  for (const field of ['redirect_uris', 'allowed_scopes'] as const) check(sameSet(body[field], want[field] as unknown[]), () => differs(field));
  // Optional in the response (openapi `Application`): when given, what was registered.
  for (const field of ['name', 'app_link_url'] as const) if (field in body) check(body[field] === (want[field] ?? null), () => differs(field));
  check(body.status === 'approved', () => `${what}: status ${JSON.stringify(body.status)}, expected "approved": ${evidence(res)}`);
  const isPublic = want.client_type === 'public';
  const method = body.token_endpoint_auth_method;
  check(isPublic ? method === 'none' : method === 'client_secret_basic' || method === 'client_secret_post', () => `${what}: a ${String(want.client_type)} client has token_endpoint_auth_method ${JSON.stringify(method)}`);
  if (body.grant_types !== undefined) {
    const g = body.grant_types;
    const fits = Array.isArray(g) && g.includes('authorization_code') && g.includes('refresh_token') && g.includes('client_credentials') === !isPublic;
    check(fits, () => `${what}: a ${String(want.client_type)} client lists grant_types ${JSON.stringify(g)}`);
  }
  return body;
}

function send(ctx: PropertyContext, method: string, url: string, body: unknown): Promise<HttpResponse> {
  return ctx.http.send({ method, url, headers: registrationHeaders(ctx), body: typeof body === 'string' ? body : JSON.stringify(body) });
}

const read = (ctx: PropertyContext, id: string) => ctx.http.send({ url: applicationUrl(ctx, id), headers: registrationHeaders(ctx) });

/** RFC 9110 §15.5.6: a 405 MUST carry Allow. */
function refusedMethod(res: HttpResponse, what: string): void {
  expectRefused(res, what);
  check(res.status !== 405 || (res.headers.allow ?? '').length > 0, () => `${what}: 405 without an Allow header (RFC 9110 §15.5.6)`);
}

const application = fc
  .record({ name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,19}$/), scopes: fc.uniqueArray(scopeToken, { maxLength: 3 }), path: fc.stringMatching(/^[a-z0-9]{1,8}$/) })
  .map(({ name, scopes, path }) => ({
    name,
    client_type: 'public',
    redirect_uris: [`https://reg10.example.com/${path}`, `com.example.reg10:/${path}`],
    allowed_scopes: [...new Set(['openid', ...EDGE_SCOPES, ...scopes])],
    app_link_url: 'https://app.example.com',
  }));

export const reg10: ConformanceProperty = {
  id: 'REG-10',
  needs: ['registration'],
  runs: 2,
  requestsPerRun: 80,
  property(ctx) {
    const control = positiveControls();
    return ctx.forAll(application, async (base) => {
      const findings = new CaseFindings();
      let id = '';
      await control(`registering ${JSON.stringify(base)}`, 'invalid application metadata', async () => {
        const res = await register(ctx, base);
        id = reportsBack('POST of a public client', res, base, 201).client_id as string;
      });
      await findings.attempt(async () => reportsBack('GET after POST', await read(ctx, id), base, 200));

      const confidential = { ...base, client_type: 'confidential' };
      await findings.attempt(async () => {
        const res = await register(ctx, confidential);
        const body = reportsBack('POST of a confidential client', res, confidential, 201);
        check(typeof body.client_secret === 'string' && body.client_secret !== '', () => `a confidential client got no client_secret: ${evidence(res)}`);
        reportsBack('GET of the confidential client', await read(ctx, body.client_id as string), confidential, 200);
        // The secret it was given authenticates it (RFC 6749 §2.3.1): whatever the grant's
        // outcome, the token endpoint does not answer invalid_client.
        const basic = Buffer.from(`${encodeURIComponent(body.client_id as string)}:${encodeURIComponent(body.client_secret)}`).toString('base64');
        const token = await ctx.http.send({
          method: 'POST',
          url: tokenEndpoint(ctx),
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
          body: 'grant_type=client_credentials',
        });
        check(token.status !== 401 && oauthError(token) !== 'invalid_client', () => `the client_secret the registration returned does not authenticate the client: client_credentials answered ${evidence(token)}`);
      });

      // Only client_type and redirect_uris given: registered, with the default scope openid
      // (users-api-token: "the default scope for the OAuth client, which will always be openid").
      await findings.attempt(async () => {
        const minimal = { client_type: 'public', redirect_uris: base.redirect_uris };
        const res = await register(ctx, minimal);
        check(registered(res), () => `registering only client_type and redirect_uris answered ${evidence(res)}`);
        const scopes = (res.json as Json).allowed_scopes;
        check(Array.isArray(scopes) && scopes.includes('openid'), () => `registered without allowed_scopes, allowed_scopes reads ${JSON.stringify(scopes)}, expected the default openid`);
      });

      // POST: each request differs from `base` in one field (or the body's shape) and is refused.
      const wrapped = (application: unknown) => JSON.stringify({ application });
      const posts: Array<[string, string, string | string[]]> = [
        ['a body that is not JSON', 'application=1', BAD_FIELD],
        ['a JSON array body', JSON.stringify([{ application: base }]), BAD_FIELD],
        ['application as a string', wrapped('x'), BAD_FIELD],
        ['application as null', wrapped(null), BAD_FIELD],
        ['application as an array', wrapped([base]), BAD_FIELD],
        ['client_type "native"', wrapped({ ...base, client_type: 'native' }), BAD_FIELD],
        ['redirect_uris as a string', wrapped({ ...base, redirect_uris: base.redirect_uris[0] }), BAD_URI],
        ['redirect_uris holding a number', wrapped({ ...base, redirect_uris: [base.redirect_uris[0], 42] }), BAD_URI],
        ['a fragment in the second redirect URI', wrapped({ ...base, redirect_uris: [base.redirect_uris[0], `${base.redirect_uris[0]}#x`] }), BAD_URI],
        ['a relative redirect URI', wrapped({ ...base, redirect_uris: ['/callback'] }), BAD_URI],
        // RFC 6749 §3.1.2.2: a public client MUST register a redirection endpoint.
        ['redirect_uris empty', wrapped({ ...base, redirect_uris: [] }), EITHER],
        ['redirect_uris missing', wrapped({ ...base, redirect_uris: undefined }), EITHER],
        ['allowed_scopes as a string', wrapped({ ...base, allowed_scopes: 'openid' }), BAD_SCOPE],
        ...BAD_SCOPES.map(([kind, s]): [string, string, string[]] => [`a scope with ${kind} (RFC 6749 §3.3)`, wrapped({ ...base, allowed_scopes: ['openid', s] }), BAD_SCOPE]),
        ['name as a number', wrapped({ ...base, name: 42 }), BAD_FIELD],
        ['app_link_url as a number', wrapped({ ...base, app_link_url: 42 }), BAD_FIELD],
      ];
      for (const [kind, body, codes] of posts) {
        await findings.attempt(async () => {
          const res = await send(ctx, 'POST', collectionUrl(ctx), body);
          expectError(res, `POST with ${kind}`, codes, 400);
          check(!registered(res), () => `POST with ${kind} registered a client: ${evidence(res)}`);
        });
      }

      // PATCH: a refused update changes nothing, not even the valid name sent beside the bad field.
      const url = applicationUrl(ctx, id);
      const renamed = `${base.name} renamed`;
      const patches: Array<[string, unknown, string | string[]]> = [
        ['a fragment in a redirect URI', { name: renamed, redirect_uris: [`${base.redirect_uris[0]}#x`] }, BAD_URI],
        ['a scope with a space', { name: renamed, allowed_scopes: ['openid', 'open id'] }, BAD_SCOPE],
        ['app_link_url as a number', { name: renamed, redirect_uris: ['https://reg10.example.com/other'], app_link_url: 42 }, BAD_FIELD],
        ['client_type "native"', { name: renamed, client_type: 'native' }, BAD_FIELD],
        ['name as a number', { name: 42, redirect_uris: ['https://reg10.example.com/other'] }, BAD_FIELD],
        ['a body that is not JSON', 'name=renamed', BAD_FIELD],
      ];
      const shapes: Array<[string, string]> = [
        ['application as a string', JSON.stringify({ application: 'x' })],
        ['application as an array', JSON.stringify({ application: [{ name: renamed }] })],
      ];
      for (const [kind, patch, codes] of patches) {
        await findings.attempt(async () => {
          const res = await send(ctx, 'PATCH', url, typeof patch === 'string' ? patch : { application: patch });
          expectError(res, `PATCH with ${kind}`, codes, 400);
          reportsBack(`GET after the refused PATCH with ${kind}`, await read(ctx, id), base, 200);
        });
      }
      for (const [kind, body] of shapes) {
        await findings.attempt(async () => {
          expectError(await send(ctx, 'PATCH', url, body), `PATCH with ${kind}`, BAD_FIELD, 400);
          reportsBack(`GET after the refused PATCH with ${kind}`, await read(ctx, id), base, 200);
        });
      }

      // Updates that are granted: every field; the name alone (the rest stays); app_link_url
      // cleared; PUT of the whole application (openapi: PUT is the same as PATCH, and the whole
      // representation restates the unchanged client_type).
      await findings.attempt(async () => {
        const updated = { ...base, name: renamed, redirect_uris: ['https://reg10.example.com/updated'], allowed_scopes: ['openid', 'email'], app_link_url: 'https://app.example.com/other' };
        const { client_type: _unchanged, ...fields } = updated;
        const steps: Array<[string, string, Json, Json]> = [
          ['PATCH of name, redirect_uris, allowed_scopes and app_link_url', 'PATCH', fields, updated],
          ['PATCH of the name alone', 'PATCH', { name: `${base.name} again` }, { ...updated, name: `${base.name} again` }],
          ['PATCH setting app_link_url to null', 'PATCH', { app_link_url: null }, { ...updated, name: `${base.name} again`, app_link_url: null }],
          ['PUT of the whole application', 'PUT', base, base],
        ];
        for (const [what, method, patch, want] of steps) {
          reportsBack(what, await send(ctx, method, url, { application: patch }), want, 200);
          reportsBack(`GET after the ${what}`, await read(ctx, id), want, 200);
        }
      });

      // Methods the API does not have (openapi: POST on the collection; GET, PATCH, PUT on an application).
      const methods: Array<[string, string]> = [
        ['DELETE', url],
        ['POST', url],
        ['PUT', collectionUrl(ctx)],
        ['PATCH', collectionUrl(ctx)],
      ];
      for (const [method, at] of methods) {
        await findings.attempt(async () => {
          const what = `${method} ${at === url ? 'on an application' : 'on the collection'}`;
          const res = await send(ctx, method, at, { application: { ...base, name: renamed } });
          refusedMethod(res, what);
          check(!registered(res), () => `${what} registered or changed a client: ${evidence(res)}`);
          reportsBack(`GET after ${what}`, await read(ctx, id), base, 200);
        });
      }

      // openapi: an unknown application is 404.
      await findings.attempt(async () => {
        const unknown = applicationUrl(ctx, `logi_${'0'.repeat(32)}`);
        for (const method of ['GET', 'PATCH']) {
          const res = await send(ctx, method, unknown, method === 'GET' ? undefined : { application: { name: renamed } });
          expectRefused(res, `${method} of an unknown application`);
          check(res.status === 404 && !!oauthError(res), () => `${method} of an unknown application: expected 404 with an error code (openapi RegistrationError), got ${evidence(res)}`);
        }
      });
      // An application the target names as inactive does not read back as approved.
      const inactive = ctx.target.spec.clients?.inactive?.client_id;
      if (inactive) {
        await findings.attempt(async () => {
          const res = await read(ctx, inactive);
          const status = (res.json as Json | undefined)?.status;
          check(res.status !== 200 || status !== 'approved', () => `the inactive client ${inactive} reads back with status "approved": ${evidence(res)}`);
        });
      }
      findings.settle();
    });
  },
};
