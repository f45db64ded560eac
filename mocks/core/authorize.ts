/**
 * The authorization endpoint (RFC 6749 §4.1.1-§4.1.2): validates the client and redirect URI
 * first — failures there get an error page, never a redirect (§4.1.2.1) — then everything
 * else, whose failures go back to the registered URI with the exact state and iss (RFC 9207).
 */
import { MIX_UP_ISSUER, OTHER_CLIENT } from './client-conformance/adversaries.js';
import { placeholderHint } from './client-conformance/placeholder.js';
import { defaultGrants, type UserConfig } from './config.js';
import { scopeList, type CoreContext } from './context.js';
import { InvalidRequest, InvalidScope, OAuthError, UnauthorizedClient, UnsupportedResponseType } from './errors.js';
import { parseParams, type Params } from './form.js';
import { checkChallenge } from './pkce.js';
import { matchRedirectUri } from './redirect.js';
import { randomToken } from './secrets.js';
import type { ClientRecord } from './store.js';

/** A request that passed validation: what the code will be bound to. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  redirectUriSent: boolean;
  scope: string;
  state: string | undefined;
  /** `state` as its bytes arrived in the query (rawState), echoed instead of a re-encoding. */
  stateRaw?: string | undefined;
  nonce: string | null;
  challenge: string | null;
  challengeMethod: string | null;
  sub: string;
}

export type AuthorizeOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'error-page'; title: string; message: string }
  | { kind: 'consent'; consentId: string; client: ClientRecord; request: AuthorizationRequest; user: UserConfig; dropHeaders?: string[] };

const page = (title: string, message: string): AuthorizeOutcome => ({ kind: 'error-page', title, message });

/**
 * Appends response parameters, keeping any query the registered URI has (RFC 6749 §3.1.2). A
 * `state` given raw goes back as it came, not re-encoded.
 */
export function withParams(uri: string, pairs: [string, string][], stateRaw?: string): string {
  const encoded = pairs.map(([k, v]) => (k === 'state' && stateRaw !== undefined ? `state=${stateRaw}` : new URLSearchParams([[k, v]]).toString()));
  return `${uri}${uri.includes('?') ? '&' : '?'}${encoded.join('&')}`;
}

/**
 * RFC 6749 §4.1.2: state is returned exactly as received. Decoding and re-encoding rewrites it
 * when its percent-encoding is invalid (`%zz`, a lone `%C3`), so the value is taken from the
 * query as it arrived (the last one, as parseParams keeps the last). Only what a URI cannot
 * carry (non-ASCII, controls, space, `#`) is percent-encoded, which node's parser never lets in.
 */
export function rawState(query: string): string | undefined {
  let raw: string | undefined;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    if (name === 'state' || new URLSearchParams(`${name}=`).has('state')) raw = eq === -1 ? '' : part.slice(eq + 1);
  }
  return raw?.replace(/[^\x21-\x22\x24-\x7e]/gu, (c) => { try { return encodeURIComponent(c); } catch { return '%EF%BF%BD'; } });
}

function errorLocation(ctx: CoreContext, uri: string, err: OAuthError, state: string | undefined, stateRaw?: string): string {
  const pairs: [string, string][] = [['error', err.error], ['error_description', err.description]];
  if (state !== undefined && !ctx.defects.on('error-state-dropped')) pairs.push(['state', state]); // defect: breaks RED-5
  if (!ctx.defects.on('iss-missing')) pairs.push(['iss', ctx.issuer]); // defect: breaks RED-7
  return withParams(uri, pairs, state !== undefined ? stateRaw : undefined);
}

/** Validates an authorization request given as its raw query string. */
export function authorize(
  ctx: CoreContext,
  query: string,
  consent: 'page' | 'auto',
  forcedError?: OAuthError,
): AuthorizeOutcome {
  const parsed = parseParams(query);
  const { params } = parsed;
  // RFC 6749 §3.1: parameters MUST NOT be sent more than once; the defect lets the last one win.
  const duplicates = ctx.defects.on('authorize-duplicates-last-wins') ? [] : parsed.duplicates; // defect: breaks AZ-2
  if (ctx.defects.on('error-precedence-redirect')) { // defect: breaks AZ-1
    // The defect: response_type and scope are checked before the client and redirect URI are.
    const early = earlyError(params);
    if (early && params.redirect_uri) return { kind: 'redirect', location: errorLocation(ctx, params.redirect_uri, early, params.state, rawState(query)) };
  }
  if (duplicates.includes('client_id') || duplicates.includes('redirect_uri'))
    return page('Invalid request', 'client_id and redirect_uri may each be sent only once (RFC 6749 §3.1).');
  const clientId = params.client_id;
  if (clientId === undefined || clientId === '') return page('Invalid request', 'The request has no client_id.');
  const client = ctx.store.clients.get(clientId);
  ctx.clientConformance.authorization(ctx, clientId, client, params);
  const requested = params.redirect_uri;
  if (!client) {
    if (ctx.defects.on('unknown-client-redirect') && requested) // defect: breaks RED-2
      return { kind: 'redirect', location: errorLocation(ctx, requested, new OAuthError('invalid_client', 'unknown client'), params.state, rawState(query)) };
    const hint = placeholderHint(clientId, [...ctx.store.clients.values()].map((c) => c.name)); // CL-14
    return page('Unknown client', `There is no client '${clientId}'${hint}. Check the client_id the application sends.`);
  }
  let redirectUri: string;
  if (requested !== undefined) {
    const match = matchRedirectUri(requested, client.redirect_uris, { loopbackPorts: ctx.config.loopbackPorts, defects: ctx.defects });
    if (match === null) {
      if (ctx.defects.on('error-redirect-unregistered')) // defect: breaks RED-1
        return { kind: 'redirect', location: errorLocation(ctx, requested, new InvalidRequest('redirect_uri is not registered'), params.state, rawState(query)) };
      return page('Invalid redirect URI', `The redirect_uri is not registered for client '${clientId}'; it must equal a registered URI exactly (RFC 6749 §3.1.2.3).`);
    }
    // Answer at the URI the client named: under `any` it differs from the registered one in its port.
    redirectUri = requested;
  } else if (client.redirect_uris.length === 1 || (client.redirect_uris.length > 1 && ctx.defects.on('missing-redirect-uses-first'))) { // defect: breaks RED-3
    redirectUri = client.redirect_uris[0] as string;
  } else {
    return page('Missing redirect URI', `Client '${clientId}' has ${client.redirect_uris.length === 0 ? 'no' : 'several'} registered redirect URIs, so the request must name one (RFC 6749 §3.1.2.3).`);
  }

  // From here on the client and redirect URI are trusted: errors go back to the client.
  const state = params.state;
  try {
    const request = validate(ctx, client, params, duplicates, redirectUri, requested !== undefined);
    if (request.state !== undefined) request.stateRaw = rawState(query);
    if (forcedError) throw forcedError;
    const user = selectUser(ctx, params.login_hint);
    request.sub = user.sub;
    // OpenID Connect Core §3.1.2.1: prompt=consent asks for the consent page even where it is skipped.
    if (consent === 'auto' && !scopeList(params.prompt).includes('consent')) return { kind: 'redirect', location: issueCode(ctx, request) };
    const consentId = randomToken();
    ctx.store.consents.insert({
      id: consentId,
      request: JSON.stringify(request),
      expiresAt: ctx.clock.now() + 10 * 60 * 1000,
    });
    return { kind: 'consent', consentId, client, request, user, dropHeaders: pageHeaderDefects(ctx).drop };
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    return { kind: 'redirect', location: errorLocation(ctx, redirectUri, err, state, rawState(query)) };
  }
}

/** The response_type or scope error of a request, judged without its client (the AZ-1 defect's order). */
function earlyError(params: Params): OAuthError | undefined {
  if (params.response_type !== 'code') return new UnsupportedResponseType(`response_type '${params.response_type ?? ''}' is not supported; use code`);
  if (params.scope !== undefined && scopeList(params.scope).length === 0) return new InvalidScope('scope is empty');
  return undefined;
}

/**
 * Headers a page a user approves on must carry, and the defects that drop them: framing is
 * refused (RFC 9700 §4.16), and the page's URL never reaches another origin as a referrer
 * (RFC 9700 §4.2.4).
 */
export function pageHeaderDefects(ctx: CoreContext): { drop: string[] } {
  const drop: string[] = [];
  if (ctx.defects.on('consent-frameable')) drop.push('x-frame-options', 'frame-ancestors'); // defect: breaks AZ-3
  if (ctx.defects.on('consent-referrer-leaks')) drop.push('referrer-policy'); // defect: breaks AZ-4
  return { drop };
}

function validate(
  ctx: CoreContext,
  client: ClientRecord,
  params: Params,
  duplicates: string[],
  redirectUri: string,
  redirectUriSent: boolean,
): AuthorizationRequest {
  if (duplicates.length > 0) throw new InvalidRequest(`parameters sent more than once: ${duplicates.join(', ')} (RFC 6749 §3.1)`);
  if (client.status !== 'active') throw new UnauthorizedClient(`client '${client.client_id}' is inactive`);
  const responseType = params.response_type;
  if (responseType === undefined || responseType === '') throw new InvalidRequest('response_type is required; send response_type=code');
  if (responseType !== 'code') throw new UnsupportedResponseType(`response_type '${responseType}' is not supported; use code`);
  const grants = client.grant_types.length > 0 ? client.grant_types : defaultGrants(client.client_type as 'public');
  if (!grants.includes('authorization_code'))
    throw new UnauthorizedClient(`client '${client.client_id}' may not use the authorization code grant`);
  const scopes = params.scope === undefined ? client.allowed_scopes : scopeList(params.scope);
  if (params.scope !== undefined && scopes.length === 0) throw new InvalidScope('scope is empty');
  const unknown = scopes.filter((s) => !client.allowed_scopes.includes(s));
  if (unknown.length > 0) throw new InvalidScope(`scope ${unknown.join(' ')} is not allowed for client '${client.client_id}'`);
  const pkce = checkChallenge(params, client.client_type === 'public', ctx.defects);
  return {
    clientId: client.client_id,
    redirectUri,
    redirectUriSent,
    scope: [...new Set(scopes)].join(' '),
    state: params.state,
    nonce: params.nonce ?? null,
    challenge: pkce?.challenge ?? null,
    challengeMethod: pkce?.method ?? null,
    sub: '',
  };
}

function selectUser(ctx: CoreContext, hint: string | undefined): UserConfig {
  const users = ctx.config.users;
  const found = hint ? users.find((u) => u.sub === hint || u.email === hint || u.preferred_username === hint) : undefined;
  return found ?? (users[0] as UserConfig);
}

let weakCounter = 0;

/** Issues the code and returns the success redirect (RFC 6749 §4.1.2, RFC 9207). */
export function issueCode(ctx: CoreContext, request: AuthorizationRequest): string {
  const now = ctx.clock.now();
  const code = ctx.defects.on('weak-codes') ? `code-${String(++weakCounter).padStart(6, '0')}` : randomToken(); // defect: breaks CODE-5
  // A queued adversarial answer (CL-15..CL-18): the code is remembered, to see whether the client redeems it.
  const adversary = ctx.clientConformance.authorizationAdversary(ctx, request.clientId);
  if (adversary) ctx.clientConformance.adversaries.taint(code, adversary, request.clientId);
  ctx.store.codes.insert({
    code,
    clientId: adversary === 'foreign-code' ? OTHER_CLIENT : request.clientId,
    redirectUri: request.redirectUri,
    redirectUriSent: request.redirectUriSent,
    scope: request.scope,
    sub: request.sub,
    nonce: request.nonce,
    challenge: request.challenge,
    challengeMethod: request.challengeMethod,
    issuedAt: now,
    expiresAt: ctx.defects.on('code-never-expires') ? Number.MAX_SAFE_INTEGER : now + ctx.config.lifetimes.code * 1000, // defect: breaks CODE-4
    used: false,
    familyId: null,
  });
  const pairs: [string, string][] = [['code', code]];
  let stateRaw = request.stateRaw;
  if (adversary === 'wrong-state') {
    stateRaw = undefined;
    pairs.push(['state', `${request.state ?? ''}-not-yours-${randomToken(8)}`]);
  } else if (request.state !== undefined) {
    const altered = ctx.defects.on('state-altered'); // defect: breaks RED-6
    const state = altered && request.state.length > 0 ? request.state.slice(0, -1) : request.state;
    if (altered && stateRaw !== undefined) stateRaw = stateRaw === '' ? '' : new URLSearchParams([['s', state]]).toString().slice(2);
    pairs.push(['state', state]);
  }
  if (adversary === 'wrong-iss') pairs.push(['iss', MIX_UP_ISSUER]);
  else if (!ctx.defects.on('iss-missing') && adversary !== 'missing-iss') pairs.push(['iss', ctx.issuer]); // defect: breaks RED-7
  return withParams(request.redirectUri, pairs, stateRaw);
}

/** The consent page's answer: approve issues the code, deny sends access_denied (§4.1.2.1). */
export function decideConsent(ctx: CoreContext, body: string): AuthorizeOutcome {
  const { params } = parseParams(body);
  const id = params.request_id;
  const record = id ? ctx.store.consents.get(id) : undefined;
  if (!record || record.expiresAt <= ctx.clock.now())
    return page('Request expired', 'This authorization request is unknown or was already decided. Start again from the application.');
  const request = JSON.parse(record.request) as AuthorizationRequest;
  if (params.decision !== 'approve' && params.decision !== 'deny') {
    const client = ctx.store.clients.get(request.clientId);
    const user = ctx.config.users.find((u) => u.sub === request.sub) ?? (ctx.config.users[0] as UserConfig);
    if (client) return { kind: 'consent', consentId: record.id, client, request, user, dropHeaders: pageHeaderDefects(ctx).drop };
  }
  ctx.store.consents.delete(record.id);
  if (params.decision === 'approve') return { kind: 'redirect', location: issueCode(ctx, request) };
  const denied = new OAuthError('access_denied', 'the user denied the request');
  return { kind: 'redirect', location: errorLocation(ctx, request.redirectUri, denied, request.state, request.stateRaw) };
}
