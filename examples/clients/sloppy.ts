/**
 * A client that can make each mistake of the CL catalogue on purpose, one per run, so that a
 * test can show the mock's client report naming it. Without a mistake it is a careful public
 * client: PKCE S256 with a fresh random verifier, a fresh random state checked on the callback,
 * `iss` checked (RFC 9207), the same redirect_uri at the token endpoint, `client_id` in the POST
 * body and nothing else, the rotated refresh token kept.
 *
 * One run is: discovery, two sign-ins (authorization request, callback, code exchange), then
 * two refreshes of the first sign-in's tokens, each with the refresh token the client holds. A
 * run with a mistake differs from that good run in exactly one respect, named by the CL ID it
 * breaks. Where the server refuses a request (it must, for most mistakes), the run stops there,
 * as a real client would, and says so in its outcome.
 */
import { createHash, randomBytes } from 'node:crypto';
import { followAuthorization } from './user-agent.js';

/** Each mistake, keyed by the CL requirement it breaks. */
export const MISTAKES = {
  'CL-1': 'the authorization request carries no code_challenge',
  'CL-2': 'code_challenge_method=plain, the challenge being the verifier itself',
  'CL-3': 'the code exchange carries no code_verifier',
  'CL-4': 'the code_verifier is 32 characters (RFC 7636 §4.1: at least 43)',
  'CL-5': 'the second sign-in reuses the first one\'s code_verifier and challenge',
  'CL-6': 'the authorization request carries no state',
  'CL-7': 'the state is a counter ("1", "2")',
  'CL-8': 'the second sign-in reuses the first one\'s state',
  'CL-9': 'the code exchange names http://localhost:8765/callback after authorizing http://127.0.0.1:8765/callback',
  'CL-10': 'the public client sends client_secret=not-a-secret with the code exchange',
  'CL-11': 'the public client sends Authorization: Basic base64(client_id:) with the code exchange',
  'CL-12': 'the second refresh presents the refresh token the first refresh rotated out',
  'CL-13': 'the first refresh also copies its parameters, refresh_token included, into the token endpoint\'s URL query',
  'CL-14': 'the client_id is the build placeholder REPLACE_ME',
  'CL-15': 'the callback\'s state is not compared (scenario wrong-state)',
  'CL-16': 'the callback\'s iss is not compared with the issuer (scenario wrong-iss)',
  'CL-17': 'a callback without iss is accepted from a server that advertises it (scenario missing-iss)',
  'CL-18': 'a code refused with invalid_grant is presented again (scenario foreign-code)',
  'CL-19': 'a refresh token refused with invalid_grant is presented again (scenario refresh-invalid-grant)',
  'CL-20': 'after a refresh response without refresh_token the client forgets its token and sends refresh_token= empty (scenario no-new-refresh-token)',
} as const;
export type Mistake = keyof typeof MISTAKES;

/**
 * Second forms of two mistakes: an empty client_secret=, which RFC 6749 §3.2 treats as omitted
 * (CL-10, a warning only); and CL-13 as axios `params` makes it, the first refresh's parameters
 * all in the URL query and the body empty (the server refuses it, and the run stops there).
 */
export type Slip = 'empty-client-secret' | 'params-in-url-only';

export interface SloppyRunOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  mistake?: Mistake | Slip;
  scope?: string;
}

export interface SloppyRunOutcome {
  /** Each request the client made and what came back, for failure messages. */
  steps: string[];
  /** Why the run ended before its last step, or undefined when it completed. */
  stoppedBecause: string | undefined;
}

interface Metadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  authorization_response_iss_parameter_supported?: boolean;
}

/** A stop the client decides on (or the server forces); not an error of the test. */
class RunStopped extends Error {}

export async function sloppyRun(o: SloppyRunOptions): Promise<SloppyRunOutcome> {
  const steps: string[] = [];
  const m = o.mistake;
  const clientId = m === 'CL-14' ? 'REPLACE_ME' : o.clientId;
  const scope = o.scope ?? 'openid offline_access';
  const md = (await (await fetch(`${o.issuer}/.well-known/oauth-authorization-server`)).json()) as Metadata;

  async function tokenRequest(params: Record<string, string>, opts: { inQuery?: 'also' | 'only' } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const form: Record<string, string> = { ...params, client_id: clientId };
    if (params.grant_type === 'authorization_code') {
      if (m === 'CL-10') form.client_secret = 'not-a-secret';
      if (m === 'empty-client-secret') form.client_secret = '';
      if (m === 'CL-11') headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:`).toString('base64')}`;
    }
    const body = new URLSearchParams(form).toString();
    // The mistake of CL-13: the parameters copied into the URL, where logs and proxies keep them (or moved there).
    const url = opts.inQuery ? `${md.token_endpoint}?${body}` : md.token_endpoint;
    const res = await fetch(url, { method: 'POST', headers, body: opts.inQuery === 'only' ? '' : body });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    steps.push(`POST token ${params.grant_type}${opts.inQuery ? ` (${opts.inQuery} in the URL)` : ''}: ${res.status}${answer.error ? ` ${String(answer.error)}` : ''}`);
    return { status: res.status, body: answer };
  }

  const verifiers: string[] = [];
  const states: string[] = [];

  /** One sign-in: authorization request, callback checks, code exchange. Returns the token response. */
  async function signIn(n: 1 | 2): Promise<Record<string, unknown>> {
    let verifier = randomBytes(32).toString('base64url');
    if (m === 'CL-4') verifier = verifier.slice(0, 32);
    if (m === 'CL-5' && n === 2) verifier = verifiers[0] as string;
    verifiers.push(verifier);
    let state: string | undefined = randomBytes(16).toString('base64url');
    if (m === 'CL-6') state = undefined;
    if (m === 'CL-7') state = String(n);
    if (m === 'CL-8' && n === 2) state = states[0];
    if (state !== undefined) states.push(state);

    const url = new URL(md.authorization_endpoint);
    const q: Record<string, string> = { response_type: 'code', client_id: clientId, redirect_uri: o.redirectUri, scope };
    if (state !== undefined) q.state = state;
    if (m === 'CL-2') Object.assign(q, { code_challenge: verifier, code_challenge_method: 'plain' });
    else if (m !== 'CL-1') Object.assign(q, { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
    url.search = new URLSearchParams(q).toString();

    let callback: URL;
    try {
      callback = await followAuthorization(url);
    } catch (err) {
      steps.push(`GET authorize: ${(err as Error).message}`);
      throw new RunStopped(`sign-in ${n}: the authorization request was not answered with a redirect`);
    }
    const p = callback.searchParams;
    steps.push(`GET authorize: redirect with ${[...p.keys()].join(', ')}`);
    if (p.get('error')) throw new RunStopped(`sign-in ${n}: the authorization response is an error: ${p.get('error')}`);
    // RFC 6749 §10.12: the state must come back unchanged.
    if (m !== 'CL-15' && p.get('state') !== (state ?? null)) throw new RunStopped(`sign-in ${n}: the state in the callback does not match; the code is not redeemed`);
    // RFC 9207 §2.4: where the metadata advertises iss, it must be there and be the issuer.
    const issChecked = md.authorization_response_iss_parameter_supported === true && m !== 'CL-16' && m !== 'CL-17';
    if (issChecked && p.get('iss') !== md.issuer) throw new RunStopped(`sign-in ${n}: the callback's iss is ${p.get('iss') ?? 'missing'}, not ${md.issuer}; the code is not redeemed`);
    const code = p.get('code') as string;

    const params: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: m === 'CL-9' ? o.redirectUri.replace('127.0.0.1', 'localhost') : o.redirectUri };
    if (m !== 'CL-3') params.code_verifier = verifier;
    let answer = await tokenRequest(params);
    if (answer.status !== 200 && answer.body.error === 'invalid_grant' && m === 'CL-18') answer = await tokenRequest(params);
    if (answer.status !== 200) throw new RunStopped(`sign-in ${n}: the code exchange was refused (${String(answer.body.error)}); a new sign-in would be needed`);
    return answer.body;
  }

  /** RFC 6749 §6. Returns the refresh token the client holds afterwards. */
  async function refresh(n: 1 | 2, held: string | undefined, previous: string | undefined): Promise<string | undefined> {
    const presented = m === 'CL-12' && n === 2 ? previous : held;
    const params = { grant_type: 'refresh_token', refresh_token: presented ?? '' };
    const inQuery = n === 1 ? (m === 'CL-13' ? 'also' : m === 'params-in-url-only' ? 'only' : undefined) : undefined;
    let answer = await tokenRequest(params, inQuery ? { inQuery } : {});
    if (answer.status !== 200 && answer.body.error === 'invalid_grant' && m === 'CL-19') answer = await tokenRequest(params);
    if (answer.status !== 200) throw new RunStopped(`refresh ${n}: refused (${String(answer.body.error)}); the user must sign in again`);
    const fresh = answer.body.refresh_token as string | undefined;
    // RFC 6749 §6: without a new refresh token the current one stays valid and is kept.
    if (fresh === undefined) return m === 'CL-20' ? undefined : held;
    return fresh;
  }

  try {
    const first = await signIn(1);
    await signIn(2);
    const rt0 = first.refresh_token as string | undefined;
    if (!rt0) throw new RunStopped('sign-in 1: the token response has no refresh_token');
    const rt1 = await refresh(1, rt0, undefined);
    await refresh(2, rt1, rt0);
    return { steps, stoppedBecause: undefined };
  } catch (err) {
    if (err instanceof RunStopped) return { steps, stoppedBecause: err.message };
    throw err;
  }
}

/** The same client making no mistake: what a careful public client does, for tests that need one. */
export function carefulRun(o: Omit<SloppyRunOptions, 'mistake'>): Promise<SloppyRunOutcome> {
  return sloppyRun(o);
}
