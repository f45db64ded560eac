/** CC — client credentials and the users API token endpoint (RFC 6749 §4.4; users-api-token). */
import fc from 'fast-check';
import { scopeToken } from './arbitraries/oauth.js';
import { grantedClientCredentials, positiveControls } from './oauth/baseline.js';
import { basic, clientAuth, inactiveClient, type ClientRef } from './oauth/clients.js';
import { tokenEndpoint } from './oauth/token.js';
import { secretClients } from './dg.js';
import { CaseFindings, check, evidence, expectError, expectTokens, PropertySkip, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

function ccRequest(ctx: PropertyContext, client: ClientRef, endpoint: string, scope?: string) {
  const auth = clientAuth(client);
  const params: Array<[string, string]> = [['grant_type', 'client_credentials'], ...auth.params];
  if (scope !== undefined) params.push(['scope', scope]);
  return ctx.http.postForm(endpoint, params, auth.headers);
}

const usersApi = (ctx: PropertyContext) => secretClients(ctx).filter((t) => t.client.name === 'usersApi');
const needSecretClient = (ctx: PropertyContext) =>
  secretClients(ctx).length ? undefined : 'client missing: no clients.confidential (confidential profile) or clients.usersApi (users-api profile)';
const needUsersApi = (ctx: PropertyContext) => (usersApi(ctx).length ? undefined : 'client missing: the target file names no clients.usersApi');

const cc1: ConformanceProperty = {
  id: 'CC-1',
  runs: 2,
  skipIf: needSecretClient,
  property(ctx) {
    const targets = secretClients(ctx);
    // With and without scope, for every client, in every run (in a generated order).
    const scopesOf = (t: (typeof targets)[number]) => [...new Set([undefined, t.client.name === 'usersApi' ? 'openid' : t.client.scope])];
    const cases = fc.tuple(...targets.map((t) => fc.shuffledSubarray(scopesOf(t), { minLength: scopesOf(t).length })));
    return ctx.forAll(cases, async (scopeLists) => {
      for (const [i, t] of targets.entries()) for (const scope of scopeLists[i] ?? []) {
        const res = await ccRequest(ctx, t.client, t.endpoint, scope);
        const what = `client_credentials for ${t.client.id}${scope ? ` with scope ${scope}` : ''}`;
        const json = expectTokens(res, what);
        check(typeof json.token_type === 'string' && json.token_type.toLowerCase() === 'bearer', () => `${what}: token_type ${JSON.stringify(json.token_type)}, expected Bearer`);
        check(Number.isInteger(json.expires_in) && (json.expires_in as number) > 0, () => `${what}: expires_in ${JSON.stringify(json.expires_in)} is not a positive integer`);
        // Judge what was granted, not how it is spelt. RFC 6749 §5.1: scope is OPTIONAL when it is
        // what was asked for, so an absent scope means the request's; a client that asked for
        // none may get any (or an empty) scope back. Granted must stay within what was asked.
        check(json.scope === undefined || typeof json.scope === 'string', () => `${what}: scope is not a string: ${evidence(res)}`);
        const granted = json.scope === undefined ? scope : (json.scope as string);
        if (scope !== undefined && granted !== undefined) {
          const asked = new Set(scope.split(' ').filter(Boolean));
          const extra = granted.split(' ').filter((g) => g && !asked.has(g));
          check(extra.length === 0, () => `${what}: granted scope ${JSON.stringify(granted)} goes beyond the requested ${JSON.stringify(scope)}`, Severity.granted);
          // RFC 6749 §3.3 / §5.1: scope is a space-delimited list of what was granted.
          check(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/.test(granted), () => `${what}: granted scope ${JSON.stringify(granted)} is not a space-separated list of scope tokens`);
        }
        // users-api-token: the users API always answers scope openid, asked for or not.
        if (t.client.name === 'usersApi' && ctx.rules === 'all') check(json.scope === 'openid', () => `${what}: scope ${JSON.stringify(json.scope)} in the response, expected "openid" (users-api-token) [product rule: users-api-token]`);
      }
    });
  },
};

const cc2: ConformanceProperty = {
  id: 'CC-2',
  runs: 2,
  skipIf: needUsersApi,
  property(ctx) {
    const t = usersApi(ctx)[0] as { client: ClientRef; endpoint: string };
    // Two generated scopes and every near-miss of "openid" in every run.
    const scopes = fc
      .tuple(scopeToken.filter((s) => s !== 'openid'), scopeToken.filter((s) => s !== 'openid'))
      .map((generated) => [...generated, 'openid profile', 'OPENID', 'openid openid email', 'api', 'openid admin']);
    const control = positiveControls();
    return ctx.forAll(scopes, async (list) => {
      await control(`users-API client_credentials with scope openid`, 'other scopes', () => grantedClientCredentials(ctx, t));
      for (const s of list) {
        expectError(await ccRequest(ctx, t.client, t.endpoint, s), `users-API client_credentials with scope ${JSON.stringify(s)}`, 'invalid_scope');
      }
    });
  },
};

const cc3: ConformanceProperty = {
  id: 'CC-3',
  runs: 2,
  skipIf: needSecretClient,
  property(ctx) {
    const targets = secretClients(ctx);
    return ctx.forAll(fc.shuffledSubarray(targets, { minLength: targets.length }), async (order) => {
      for (const t of order) {
        const json = expectTokens(await ccRequest(ctx, t.client, t.endpoint), `client_credentials for ${t.client.id}`);
        check(json.refresh_token === undefined, () => `client_credentials for ${t.client.id} issued a refresh_token`);
      }
    });
  },
};

const cc4: ConformanceProperty = {
  id: 'CC-4',
  runs: 2,
  skipIf: needUsersApi,
  property(ctx) {
    const t = usersApi(ctx)[0] as { client: ClientRef; endpoint: string };
    const control = positiveControls();
    // With and without scope in every run.
    return ctx.forAll(fc.shuffledSubarray([undefined, 'openid'], { minLength: 2 }), async (order) => {
      await control(`the same users-API credentials sent with HTTP Basic`, 'credentials in the body', () => grantedClientCredentials(ctx, t));
      for (const scope of order) {
        const params: Array<[string, string]> = [['grant_type', 'client_credentials'], ['client_id', t.client.id], ['client_secret', t.client.secret as string]];
        if (scope) params.push(['scope', scope]);
        const res = await ctx.http.postForm(t.endpoint, params);
        check(res.status === 401, () => `users-API credentials in the body instead of Basic${scope ? ' (scope openid)' : ''} answered ${evidence(res)}, expected 401`);
      }
    });
  },
};

const cc5: ConformanceProperty = {
  id: 'CC-5',
  needs: ['inactive'],
  runs: 2,
  property(ctx) {
    const client = inactiveClient(ctx.target);
    const endpoints = [
      ...(ctx.profiles.includes('confidential') ? [tokenEndpoint(ctx)] : []),
      ...(ctx.profiles.includes('users-api') ? [ctx.target.endpoints.users_token_endpoint as string] : []),
    ];
    const all = endpoints.length ? endpoints : [tokenEndpoint(ctx)];
    const control = positiveControls();
    return ctx.forAll(fc.shuffledSubarray(all, { minLength: all.length }), async (order) => {
      // An active client at the same endpoint is granted, or refusing the inactive one shows nothing.
      for (const endpoint of all) {
        const active = secretClients(ctx).find((t) => t.endpoint === endpoint);
        if (!active) throw new PropertySkip(`no active secret client (clients.confidential or clients.usersApi) at ${endpoint} to show that it grants client_credentials at all`);
        await control(`client_credentials for the active client ${active.client.id} at ${endpoint}`, 'the inactive client', () => grantedClientCredentials(ctx, active));
      }
      for (const endpoint of order) {
        const res = await ctx.http.postForm(endpoint, [['grant_type', 'client_credentials']], { authorization: basic(client.id, client.secret as string) });
        expectError(res, `inactive client ${client.id} at ${endpoint}`, 'invalid_client', 401);
      }
    });
  },
};

const USERS_API_DEFAULT_EXPIRES_IN = 900;

const cc6: ConformanceProperty = {
  id: 'CC-6',
  runs: 2,
  skipIf: needUsersApi,
  property(ctx) {
    const t = usersApi(ctx)[0] as { client: ClientRef; endpoint: string };
    // With and without scope in every run.
    return ctx.forAll(fc.shuffledSubarray([undefined, 'openid'], { minLength: 2 }), async (order) => {
      for (const scope of order) {
        const what = `users-API client_credentials${scope ? ' with scope openid' : ''}`;
        const json = expectTokens(await ccRequest(ctx, t.client, t.endpoint, scope), what);
        check(json.expires_in === USERS_API_DEFAULT_EXPIRES_IN, () => `${what}: expires_in is ${JSON.stringify(json.expires_in)}, expected ${USERS_API_DEFAULT_EXPIRES_IN}`);
      }
    });
  },
};

/** The confidential client at the token endpoint (the users API has its own scope rule, CC-2). */
const confidentialAtToken = (ctx: PropertyContext) => secretClients(ctx).find((t) => t.client.name === 'confidential');

/**
 * CC-7. RFC 6749 §3.3: the server "MAY fully or partially ignore the scope requested" and, when
 * it grants another scope than asked, "MUST include the scope response parameter"; §5.2 names
 * invalid_scope for a scope that is "invalid, unknown, malformed". A name no server defines (a
 * generated urn in authprobe's namespace) is added to the client's own granted request, nothing
 * else changed: refused with invalid_scope, or granted without that name. A SHOULD: scope names
 * are the server's to define, but granting one it cannot have defined shows that the requested
 * scope is checked against nothing (RFC 9700 §2.3: restrict tokens to the privileges needed).
 */
const cc7: ConformanceProperty = {
  id: 'CC-7',
  runs: 2,
  skipIf: (ctx) => (confidentialAtToken(ctx) ? undefined : 'client missing: no clients.confidential (confidential profile)'),
  property(ctx) {
    const t = confidentialAtToken(ctx) as { client: ClientRef; endpoint: string };
    const base = t.client.scope;
    const undefinedScope = fc.stringMatching(/^[a-z0-9]{8,16}$/).map((junk) => `urn:authprobe:undefined-scope:${junk}`);
    const control = positiveControls();
    // Decisive, both in every run: the undefined name beside the client's own scope, and alone.
    return ctx.forAll(undefinedScope, async (name) => {
      await control(`client_credentials for ${t.client.id}${base ? ` with its scope ${base}` : ''}`, 'the same request naming an undefined scope', async () => {
        expectTokens(await ccRequest(ctx, t.client, t.endpoint, base), `client_credentials for ${t.client.id}`);
      });
      const findings = new CaseFindings();
      for (const asked of base ? [`${base} ${name}`, name] : [name]) await findings.attempt(async () => {
        const res = await ccRequest(ctx, t.client, t.endpoint, asked);
        const what = `client_credentials for ${t.client.id} with scope ${JSON.stringify(asked)}, which names a scope no server defines`;
        if (res.status !== 200) return expectError(res, what, 'invalid_scope');
        const json = expectTokens(res, what);
        // RFC 6749 §5.1: an answer without scope grants what was asked. Not for the name alone:
        // a grant of nothing has no spelling (§3.3: scope is one or more scope tokens), so an
        // answer without scope there may mean the name was ignored.
        if (typeof json.scope !== 'string' && asked === name) return;
        const granted = typeof json.scope === 'string' ? json.scope : asked;
        check(!granted.split(' ').includes(name), () => `${what}: granted ${typeof json.scope === 'string' ? JSON.stringify(json.scope) : 'it (the answer names no scope, RFC 6749 §5.1)'}; expected invalid_scope or a grant without ${name} (RFC 6749 §3.3, §5.2): ${evidence(res)}`, Severity.granted);
      });
      findings.settle();
    });
  },
};

export const CC = areaSuite('CC', { 'CC-1': cc1, 'CC-2': cc2, 'CC-3': cc3, 'CC-4': cc4, 'CC-5': cc5, 'CC-6': cc6, 'CC-7': cc7 });
