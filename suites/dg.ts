/** DG — client authentication and downgrade defence (RFC 6749 §2.3, §3.2.1, §5.2; public-clients). */
import fc from 'fast-check';
import { wrongSecretSet } from './arbitraries/oauth.js';
import { obtainCode } from './oauth/authorize.js';
import { grantedClientCredentials, grantedCodeTokens, positiveControls, type PositiveControls } from './oauth/baseline.js';
import { basic, confidentialClient, publicClient, usersApiClient, type AuthMethod, type ClientRef } from './oauth/clients.js';
import { accessTokenActive, codeFlowTokens, redeemCode, refreshRequest, tokenEndpoint, tokenRequest } from './oauth/token.js';
import { CaseFindings, check, evidence, expectError, expectRefused, expectTokens, oauthError, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

/** The confidential clients the target names, each with the endpoint it uses for client_credentials. */
export function secretClients(ctx: PropertyContext): Array<{ client: ClientRef; endpoint: string }> {
  const out: Array<{ client: ClientRef; endpoint: string }> = [];
  if (ctx.target.spec.clients?.confidential && ctx.profiles.includes('confidential')) {
    out.push({ client: confidentialClient(ctx.target), endpoint: tokenEndpoint(ctx) });
  }
  if (ctx.target.spec.clients?.usersApi && ctx.profiles.includes('users-api')) {
    out.push({ client: usersApiClient(ctx.target), endpoint: ctx.target.endpoints.users_token_endpoint as string });
  }
  return out;
}

const secretClientsNeed = (ctx: PropertyContext) =>
  secretClients(ctx).length ? undefined : 'client missing: no clients.confidential (confidential profile) or clients.usersApi (users-api profile)';

/** The public client's code flow without any client secret yields tokens. */
function publicCodeFlowGranted(ctx: PropertyContext, control: PositiveControls, refusal: string): Promise<void> {
  const client = publicClient(ctx.target);
  return control(`${client.id} redeeming a fresh code with client_id only (no secret)`, refusal, () => grantedCodeTokens(ctx, client));
}

/** Each secret client's client_credentials request, authenticated as registered, yields a token. */
async function registeredAuthGranted(ctx: PropertyContext, control: PositiveControls, targets: ReturnType<typeof secretClients>, refusal: string): Promise<void> {
  for (const t of targets) {
    await control(`client_credentials for ${t.client.id} authenticated with its registered ${t.client.method}`, refusal, () => grantedClientCredentials(ctx, t));
  }
}

const dg1: ConformanceProperty = {
  id: 'DG-1',
  needs: ['public'],
  runs: 8,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // Non-empty: RFC 6749 §3.2 says a parameter sent without a value is treated as omitted.
    return ctx.forAll(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), async (secret) => {
      await publicCodeFlowGranted(ctx, control, 'a client_secret from a public client');
      const issued = await obtainCode(ctx, client);
      const res = await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier }, { extra: [['client_secret', secret]] });
      expectError(res, `public client sending client_secret=${JSON.stringify(secret)} with a correct verifier`, 'invalid_client');
    });
  },
};

/** Authorization headers a public client may send that are not valid Basic credentials at all. */
const MALFORMED_BASIC: ReadonlyArray<{ kind: string; header: (id: string) => string }> = [
  { kind: 'Basic without a colon', header: (id) => `Basic ${Buffer.from(id).toString('base64')}` },
  { kind: 'Basic that is not base64', header: () => 'Basic !!!not-base64!!!' },
  { kind: 'Basic with nothing after it', header: () => 'Basic' },
];

const dg2: ConformanceProperty = {
  id: 'DG-2',
  needs: ['public'],
  runs: 5,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // The empty password (RFC 7617 allows it) and a non-empty one in every run, and every kind
    // of malformed Basic header: a public client that sends one is not silently served.
    const secrets = fc.tuple(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/));
    return ctx.forAll(secrets, async (pair) => {
      await publicCodeFlowGranted(ctx, control, 'HTTP Basic credentials from a public client');
      const findings = new CaseFindings();
      const headers = [
        ...pair.map((secret) => ({ what: `Basic ${client.id}:${JSON.stringify(secret)}`, value: basic(client.id, secret), codes: ['invalid_client'] })),
        // RFC 6749 §5.2: a malformed header is invalid_request or, as failed authentication, invalid_client.
        ...MALFORMED_BASIC.map((m) => ({ what: m.kind, value: m.header(client.id), codes: ['invalid_client', 'invalid_request'] })),
      ];
      for (const h of headers) await findings.attempt(async () => {
        const issued = await obtainCode(ctx, client);
        const res = await ctx.http.postForm(
          tokenEndpoint(ctx),
          [
            ['grant_type', 'authorization_code'],
            ['code', issued.code],
            ['redirect_uri', issued.redirectUri],
            ['code_verifier', issued.pkce.verifier],
            ['client_id', client.id],
          ],
          { authorization: h.value },
        );
        expectError(res, `public client sending ${h.what} with a correct verifier`, h.codes);
      });
      findings.settle();
    });
  },
};

type WrongCredential = { kind: string; secret: string };

const dg3: ConformanceProperty = {
  id: 'DG-3',
  runs: 3,
  skipIf: secretClientsNeed,
  property(ctx) {
    const targets = secretClients(ctx);
    // Every kind of wrong secret (the empty one included) and no secret at all, for every
    // client, in every run.
    const missing: WrongCredential = { kind: 'missing', secret: '' };
    const cases = fc.tuple(...targets.map((t) => wrongSecretSet(t.client.secret as string).map((ws): WrongCredential[] => [...ws, missing])));
    const control = positiveControls();
    return ctx.forAll(cases, async (wrongsPerClient) => {
      await registeredAuthGranted(ctx, control, targets, 'a wrong secret');
      for (const [i, t] of targets.entries()) {
        for (const wrong of wrongsPerClient[i] as WrongCredential[]) {
          const params: Array<[string, string]> = [['grant_type', 'client_credentials']];
          const headers: Record<string, string> = {};
          const viaBasic = t.client.method === 'client_secret_basic' && wrong.kind !== 'missing';
          if (wrong.kind === 'missing') params.push(['client_id', t.client.id]);
          else if (viaBasic) headers.authorization = basic(t.client.id, wrong.secret);
          else params.push(['client_id', t.client.id], ['client_secret', wrong.secret]);
          const res = await ctx.http.postForm(t.endpoint, params, headers);
          const what = `${t.client.name} with ${wrong.kind === 'missing' ? 'no secret' : `a ${wrong.kind} secret ${JSON.stringify(wrong.secret)}`}${viaBasic ? ' (Basic)' : ''}`;
          expectError(res, what, 'invalid_client', 401);
          if (viaBasic) {
            // RFC 6749 §5.2: a 401 to a client that used Authorization must carry WWW-Authenticate.
            check(res.headers['www-authenticate'], () => `${what}: 401 without WWW-Authenticate (RFC 6749 §5.2); headers ${JSON.stringify(res.headers)}`);
          }
        }
      }
    });
  },
};

const dg4: ConformanceProperty = {
  id: 'DG-4',
  runs: 2,
  skipIf: secretClientsNeed,
  property(ctx) {
    const targets = secretClients(ctx);
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(targets, { minLength: targets.length }), async (order) => {
      await registeredAuthGranted(ctx, control, targets, 'two authentication methods at once');
      for (const t of order) {
        const secret = t.client.secret as string;
        const res = await ctx.http.postForm(
          t.endpoint,
          [['grant_type', 'client_credentials'], ['client_id', t.client.id], ['client_secret', secret]],
          { authorization: basic(t.client.id, secret) },
        );
        expectRefused(res, `${t.client.name} authenticating with Basic and client_secret in the body at once`);
      }
    });
  },
};

/** The confidential client that uses the same token endpoint as the public client. */
const confidentialAtTokenEndpoint = (ctx: PropertyContext) => secretClients(ctx).find((t) => t.client.name === 'confidential');

const dg5: ConformanceProperty = {
  id: 'DG-5',
  needs: ['public'],
  runs: 2,
  skipIf(ctx) {
    return confidentialAtTokenEndpoint(ctx)
      ? undefined
      : 'client missing: no clients.confidential (confidential profile) to show that the token endpoint grants client_credentials at all; without it a refusal of the public client shows nothing';
  },
  property(ctx) {
    const client = publicClient(ctx.target);
    const confidential = confidentialAtTokenEndpoint(ctx) as NonNullable<ReturnType<typeof confidentialAtTokenEndpoint>>;
    const scopes = [...new Set([undefined, client.scope, 'openid'])];
    const control = positiveControls();
    // Every scope variant in every run, in a generated order.
    return ctx.forAll(fc.shuffledSubarray(scopes, { minLength: scopes.length }), async (order) => {
      await registeredAuthGranted(ctx, control, [confidential], 'client_credentials from a public client');
      for (const scope of order) {
        const params: Array<[string, string]> = [['grant_type', 'client_credentials'], ['client_id', client.id]];
        if (scope) params.push(['scope', scope]);
        const res = await ctx.http.postForm(tokenEndpoint(ctx), params);
        expectRefused(res, `public client ${client.id} using client_credentials${scope ? ` with scope ${scope}` : ''}`);
        check(oauthError(res), () => `public client using client_credentials: refusal is not an OAuth error: ${evidence(res)}`);
      }
    });
  },
};

/** How a confidential client's request goes without its secret: none at all, or a wrong one. */
type Unauthenticated = { kind: 'no secret' | 'a wrong secret'; method: AuthMethod; secret?: string };

/** The confidential client's own credentials swapped for `u` (client_id stays, so the client is named). */
function withoutSecret(client: ClientRef, u: Unauthenticated): ClientRef {
  return u.kind === 'no secret' ? { ...client, method: 'none' } : { ...client, method: u.method, secret: u.secret as string };
}

/**
 * DG-6 (RFC 6749 §3.2.1: confidential clients MUST authenticate; §4.1.3 and §6 for the code and
 * refresh grants; RFC 7009 §2.1; RFC 7662 §2.1). Each request is the client's own granted
 * request with its credentials taken away or spoilt, nothing else changed, on every grant and
 * endpoint the target offers.
 */
const dg6: ConformanceProperty = {
  id: 'DG-6',
  needs: ['confidential'],
  runs: 2,
  property(ctx) {
    const client = confidentialClient(ctx.target);
    const endpoints = ctx.target.endpoints;
    const cases = wrongSecretSet(client.secret as string).map((wrongs): Unauthenticated[] => [
      { kind: 'no secret', method: 'none' },
      ...wrongs.filter((w) => w.secret !== '').slice(0, 2).map((w) => ({ kind: 'a wrong secret' as const, method: client.method, secret: w.secret })),
    ]);
    const control = positiveControls();
    return ctx.forAll(cases, async (list) => {
      const findings = new CaseFindings();
      // client_credentials
      await registeredAuthGranted(ctx, control, [{ client, endpoint: tokenEndpoint(ctx) }], 'the same request without the secret');
      for (const u of list) await findings.attempt(async () => {
        const res = await tokenRequest(ctx, withoutSecret(client, u), [['grant_type', 'client_credentials']]);
        expectRefused(res, `client_credentials for ${client.id} with ${u.kind}`);
      });
      // authorization_code, and refresh_token where a refresh token is issued
      if (client.redirectUri) {
        const scope = [...new Set([...(client.scope ?? 'openid').split(' '), 'offline_access'])].join(' ');
        let refresh: string | undefined;
        await control(`${client.id} redeeming its code with its secret`, 'the code redeemed without the secret', async () => {
          const issued = await obtainCode(ctx, client, { scope });
          const tokens = expectTokens(await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier }), 'redeeming it');
          if (typeof tokens.refresh_token === 'string') {
            refresh = tokens.refresh_token;
            expectTokens(await refreshRequest(ctx, client, refresh), `refreshing with the secret`);
          }
        });
        for (const u of list) await findings.attempt(async () => {
          const issued = await obtainCode(ctx, client, { scope });
          const res = await redeemCode(ctx, withoutSecret(client, u), { ...issued, verifier: issued.pkce.verifier });
          expectRefused(res, `${client.id} redeeming its own code (correct verifier) with ${u.kind}`);
        });
        const set = await codeFlowTokens(ctx, client, { scope });
        if (set.refresh_token) {
          for (const u of list) await findings.attempt(async () => {
            expectRefused(await refreshRequest(ctx, withoutSecret(client, u), set.refresh_token as string), `${client.id} refreshing its own token with ${u.kind}`);
          });
        }
        // Revocation: refused, or at least the token still works afterwards.
        if (endpoints.revocation_endpoint) {
          for (const u of list) await findings.attempt(async () => {
            const fresh = await codeFlowTokens(ctx, client, { scope });
            const res = await tokenRequest(ctx, withoutSecret(client, u), [['token', fresh.access_token]], { endpoint: endpoints.revocation_endpoint as string });
            if (res.status >= 400 && res.status < 500) return;
            const active = await accessTokenActive(ctx, fresh.access_token, client);
            check(active === true, () => `revoking ${client.id}'s access token with ${u.kind} answered ${evidence(res)} and the token is ${active === false ? 'now revoked' : 'of unknown state'} (RFC 7009 §2.1: the client is authenticated first)`, active === false ? Severity.granted : Severity.broken);
          });
        }
        // Introspection: never active:true with claims for an unauthenticated caller.
        if (endpoints.introspection_endpoint) {
          for (const u of list) await findings.attempt(async () => {
            const res = await tokenRequest(ctx, withoutSecret(client, u), [['token', set.access_token]], { endpoint: endpoints.introspection_endpoint as string });
            const active = (res.json as { active?: unknown } | undefined)?.active;
            check(active !== true, () => `introspecting ${client.id}'s live access token with ${u.kind} answered ${evidence(res)} (RFC 7662 §2.1: the caller must be authorized)`, Severity.granted);
          });
        }
      }
      findings.settle();
    });
  },
};

/** DG-7: the old DG-6 rule, at SHOULD: only the registered method (RFC 6749 §2.3.1 allows both secret methods). */
const dg7: ConformanceProperty = {
  id: 'DG-7',
  needs: ['confidential'],
  runs: 2,
  property(ctx) {
    const client = confidentialClient(ctx.target);
    const others = (['client_secret_basic', 'client_secret_post', 'none'] as const).filter((m) => m !== client.method);
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(others, { minLength: others.length }), async (order) => {
      await registeredAuthGranted(ctx, control, [{ client, endpoint: tokenEndpoint(ctx) }], 'the other authentication methods');
      for (const method of order) {
        const params: Array<[string, string]> = [['grant_type', 'client_credentials']];
        const headers: Record<string, string> = {};
        if (method === 'client_secret_basic') headers.authorization = basic(client.id, client.secret as string);
        else if (method === 'client_secret_post') params.push(['client_id', client.id], ['client_secret', client.secret as string]);
        else params.push(['client_id', client.id]);
        const res = await ctx.http.postForm(tokenEndpoint(ctx), params, headers);
        expectRefused(res, `${client.id} (registered ${client.method}) authenticating with ${method}`);
      }
    });
  },
};

/**
 * DG-8 (RFC 6749 §3.2: "Parameters sent without a value MUST be treated as if they were omitted
 * from the request"). DG-1's request with the secret's value left empty: the public client's
 * granted code redemption plus `client_secret=`, nothing else changed, is granted. DG-1 refuses
 * every non-empty secret, so a server that refuses this one treats "no value" as a value.
 */
const dg8: ConformanceProperty = {
  id: 'DG-8',
  needs: ['public'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(fc.constant(''), async (secret) => {
      await publicCodeFlowGranted(ctx, control, 'the same redemption with an empty client_secret');
      const issued = await obtainCode(ctx, client);
      const res = await redeemCode(ctx, client, { ...issued, verifier: issued.pkce.verifier }, { extra: [['client_secret', secret]] });
      expectTokens(res, `public client ${client.id} redeeming a fresh code (correct verifier) with client_secret= (empty, to be treated as omitted: RFC 6749 §3.2)`);
    });
  },
};

export const DG = areaSuite('DG', { 'DG-1': dg1, 'DG-2': dg2, 'DG-3': dg3, 'DG-4': dg4, 'DG-5': dg5, 'DG-6': dg6, 'DG-7': dg7, 'DG-8': dg8 });
