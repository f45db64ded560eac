/**
 * What the mock's client report says of four client libraries used as their documentation
 * shows: the verdicts observed, each non-pass with its reason. `libraries.test.ts` asserts them
 * against `authprobe serve`; docs/client-testing.md's table is checked against them.
 */
import type { Adversary } from './adversaries.js';
import * as badgateway from './badgateway-oauth2-client.js';
import type { ClientVerdictStatus } from './client-report.js';
import type { CodeFlowOptions, CodeFlowResult } from './code-flow.js';
import * as oauth4webapi from './oauth4webapi.js';
import * as openidClient from './openid-client.js';
import * as simpleOauth2 from './simple-oauth2.js';

export interface Library {
  name: string;
  clientId: string;
  codeFlowWithRefresh(o: CodeFlowOptions): Promise<CodeFlowResult>;
  /** What the report says of it beyond `pass`, and why; every other observed ID passes. */
  expected: Record<string, { status: ClientVerdictStatus; why: string }>;
  /** Under each adversarial scenario: the verdict of the scenario's ID, and why. */
  survives: Record<Adversary, { status: 'pass' | 'fail' | 'warn'; why: string }>;
}

/** Each adversarial scenario and the requirement it tests. */
export const ADVERSARIES: Record<Adversary, string> = {
  'wrong-state': 'CL-15',
  'wrong-iss': 'CL-16',
  'missing-iss': 'CL-17',
  'foreign-code': 'CL-18',
  'refresh-invalid-grant': 'CL-19',
  'no-new-refresh-token': 'CL-20',
};

/** What openid-client and oauth4webapi (one author, one validation core) do under each scenario. */
const PANVA: Library['survives'] = {
  'wrong-state': { status: 'pass', why: 'it sent no state, so a state in the response is refused ("unexpected state")' },
  'wrong-iss': { status: 'pass', why: 'validateAuthResponse compares iss with the issuer (RFC 9207)' },
  'missing-iss': { status: 'pass', why: 'the metadata advertises iss, so a response without it is refused' },
  'foreign-code': { status: 'pass', why: 'the invalid_grant is thrown to the application; the library does not retry' },
  'refresh-invalid-grant': { status: 'pass', why: 'the invalid_grant is thrown to the application; the library does not retry' },
  'no-new-refresh-token': { status: 'pass', why: 'the application keeps its current refresh token, as RFC 6749 §6 says (the library leaves storage to it)' },
};

/** RFC 9700 §2.1 lets a client that knows the server supports PKCE rely on it against CSRF: CL-6 is a SHOULD, so a warning. */
const NO_STATE = { status: 'warn', why: 'the documented flow sends no state when the metadata advertises S256 (RFC 9700 §2.1 allows relying on PKCE)' } as const;

export const LIBRARIES: Library[] = [
  { name: 'openid-client', clientId: 'openid-client-app', codeFlowWithRefresh: openidClient.codeFlowWithRefresh, expected: { 'CL-6': NO_STATE }, survives: PANVA },
  { name: 'oauth4webapi', clientId: 'oauth4webapi-app', codeFlowWithRefresh: oauth4webapi.codeFlowWithRefresh, expected: { 'CL-6': NO_STATE }, survives: PANVA },
  {
    name: '@badgateway/oauth2-client',
    clientId: 'badgateway-app',
    codeFlowWithRefresh: badgateway.codeFlowWithRefresh,
    expected: {},
    survives: {
      'wrong-state': { status: 'pass', why: 'getTokenFromCodeRedirect compares the state it is given' },
      'wrong-iss': { status: 'warn', why: 'the library reads no iss (RFC 9207 not implemented) and redeems the code' },
      'missing-iss': { status: 'warn', why: 'the library reads no iss, so a response without it is redeemed too' },
      'foreign-code': { status: 'pass', why: 'the invalid_grant is thrown as OAuth2Error; no retry' },
      'refresh-invalid-grant': { status: 'pass', why: 'the invalid_grant is thrown as OAuth2Error; no retry' },
      'no-new-refresh-token': { status: 'pass', why: 'refreshToken() keeps the old refresh token when the response has none' },
    },
  },
  {
    name: 'simple-oauth2',
    clientId: 'simple-oauth2-app',
    codeFlowWithRefresh: simpleOauth2.codeFlowWithRefresh,
    expected: { 'CL-10': { status: 'warn', why: 'a public client has no secret, the library sends client_secret= empty (RFC 6749 §3.2: treated as omitted)' } },
    survives: {
      'wrong-state': { status: 'pass', why: 'the application compares the state (the library leaves it to it)' },
      'wrong-iss': { status: 'warn', why: 'the library reads no iss and its README shows no check, so the code is redeemed' },
      'missing-iss': { status: 'warn', why: 'the library reads no iss, so a response without it is redeemed too' },
      'foreign-code': { status: 'pass', why: 'the 400 is thrown to the application; no retry' },
      'refresh-invalid-grant': { status: 'pass', why: 'the 400 is thrown to the application; no retry' },
      'no-new-refresh-token': { status: 'fail', why: 'refresh() copies this.refresh_token (undefined) instead of the old token, so the next refresh sends refresh_token= empty' },
    },
  },
];

/** The IDs that only an adversarial scenario can show; a plain flow leaves them not-observed. */
export const SCENARIO_IDS = ['CL-15', 'CL-16', 'CL-17', 'CL-18', 'CL-19', 'CL-20'];
