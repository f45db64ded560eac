/**
 * RED — redirect strictness (RFC 6749 §3.1.2, §4.1.2.1; RFC 9700 §4.1; RFC 8252 §7.3).
 * The harness never follows a redirect off the server's origin: it reads every Location,
 * Refresh header and auto-submitting form and decides from those.
 */
import fc from 'fast-check';
import { formatRaw, isLoopback, leadsTo, parseRaw, redirectUriMutationSet, type RedirectMutation } from './arbitraries/redirect.js';
import { nonAsciiState, state as stateArb, stateSet } from './arbitraries/oauth.js';
import { authorizationRequest, obtainCode, type AuthorizationOutcome } from './oauth/authorize.js';
import { grantedCode, grantedCodeTokens, positiveControls } from './oauth/baseline.js';
import { publicClient } from './oauth/clients.js';
import { pkcePair } from './oauth/pkce.js';
import { CaseFindings, check, expectError, fail, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';
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
    // RFC 8252 §7.3 lets loopback ports vary; holding them fixed is the public-clients product
    // rule, which --rules rfc does not judge.
    const opts = { loopbackPortsVary: ctx.profiles.includes('native-loopback') || ctx.rules === 'rfc', allRegistered: registered };
    const sets = fc.tuple(...starts.map((start) => redirectUriMutationSet(start, opts))).map((xs) => xs.flat());
    const control = positiveControls();
    return ctx.forAll(sets, async (mutations) => {
      // Each registered URI must itself be granted, or refusing its mutations shows nothing.
      for (const start of starts) {
        await control(`the registered redirect_uri ${start}`, 'a redirect_uri changed from it', () => grantedCode(ctx, client, { redirectUri: start }));
      }
      // Every mutation is tried; the row reports the worst one the server accepted.
      const findings = new CaseFindings();
      for (const mutation of mutations) await findings.attempt(() => tryMutation(ctx, client.id, client.scope, mutation, registered));
      findings.settle();
    });
  },
};

/**
 * How bad accepting this mutation is: a change of an https URI's host, port, scheme or query
 * sends codes to another party; a loopback port change stays on the user's machine (and is
 * allowed at all by RFC 8252 §7.3), so it ranks below.
 */
function mutationSeverity(m: RedirectMutation, granted: boolean): Severity {
  if (m.component === 'port' && isLoopback(m.uri)) return Severity.weak;
  return granted ? Severity.granted : Severity.broken;
}

async function tryMutation(ctx: PropertyContext, clientId: string, scope: string | undefined, mutation: RedirectMutation, registered: string[]): Promise<void> {
  const pkce = pkcePair();
  const o = await authorizationRequest(ctx, {
    client_id: clientId,
    redirect_uri: mutation.uri,
    scope,
    state: 'red1-state',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  });
  const escape = o.navigations.find((n) => leadsTo(landing(n)?.toString() ?? n.raw, mutation.uri, registered) || leadsTo(n.raw, mutation.uri, registered));
  if (escape) fail(`redirect_uri changed in its ${mutation.component} (${mutation.uri}) was redirected to: ${escape.via} -> ${escape.raw}`, mutationSeverity(mutation, true));
  const code = issuedCode(o);
  if (code) fail(`redirect_uri changed in its ${mutation.component} (${mutation.uri}) was accepted: a code was issued (${code})`, mutationSeverity(mutation, true));
}

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

/**
 * Requests that are certainly errors for a valid client and redirect URI (RFC 6749 §4.1.2.1):
 * an unknown response_type (unsupported_response_type) and a parameter sent twice
 * (invalid_request, §3.1). Requests that are errors only where another area's rule holds
 * (no PKCE, plain PKCE, an unknown scope, which §3.3 lets a server ignore) are tried too, but
 * judged only when the server did refuse them: granting them is that area's failure, not RED-5's.
 */
type ErrorCase = 'unknown-response-type' | 'duplicate-response-type' | 'missing-pkce' | 'plain-pkce' | 'unknown-scope';
const ERROR_CASES: readonly ErrorCase[] = ['unknown-response-type', 'duplicate-response-type', 'missing-pkce', 'plain-pkce', 'unknown-scope'];
const CERTAIN: ReadonlySet<ErrorCase> = new Set(['unknown-response-type', 'duplicate-response-type']);

const red5: ConformanceProperty = {
  id: 'RED-5',
  needs: ['public'],
  runs: 6,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // Every error case in every run, each with its own generated state.
    return ctx.forAll(fc.tuple(...ERROR_CASES.map(() => stateArb())), async (states) => {
      await control(`the same authorization request without the error`, 'requests that must come back as errors', () => grantedCode(ctx, client));
      const findings = new CaseFindings();
      for (const [i, errorCase] of ERROR_CASES.entries()) await findings.attempt(async () => {
        const state = states[i] as string;
        const pkce = pkcePair();
        const o = await authorizationRequest(ctx, {
          client_id: client.id,
          redirect_uri: client.redirectUri,
          response_type: errorCase === 'unknown-response-type' ? 'authprobe_unknown_type' : 'code',
          scope: errorCase === 'unknown-scope' ? `${client.scope ?? 'openid'} authprobe-undefined-scope` : client.scope,
          state,
          code_challenge: errorCase === 'missing-pkce' ? undefined : errorCase === 'plain-pkce' ? pkce.verifier : pkce.challenge,
          code_challenge_method: errorCase === 'missing-pkce' ? undefined : errorCase === 'plain-pkce' ? 'plain' : 'S256',
          ...(errorCase === 'duplicate-response-type' ? { extra: [['response_type', 'code'] as [string, string]] } : {}),
        });
        if (!CERTAIN.has(errorCase) && (issuedCode(o) || o.params?.get('code'))) return;
        const cb = o.callback;
        check(cb && o.params, () => `${errorCase}: the error did not go back to the redirect URI (${o.refused ?? 'no callback'}); navigations: ${navigationList(o)}`);
        check(cb.toString().startsWith(client.redirectUri as string), () => `${errorCase}: redirected to ${cb.toString()}, not the registered ${client.redirectUri}`, Severity.granted);
        const error = o.params.get('error');
        check(error && !o.params.get('code'), () => `${errorCase}: the redirect carries no error (${cb.toString()})`);
        const got = o.params.get('state');
        check(got === state, () => `${errorCase}: state came back as ${JSON.stringify(got)}, sent ${JSON.stringify(state)}`);
      });
      findings.settle();
    });
  },
};

const red6: ConformanceProperty = {
  id: 'RED-6',
  needs: ['public'],
  runs: 4,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // Every edge of the state on every run, each riding on an otherwise valid request; and one
    // non-ASCII state, which RFC 6749 Appendix A.5 lets a server refuse but not alter.
    return ctx.forAll(fc.record({ edges: stateSet(), foreign: nonAsciiState }), async ({ edges, foreign }) => {
      await control('the same authorization request with a short alphanumeric state', 'a state at the edges', () => grantedCode(ctx, client));
      const findings = new CaseFindings();
      for (const { kind, state } of edges) await findings.attempt(async () => {
        const issued = await obtainCode(ctx, client, { state });
        const got = issued.outcome.params?.get('state');
        check(got === state, () => `${kind}: state came back as ${JSON.stringify(got)}, sent ${JSON.stringify(state)}`);
      });
      await findings.attempt(async () => {
        const o = await authorizationRequest(ctx, { client_id: client.id, redirect_uri: client.redirectUri, scope: client.scope, state: foreign, ...challengeOf(pkcePair()) });
        if (!o.params) return;
        const got = o.params.get('state');
        check(got === foreign, () => `a non-ASCII state came back as ${JSON.stringify(got)}, sent ${JSON.stringify(foreign)}`);
      });
      findings.settle();
    });
  },
};

function challengeOf(p: { challenge: string }): { code_challenge: string; code_challenge_method: string } {
  return { code_challenge: p.challenge, code_challenge_method: 'S256' };
}

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

/**
 * The loopback IP redirect URIs of RFC 8252 §7.3, whose port the server MUST let vary. A
 * `localhost` URI is left out: §7.3's MUST names the IP literals, and §8.3 recommends against
 * localhost (RED-1 still lets its port vary under native-loopback).
 */
function isLoopbackIp(uri: string): boolean {
  return isLoopback(uri) && parseRaw(uri)?.host.toLowerCase() !== 'localhost';
}

interface PortVariant {
  registered: string;
  /** How the port differs from the registered one, for the failure message. */
  kind: string;
  uri: string;
}

/** `port` with its last digit changed, staying a valid port: 8765 -> 8766, 65535 -> 65534, 80 -> 81. */
function oneDigitOff(port: number): number {
  const head = String(port).slice(0, -1);
  const last = port % 10;
  const candidates = [(last + 1) % 10, (last + 9) % 10].map((d) => Number(`${head}${d}`));
  return candidates.find((p) => p >= 1 && p <= 65535) as number;
}

/**
 * `registered` with its port changed and nothing else: the decisive cases on every run (the port
 * left out, one digit off, 1024 and 65535; a URI registered without a port gets 81, one digit off
 * http's default 80) and the generated ports. A port equal to the registered one is dropped.
 */
function portVariants(registered: string, generated: readonly number[]): PortVariant[] {
  const { port, ...rest } = parseRaw(registered) as NonNullable<ReturnType<typeof parseRaw>>;
  // RFC 3986 §6.2.3: an http URI without a port means port 80.
  const own = port ? Number(port) : 80;
  const cases: Array<[port: number | undefined, note: string]> = [
    ...(port !== undefined ? [[undefined, ''] as [undefined, string]] : []),
    [oneDigitOff(own), 'one digit off'],
    [1024, ''],
    [65535, ''],
    ...generated.map((p): [number, string] => [p, 'generated']),
  ];
  const seen = new Set<string>([registered]);
  const out: PortVariant[] = [];
  for (const [p, note] of cases) {
    if (p === own) continue;
    const uri = formatRaw(p === undefined ? rest : { ...rest, port: String(p) });
    if (seen.has(uri)) continue;
    seen.add(uri);
    out.push({ registered, kind: p === undefined ? 'left out' : `changed to ${p}${note ? ` (${note})` : ''}`, uri });
  }
  return out;
}

/** The request differs from the granted one in its redirect_uri's port only: a code must come back to that URI as sent. */
async function grantedAtPort(ctx: PropertyContext, clientId: string, scope: string | undefined, variant: PortVariant): Promise<void> {
  const pkce = pkcePair();
  const o = await authorizationRequest(ctx, {
    client_id: clientId,
    redirect_uri: variant.uri,
    scope,
    state: 'red8-state',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  });
  const sent = `redirect_uri ${variant.uri} (the registered ${variant.registered} with its port ${variant.kind})`;
  const code = o.params?.get('code');
  check(code, () => `${sent} was not granted although RFC 8252 §7.3 lets the port vary: ${o.refused ?? `callback ${o.callback?.toString() ?? '(none)'}`}; navigations: ${navigationList(o)}`);
  const cb = o.callback?.toString() ?? '';
  check(leadsTo(cb, variant.uri, []), () => `${sent}: the code went to ${cb}, not to the redirect_uri as sent`);
}

const red8: ConformanceProperty = {
  id: 'RED-8',
  needs: ['public'],
  runs: 4,
  skipIf(ctx) {
    const registered = registeredUris(ctx);
    if (registered.some(isLoopbackIp)) return undefined;
    const named = registered.filter(isLoopback);
    return named.length
      ? `clients.public registers loopback redirect URIs by the name localhost only (${named.join(', ')}); RFC 8252 §7.3's MUST names the IP literals (and §8.3 recommends them): register http://127.0.0.1 or http://[::1] to judge RED-8`
      : 'clients.public registers no loopback IP redirect URI (http://127.0.0.1 or http://[::1]), the only URIs whose port RFC 8252 §7.3 lets vary';
  },
  property(ctx) {
    const client = publicClient(ctx.target);
    const starts = [...new Set(registeredUris(ctx))].filter(isLoopbackIp);
    // Two generated ports per registered loopback URI, besides the decisive ones.
    const ports = fc.tuple(...starts.map(() => fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 2 })));
    const control = positiveControls();
    return ctx.forAll(ports, async (generated) => {
      const findings = new CaseFindings();
      for (const [i, start] of starts.entries()) {
        // The registered URI itself must be granted, or a refused port change shows nothing about ports.
        await control(`the registered redirect_uri ${start}`, 'the same redirect_uri with its port changed', () => grantedCode(ctx, client, { redirectUri: start }));
        for (const variant of portVariants(start, generated[i] ?? [])) await findings.attempt(() => grantedAtPort(ctx, client.id, client.scope, variant));
      }
      findings.settle();
    });
  },
};

export const RED = areaSuite('RED', { 'RED-1': red1, 'RED-2': red2, 'RED-3': red3, 'RED-4': red4, 'RED-5': red5, 'RED-6': red6, 'RED-7': red7, 'RED-8': red8 });
