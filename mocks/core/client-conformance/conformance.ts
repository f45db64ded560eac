/**
 * Client conformance, judged as exchanges happen: the core calls in at the authorization request,
 * the token request (before client authentication, so a refused request is judged too) and the
 * revocation request; the adversarial answers call in where they change the answer. Everything
 * is per client_id and bounded (ledger.ts). The token hot path pays a Map read and a few
 * comparisons; client_credentials requests, the benchmarked ones, are not judged at all.
 */
import type { CoreContext } from '../context.js';
import { parseBasic, parseParams, type Params } from '../form.js';
import type { EndpointRequest } from '../request.js';
import type { ClientRecord } from '../store.js';
import { ADVERSARY, AdversaryQueue, type Adversary } from './adversaries.js';
import { ClientLedger, quote, redact } from './ledger.js';
import { placeholderReason } from './placeholder.js';
import { buildClientReport, type ClientReport } from './report.js';

/** How many clients are followed; traffic from further client_ids is not judged. */
const MAX_CLIENTS = 256;
/** RFC 7636 §4.1: 43-128 characters of the unreserved set. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** Below this many distinct characters a verifier is not the output of a random source (CL-5). */
const VERIFIER_MIN_DISTINCT = 10;
/** A state shorter than this, or with fewer distinct characters, is guessable (CL-7). */
const STATE_MIN_LENGTH = 16;
const STATE_MIN_DISTINCT = 6;
/** Credentials that never belong in a URL query (CL-13). */
const URL_CREDENTIALS = /(?:^|&)(code|refresh_token|code_verifier|client_secret|token)=/;

/** Distinct characters of a string, without allocating: a reused 128-entry scratch table. */
const seen = new Uint8Array(128);
function distinctChars(value: string): number {
  seen.fill(0);
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) & 127;
    if (seen[c] === 0) {
      seen[c] = 1;
      n++;
    }
  }
  return n;
}

function basicClientId(authorization: string | undefined): string | undefined {
  try {
    return parseBasic(authorization)?.clientId;
  } catch {
    return undefined;
  }
}

const isBasic = (authorization: string | undefined) => authorization !== undefined && /^basic\b/i.test(authorization);

export class ClientConformance {
  private readonly ledgers = new Map<string, ClientLedger>();
  readonly adversaries = new AdversaryQueue();

  /**
   * The ledger of a client_id: a registered client's, or an unregistered one that looks like a
   * placeholder (CL-14); undefined for any other id, or once MAX_CLIENTS are followed.
   */
  private ledgerFor(ctx: CoreContext, clientId: string, sentSecret: boolean): ClientLedger | undefined {
    const known = this.ledgers.get(clientId);
    if (known) return known;
    if (this.ledgers.size >= MAX_CLIENTS) return undefined;
    const client = ctx.store.clients.get(clientId);
    let ledger: ClientLedger;
    if (client) ledger = new ClientLedger(clientId, client.client_type === 'public', true);
    else if (placeholderReason(clientId, this.names(ctx)) !== null) ledger = new ClientLedger(clientId, !sentSecret, false);
    else return undefined;
    this.ledgers.set(clientId, ledger);
    return ledger;
  }

  private *names(ctx: CoreContext): Iterable<string> {
    for (const c of ctx.store.clients.values()) yield c.name;
  }

  /** CL-14: every request of a placeholder client_id is a finding; true when the id is one. */
  private placeholder(ctx: CoreContext, ledger: ClientLedger, where: string): boolean {
    if (ledger.registered) {
      ledger.pass(14);
      return false;
    }
    const why = placeholderReason(ledger.clientId, this.names(ctx)) ?? 'not registered';
    ledger.fail(14, `${where} with client_id ${quote(ledger.clientId, 60)}: not registered, and it looks like ${why}`);
    return true;
  }

  /** An authorization request (response_type=code) naming `clientId`; `client` when registered. */
  authorization(ctx: CoreContext, clientId: string, client: ClientRecord | undefined, params: Params): void {
    if (params.response_type !== 'code') return;
    const ledger = this.ledgerFor(ctx, clientId, false);
    if (!ledger || this.placeholder(ctx, ledger, 'authorization request') || !client) return;
    if (ledger.isPublic) {
      const challenge = params.code_challenge;
      if (challenge === undefined || challenge === '') ledger.fail(1, 'authorization request without code_challenge (PKCE not used)');
      else {
        ledger.pass(1);
        const method = params.code_challenge_method;
        if (method === 'S256') ledger.pass(2);
        else ledger.fail(2, `code_challenge_method=${method === undefined ? '(omitted, which means plain)' : quote(method, 20)}; use S256`);
        if (ledger.challenges.has(challenge)) ledger.warn(5, `code_challenge ${redact(challenge)} repeated: the code_verifier was reused`);
        else ledger.pass(5);
        ledger.challenges.add(challenge);
      }
    }
    const state = params.state;
    if (state === undefined || state === '') {
      // A SHOULD (RFC 9700 §2.1: PKCE may stand in for state), so the report warns.
      const pkce = params.code_challenge !== undefined && params.code_challenge !== '';
      ledger.fail(6, pkce ? 'authorization request without state: only PKCE binds the response to this user agent' : 'authorization request without state or PKCE (no CSRF protection)');
      return;
    }
    ledger.pass(6);
    if (state.length < STATE_MIN_LENGTH || distinctChars(state) < STATE_MIN_DISTINCT)
      ledger.fail(7, `state ${redact(state)} is guessable: use at least ${STATE_MIN_LENGTH} random characters`);
    else ledger.pass(7);
    if (ledger.states.has(state)) ledger.fail(8, `state ${redact(state)} was already used in an earlier authorization request`);
    else ledger.pass(8);
    ledger.states.add(state);
  }

  /**
   * A token request before client authentication: an authorization_code or refresh_token grant,
   * or one without grant_type, of which only the credentials are judged (its usual cause is an
   * empty body with everything in the URL query: see requester).
   */
  token(ctx: CoreContext, req: EndpointRequest, params: Params, grant: 'authorization_code' | 'refresh_token' | undefined): void {
    const ledger = this.requester(ctx, req, params, 'token');
    if (!ledger) return;
    this.credentials(ledger, req, params, 'token');
    if (grant === 'authorization_code') this.redemption(ctx, ledger, params);
    else if (grant === 'refresh_token') this.refreshUse(ctx, ledger, params);
  }

  /** A revocation request (RFC 7009): the same duties for the client's credentials. */
  revocation(ctx: CoreContext, req: EndpointRequest, params: Params): void {
    const ledger = this.requester(ctx, req, params, 'revocation');
    if (ledger) this.credentials(ledger, req, params, 'revocation');
  }

  /**
   * The ledger of the client a token or revocation request names in its body or Basic header.
   * A request that names it in neither is the commonest form of the CL-13 mistake (axios
   * `params`: everything in the URL query, an empty body): its query names the client, for CL-13
   * only; the server refuses the request all the same (RFC 6749 §3.2: parameters in the body).
   */
  private requester(ctx: CoreContext, req: EndpointRequest, params: Params, endpoint: 'token' | 'revocation'): ClientLedger | undefined {
    const clientId = params.client_id ?? basicClientId(req.authorization);
    if (clientId === undefined || clientId === '') {
      if (!isBasic(req.authorization)) this.unreadable(ctx, req, endpoint);
      return undefined;
    }
    const ledger = this.ledgerFor(ctx, clientId, params.client_secret !== undefined || isBasic(req.authorization));
    if (!ledger || this.placeholder(ctx, ledger, `${endpoint} request`)) return undefined;
    return ledger;
  }

  /**
   * A token or revocation request judged by its URL query alone (CL-13): one refused before its
   * body was read (a GET, a JSON body), or one whose body names no client (requester above).
   */
  unreadable(ctx: CoreContext, req: EndpointRequest, endpoint: 'token' | 'revocation'): void {
    if (req.query === '') return;
    const m = URL_CREDENTIALS.exec(req.query);
    if (!m) return;
    const clientId = parseParams(req.query).params.client_id ?? basicClientId(req.authorization);
    if (clientId === undefined || clientId === '') return;
    const ledger = this.ledgerFor(ctx, clientId, isBasic(req.authorization));
    if (!ledger || this.placeholder(ctx, ledger, `${endpoint} request`)) return;
    ledger.fail(13, `${m[1]} sent in the URL query of a ${req.method} to the ${endpoint} endpoint (it ends up in logs and history): send it in the POST body`);
  }

  /** CL-10, CL-11 (public clients), CL-13 (every client). */
  private credentials(ledger: ClientLedger, req: EndpointRequest, params: Params, endpoint: string): void {
    if (req.query === '') ledger.pass(13);
    else {
      const m = URL_CREDENTIALS.exec(req.query);
      if (m) ledger.fail(13, `${m[1]} sent in the URL query of the ${endpoint} endpoint (it ends up in logs and history): send it in the POST body`);
      else ledger.pass(13);
    }
    if (!ledger.isPublic) return;
    const secret = params.client_secret;
    if (secret === undefined) ledger.pass(10);
    else if (secret === '') ledger.warn(10, `empty client_secret= at the ${endpoint} endpoint: treated as omitted (RFC 6749 §3.2); leave the parameter out`);
    else ledger.fail(10, `client_secret (${secret.length} chars) sent by a public client at the ${endpoint} endpoint: a public client has no secret`);
    if (isBasic(req.authorization)) ledger.fail(11, `HTTP Basic Authorization header sent by a public client at the ${endpoint} endpoint: send client_id in the body only`);
    else ledger.pass(11);
  }

  private redemption(ctx: CoreContext, ledger: ClientLedger, params: Params): void {
    const value = params.code;
    if (value === undefined || value === '') return;
    if (ledger.isPublic) {
      const verifier = params.code_verifier;
      if (verifier === undefined || verifier === '') ledger.fail(3, `code ${redact(value)} redeemed without code_verifier`);
      else {
        ledger.pass(3);
        if (VERIFIER.test(verifier)) ledger.pass(4);
        else ledger.fail(4, `code_verifier of ${verifier.length} characters${/^[A-Za-z0-9\-._~]*$/.test(verifier) ? '' : ' with characters outside [A-Za-z0-9-._~]'}: it must be 43-128 unreserved characters`);
        if (distinctChars(verifier) < VERIFIER_MIN_DISTINCT) ledger.warn(5, `code_verifier ${redact(verifier)} has only ${distinctChars(verifier)} distinct characters: generate it from 32 random octets`);
        else ledger.pass(5);
      }
    }
    const code = ctx.store.codes.get(value);
    if (code && code.clientId === ledger.clientId) {
      const sent = params.redirect_uri;
      const same = code.redirectUriSent ? sent === code.redirectUri : sent === undefined || sent === code.redirectUri;
      if (same) ledger.pass(9);
      else ledger.fail(9, `token redirect_uri ${sent === undefined ? '(none)' : quote(sent)} differs from the authorization request's ${quote(code.redirectUri)}`);
    }
    const taint = this.adversaries.tainted(value);
    if (!taint) return;
    taint.redemptions += 1;
    const { id, what } = ADVERSARY[taint.adversary];
    if (taint.adversary !== 'foreign-code') ledger.fail(id, `redeemed code ${redact(value)} from ${what}: reject such a response instead`);
    else if (taint.redemptions > 1) ledger.fail(id, `presented code ${redact(value)} again (attempt ${taint.redemptions}) after invalid_grant: start a new authorization instead`);
  }

  private refreshUse(ctx: CoreContext, ledger: ClientLedger, params: Params): void {
    const value = params.refresh_token;
    if (ledger.keptRefresh !== undefined) {
      const kept = ledger.keptRefresh;
      ledger.keptRefresh = undefined;
      if (value === kept) ledger.pass(20);
      else ledger.fail(20, `after a refresh response without refresh_token it presented ${value ? redact(value) : 'no refresh_token'} instead of the one it holds (${redact(kept)})`);
    }
    if (value === undefined || value === '') return;
    if (ledger.refusedRefresh.has(value)) ledger.fail(19, `presented refresh token ${redact(value)} again after it was refused with invalid_grant: send the user to log in again`);
    const token = ctx.store.refreshTokens.get(value);
    if (!token || token.clientId !== ledger.clientId) return;
    if (!token.rotated) ledger.pass(12);
    // A lost response may be retried with the previous token inside the grace window (GRACE-1): not judged.
    else if ((ctx.config.rotation?.grace_seconds ?? 0) <= 0)
      ledger.fail(12, `presented rotated-out refresh token ${redact(value)}: store the new refresh token of every refresh response (the server revoked the family)`);
  }

  /** An adversary to play on an authorization response for `clientId`, counted as observed. */
  authorizationAdversary(ctx: CoreContext, clientId: string): Adversary | undefined {
    const adversary = this.adversaries.take('authorize', clientId);
    if (adversary) this.ledgerFor(ctx, clientId, false)?.pass(ADVERSARY[adversary].id);
    return adversary;
  }

  /** An adversary to play on a refresh of `clientId`'s token `value`; records what the client must do next. */
  refreshAdversary(ctx: CoreContext, clientId: string, value: string): 'refresh-invalid-grant' | 'no-new-refresh-token' | undefined {
    const adversary = this.adversaries.take('token', clientId) as 'refresh-invalid-grant' | 'no-new-refresh-token' | undefined;
    if (!adversary) return undefined;
    const ledger = this.ledgerFor(ctx, clientId, false);
    ledger?.pass(ADVERSARY[adversary].id);
    if (adversary === 'refresh-invalid-grant') ledger?.refusedRefresh.add(value);
    else if (ledger) ledger.keptRefresh = value;
    return adversary;
  }

  report(now: number): ClientReport {
    return buildClientReport([...this.ledgers.values()], now);
  }

  /** DELETE /_mock/client-report, POST /_mock/reset: start over. */
  reset(): void {
    this.ledgers.clear();
    this.adversaries.clear();
  }
}
