/**
 * RED — redirect strictness (RFC 6749 §3.1.2, §4.1.2.1; RFC 9700 §4.1; RFC 8252 §7.3).
 * The harness never follows a redirect off the server's origin: it reads every Location,
 * Refresh header and auto-submitting form and decides from those.
 */
import fc from 'fast-check';
import { leadsTo, redirectUriMutationSet } from './arbitraries/redirect.js';
import { state as stateArb } from './arbitraries/oauth.js';
import { authorizationRequest, obtainCode, type AuthorizationOutcome } from './oauth/authorize.js';
import { grantedCode, grantedCodeTokens, positiveControls } from './oauth/baseline.js';
import { publicClient } from './oauth/clients.js';
import { pkcePair } from './oauth/pkce.js';
import { check, expectError, fail } from './runner/failure.js';
import type { AreaSuite, ConformanceProperty, PropertyContext } from './runner/types.js';
import { landing } from './target/navigation.js';

function registeredUris(ctx: PropertyContext): string[] {
  const c = ctx.target.spec.clients?.public;
  return c ? [c.redirect_uri, ...(c.redirect_uris ?? [])] : [];
}

function navigationList(o: AuthorizationOutcome): string {
  return o.navigations.map((n) => `${n.via} -> ${n.raw}`).join('; ') || 'none';
}

/** The server accepted the request: a navigation carries a code. */
function issuedCode(o: AuthorizationOutcome): string | undefined {
  for (const n of o.navigations) {
    const to = landing(n);
    if (to?.searchParams.get('code')) return `${n.via} -> ${n.raw}`;
  }
  return undefined;
}

/** Any navigation that leaves the server's origin. */
function offOrigin(ctx: PropertyContext, o: AuthorizationOutcome): string | undefined {
  const origin = new URL(ctx.target.endpoints.authorization_endpoint ?? ctx.target.issuer).origin;
  const n = o.navigations.find((x) => !x.url || x.url.origin !== origin);
  return n ? `${n.via} -> ${n.raw}` : undefined;
}

const red1: ConformanceProperty = {
  id: 'RED-1',
  needs: ['public'],
  runs: 12,
  property(ctx) {
    const client = publicClient(ctx.target);
    const registered = registeredUris(ctx);
    // Every registered URI is a starting point: an https one has letters for IDN look-alikes,
    // a loopback one has the port rule.
    const starts = [...new Set(registered)].filter((u) => URL.canParse(u));
    const opts = { loopbackPortsVary: ctx.profiles.includes('native-loopback'), allRegistered: registered };
    const sets = fc.tuple(...starts.map((start) => redirectUriMutationSet(start, opts))).map((xs) => xs.flat());
    const control = positiveControls();
    return ctx.forAll(sets, async (mutations) => {
      // Each registered URI must itself be granted, or refusing its mutations shows nothing.
      for (const start of starts) {
        await control(`the registered redirect_uri ${start}`, 'a redirect_uri changed from it', () => grantedCode(ctx, client, { redirectUri: start }));
      }
      for (const mutation of mutations) {
        const pkce = pkcePair();
        const o = await authorizationRequest(ctx, {
          client_id: client.id,
          redirect_uri: mutation.uri,
          scope: client.scope,
          state: 'red1-state',
          code_challenge: pkce.challenge,
          code_challenge_method: 'S256',
        });
        const escape = o.navigations.find((n) => leadsTo(landing(n)?.toString() ?? n.raw, mutation.uri, registered) || leadsTo(n.raw, mutation.uri, registered));
        if (escape) fail(`redirect_uri changed in its ${mutation.component} (${mutation.uri}) was redirected to: ${escape.via} -> ${escape.raw}`);
        const code = issuedCode(o);
        if (code) fail(`redirect_uri changed in its ${mutation.component} (${mutation.uri}) was accepted: a code was issued (${code})`);
      }
    });
  },
};

const red2: ConformanceProperty = {
  id: 'RED-2',
  needs: ['public'],
  runs: 8,
  property(ctx) {
    const client = publicClient(ctx.target);
    const unknownId = fc.stringMatching(/^[A-Za-z0-9_-]{6,40}$/).map((s) => `unknown-${s}`);
    // Both kinds of redirect_uri in every run: the known client's own one, and a stranger's.
    const redirects = fc.tuple(fc.constant(client.redirectUri as string), fc.stringMatching(/^[a-z]{3,10}$/).map((h) => `https://${h}.example/callback`));
    const control = positiveControls();
    return ctx.forAll(fc.record({ clientId: unknownId, redirectUris: redirects }), async ({ clientId, redirectUris }) => {
      await control(`the known client ${client.id} with its registered redirect_uri`, 'an unknown client_id', () => grantedCode(ctx, client));
      for (const redirectUri of redirectUris) {
        const pkce = pkcePair();
        const o = await authorizationRequest(ctx, {
          client_id: clientId,
          redirect_uri: redirectUri,
          scope: client.scope,
          state: 'red2-state',
          code_challenge: pkce.challenge,
          code_challenge_method: 'S256',
        });
        const away = offOrigin(ctx, o);
        check(!away, () => `unknown client_id ${clientId} with redirect_uri ${redirectUri} was redirected: ${away}`);
      }
    });
  },
};

const red3: ConformanceProperty = {
  id: 'RED-3',
  needs: ['public'],
  runs: 5,
  skipIf(ctx) {
    const uris = new Set(registeredUris(ctx));
    return uris.size < 2
      ? 'clients.public lists fewer than two registered redirect URIs (clients.public.redirect_uris); the rule is about clients with several'
      : undefined;
  },
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    return ctx.forAll(stateArb(), async (state) => {
      await control(`the same request with the registered redirect_uri ${client.redirectUri}`, 'a request without redirect_uri', () => grantedCode(ctx, client));
      const pkce = pkcePair();
      const o = await authorizationRequest(ctx, {
        client_id: client.id,
        scope: client.scope,
        state,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      });
      const away = offOrigin(ctx, o);
      check(!away, () => `a request without redirect_uri from a client with ${new Set(registeredUris(ctx)).size} registered URIs was redirected: ${away}`);
    });
  },
};

const red4: ConformanceProperty = {
  id: 'RED-4',
  needs: ['public'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const registered = registeredUris(ctx);
    const others = registered.filter((u) => u !== client.redirectUri);
    // Every way to differ in every run: each component changed once, another registered URI,
    // and none at all.
    const tokenRedirects = fc
      .tuple(
        redirectUriMutationSet(client.redirectUri as string, { allRegistered: registered }).map((ms) => ms.map((m) => ({ kind: `${m.component} changed`, uri: m.uri as string | undefined }))),
        others.length ? fc.constantFrom(...others).map((u) => [{ kind: 'another registered URI', uri: u as string | undefined }]) : fc.constant([]),
      )
      .map(([changed, other]) => [...changed, ...other, { kind: 'omitted', uri: undefined as string | undefined }]);
    const control = positiveControls();
    return ctx.forAll(tokenRedirects, async (cases) => {
      await control(`redeeming a code with the redirect_uri it was issued for`, 'another redirect_uri', () => grantedCodeTokens(ctx, client));
      for (const { kind, uri } of cases) {
        const issued = await obtainCode(ctx, client);
        const params: Array<[string, string]> = [
          ['grant_type', 'authorization_code'],
          ['code', issued.code],
          ['code_verifier', issued.pkce.verifier],
          ['client_id', client.id],
        ];
        if (uri !== undefined) params.push(['redirect_uri', uri]);
        const res = await ctx.http.postForm(ctx.target.endpoints.token_endpoint as string, params);
        expectError(res, `token request with redirect_uri ${kind} (${uri ?? 'absent'}; authorized with ${issued.redirectUri})`, uri === undefined ? ['invalid_grant', 'invalid_request'] : 'invalid_grant');
      }
    });
  },
};

type ErrorCase = 'unknown-scope' | 'missing-pkce' | 'unsupported-response-type' | 'plain-pkce';
const ERROR_CASES: readonly ErrorCase[] = ['unknown-scope', 'missing-pkce', 'unsupported-response-type', 'plain-pkce'];

const red5: ConformanceProperty = {
  id: 'RED-5',
  needs: ['public'],
  runs: 8,
  property(ctx) {
    const client = publicClient(ctx.target);
    // Every error case in every run, each with its own generated state.
    return ctx.forAll(fc.tuple(...ERROR_CASES.map(() => stateArb())), async (states) => {
      for (const [i, errorCase] of ERROR_CASES.entries()) {
        const state = states[i] as string;
        const pkce = pkcePair();
        const o = await authorizationRequest(ctx, {
          client_id: client.id,
          redirect_uri: client.redirectUri,
          response_type: errorCase === 'unsupported-response-type' ? 'token' : 'code',
          scope: errorCase === 'unknown-scope' ? `${client.scope ?? 'openid'} authprobe-undefined-scope` : client.scope,
          state,
          code_challenge: errorCase === 'missing-pkce' ? undefined : errorCase === 'plain-pkce' ? pkce.verifier : pkce.challenge,
          code_challenge_method: errorCase === 'missing-pkce' ? undefined : errorCase === 'plain-pkce' ? 'plain' : 'S256',
        });
        const cb = o.callback;
        check(cb && o.params, () => `${errorCase}: the error did not go back to the redirect URI (${o.refused ?? 'no callback'}); navigations: ${navigationList(o)}`);
        check(cb.toString().startsWith(client.redirectUri as string), () => `${errorCase}: redirected to ${cb.toString()}, not the registered ${client.redirectUri}`);
        const error = o.params.get('error');
        // RFC 6749 §3.3: a server MAY ignore a requested scope it does not know instead of
        // refusing it; then there is no error to return, only the state to check.
        const ignoredScope = errorCase === 'unknown-scope' && !error && o.params.get('code');
        check(ignoredScope || (error && !o.params.get('code')), () => `${errorCase}: the redirect carries no error (${cb.toString()})`);
        const got = o.params.get('state');
        check(got === state, () => `${errorCase}: state came back as ${JSON.stringify(got)}, sent ${JSON.stringify(state)}`);
      }
    });
  },
};

const red6: ConformanceProperty = {
  id: 'RED-6',
  needs: ['public'],
  runs: 25,
  property(ctx) {
    const client = publicClient(ctx.target);
    return ctx.forAll(stateArb(), async (state) => {
      const issued = await obtainCode(ctx, client, { state });
      const got = issued.outcome.params?.get('state');
      check(got === state, () => `state came back as ${JSON.stringify(got)}, sent ${JSON.stringify(state)}`);
    });
  },
};

const red7: ConformanceProperty = {
  id: 'RED-7',
  needs: ['public'],
  runs: 2,
  skipIf(ctx) {
    return ctx.target.metadata.authorization_response_iss_parameter_supported === true
      ? undefined
      : 'metadata does not advertise authorization_response_iss_parameter_supported (RFC 9207 §3)';
  },
  property(ctx) {
    const client = publicClient(ctx.target);
    return ctx.forAll(fc.shuffledSubarray(['success', 'error'], { minLength: 2 }), async (kinds) => {
      for (const kind of kinds) {
        const pkce = pkcePair();
        const o = await authorizationRequest(ctx, {
          client_id: client.id,
          redirect_uri: client.redirectUri,
          scope: client.scope,
          state: 'red7',
          code_challenge: kind === 'success' ? pkce.challenge : undefined,
          code_challenge_method: kind === 'success' ? 'S256' : undefined,
        });
        check(o.params, () => `${kind} response: no redirect (${o.refused ?? ''})`);
        const iss = o.params.get('iss');
        check(iss === ctx.target.issuer, () => `${kind} response carries iss=${JSON.stringify(iss)}, expected ${ctx.target.issuer} (${o.callback?.toString()})`);
      }
    });
  },
};

export const RED: AreaSuite = { area: 'RED', properties: [red1, red2, red3, red4, red5, red6, red7] };
