/**
 * The one registry of `--defect NAME` switches: the authorization server's (listed here) and the
 * desktop channel's (desktop/defects.ts). Each makes the mock wrong in exactly one named way, and
 * names the requirement IDs a conformance suite must then report as failing. Names are checked
 * once, by `defectSet`, where the mock is built; the core only asks `on(name)`.
 */
import { defect as d, UnknownDefectError, type Defect } from './defect.js';
import { desktopDefects, type DesktopDefectName } from './desktop/defects.js';

export { UnknownDefectError, type Defect } from './defect.js';

export const defects = [
  // REG
  d('reg-private-scheme-refused', ['REG-1'], 'registration refuses reverse-DNS private-use scheme redirect URIs'),
  d('reg-http-accepted', ['REG-2'], 'registration accepts plaintext http:// redirect URIs to non-loopback hosts'),
  d('reg-fragment-accepted', ['REG-3'], 'registration accepts redirect URIs with a fragment'),
  d('reg-public-secret-issued', ['REG-4'], 'a registered public client is issued a client_secret and client_secret_basic'),
  d('reg-client-type-mutable', ['REG-5'], 'an update may change client_type after registration'),
  d('reg-no-auth', ['REG-6'], 'registration accepts requests without a valid bearer credential'),
  d('reg-non-uri-accepted', ['REG-7'], 'registration accepts redirect URIs with control characters, spaces or no ASCII form'),
  d('reg-bare-scheme-accepted', ['REG-8'], 'registration accepts private-use schemes without a period (myapp:/cb)'),
  d('reg-script-scheme-accepted', ['REG-9'], 'registration accepts javascript:, data:, vbscript: and file: redirect URIs'),
  d('reg-refused-update-applied', ['REG-10'], 'a refused application update still applies the name it carried'),
  // RED
  d('redirect-prefix-match', ['RED-1'], 'a redirect_uri that starts with a registered URI is accepted'),
  d('redirect-case-insensitive', ['RED-1'], 'redirect_uri is compared case-insensitively'),
  d('loopback-port-ignored', ['RED-1'], 'the port of a loopback redirect_uri is ignored under the strict policy'),
  d('error-redirect-unregistered', ['RED-1'], 'a request with an unregistered redirect_uri is redirected there with an error'),
  d('unknown-client-redirect', ['RED-2'], 'an unknown client_id is redirected to the given redirect_uri with an error'),
  d('missing-redirect-uses-first', ['RED-3'], 'a request without redirect_uri uses the first of several registered URIs'),
  d('token-redirect-uri-unchecked', ['RED-4'], "the token request's redirect_uri is not compared with the authorization request's"),
  d('error-state-dropped', ['RED-5'], 'error redirects omit state'),
  d('state-altered', ['RED-6'], 'the state of a successful response comes back with its last character dropped'),
  d('iss-missing', ['RED-7'], 'the authorization response carries no iss although metadata advertises it'),
  d('loopback-port-pinned', ['RED-8'], 'the port of a loopback redirect_uri must match under the any policy (native-loopback)'),
  // PKCE
  d('pkce-not-required', ['PKCE-1'], 'a public client may omit code_challenge'),
  d('pkce-plain-accepted', ['PKCE-2'], 'code_challenge_method=plain is accepted'),
  d('pkce-challenge-unchecked', ['PKCE-3'], 'a malformed S256 code_challenge is accepted'),
  d('pkce-verifier-optional', ['PKCE-4'], 'a token request without code_verifier succeeds'),
  d('pkce-any-verifier', ['PKCE-5'], 'any well-formed code_verifier is accepted'),
  d('pkce-verifier-format-unchecked', ['PKCE-6'], 'a verifier outside 43-128 unreserved characters is accepted when its hash matches'),
  d('pkce-downgrade', ['PKCE-7'], 'a code_verifier sent for a code issued without a challenge is accepted'),
  d('pkce-long-verifier-refused', ['PKCE-8'], 'valid verifiers longer than 64 characters are refused'),
  d('pkce-plain-advertised', ['PKCE-9'], 'metadata advertises plain besides S256'),
  // CODE
  d('code-reusable', ['CODE-1', 'CODE-2'], 'an authorization code can be redeemed more than once'),
  d('code-replay-keeps-tokens', ['CODE-2'], 'a replayed code is refused but the tokens it issued stay valid'),
  d('code-not-bound-to-client', ['CODE-3'], 'a code issued to one client is redeemed by another'),
  d('code-never-expires', ['CODE-4'], 'authorization codes never expire'),
  d('weak-codes', ['CODE-5'], 'authorization codes come from a counter (predictable, < 128 bits)'),
  // DG
  d('public-secret-accepted', ['DG-1'], 'a public client sending client_secret in the body is accepted'),
  d('public-empty-secret-refused', ['DG-8'], 'a public client sending an empty client_secret= is refused instead of treated as omitted'),
  d('public-basic-accepted', ['DG-2'], 'a public client sending an HTTP Basic header is accepted'),
  d('wrong-secret-accepted', ['DG-3'], "a confidential client's secret is not checked"),
  d('no-www-authenticate', ['DG-3'], '401 answers to Basic authentication carry no WWW-Authenticate'),
  d('multiple-auth-methods', ['DG-4'], 'Basic and client_secret in the body together are accepted'),
  d('public-client-credentials', ['DG-5'], 'a public client may use the client_credentials grant'),
  d('auth-method-not-enforced', ['DG-7'], 'a confidential client may use a method other than its registered one'),
  d('confidential-secret-optional', ['DG-6'], 'a confidential client that sends no credentials is served on the code and refresh grants'),
  // TOK
  d('no-cache-control', ['TOK-1'], 'token responses carry no Cache-Control: no-store'),
  d('token-error-plain-text', ['TOK-2'], 'token errors are text/plain instead of JSON'),
  d('json-body-accepted', ['TOK-3'], 'the token endpoint accepts a JSON body'),
  d('duplicate-params-accepted', ['TOK-4'], 'a parameter sent twice is accepted (the last wins)'),
  d('unknown-grant-invalid-request', ['TOK-5'], 'an unknown grant_type answers invalid_request instead of unsupported_grant_type'),
  d('token-get-accepted', ['TOK-6'], 'the token endpoint answers GET requests with query parameters'),
  d('malformed-basic-500', ['TOK-7'], 'a malformed Basic header makes the token endpoint answer 500'),
  d('code-token-type-missing', ['TOK-8'], "the code grant's token response carries no token_type"),
  // CC
  d('cc-scope-omitted', ['CC-1'], 'client_credentials responses carry no scope'),
  d('users-api-any-scope', ['CC-2'], 'the users-API token path accepts scopes other than openid'),
  d('cc-refresh-token', ['CC-3'], 'client_credentials responses carry a refresh_token'),
  d('users-api-body-credentials', ['CC-4'], 'the users-API token path accepts credentials in the body'),
  d('inactive-client-accepted', ['CC-5'], 'inactive clients are issued tokens'),
  d('users-api-expires-3600', ['CC-6'], 'the users-API path issues tokens for 3600 s instead of 900 s'),
  d('cc-undefined-scope-granted', ['CC-7'], 'client_credentials grants any scope asked for, defined or not'),
  // ROT
  d('refresh-not-rotated', ['ROT-1'], 'a refresh returns the same refresh token'),
  d('old-refresh-valid', ['ROT-2', 'ROT-3'], 'a rotated-out refresh token still refreshes'),
  d('reuse-keeps-family', ['ROT-3'], 'reusing a rotated-out refresh token is refused but the family stays valid'),
  d('refresh-not-bound-to-client', ['ROT-4'], 'a refresh token works for any client'),
  d('refresh-scope-widening', ['ROT-5'], 'a refresh may ask for more scope than was granted'),
  d('refresh-race', ['ROT-6'], 'concurrent refreshes with one token both succeed (check and rotate are not atomic)'),
  d('revoke-keeps-family', ['ROT-7'], 'revoking a refresh token leaves its family valid'),
  // EXP
  d('expires-in-mismatch', ['EXP-1'], 'expires_in says twice the real lifetime of the access token'),
  d('expired-token-accepted', ['EXP-2'], 'expired access tokens stay active at introspection and userinfo'),
  d('refresh-never-expires', ['EXP-3'], 'refresh tokens never expire'),
  d('access-revoke-noop', ['EXP-4'], 'revoking an access token has no effect'),
  // REV
  d('revoke-any-client', ['REV-1'], "a client can revoke another client's tokens"),
  d('revoke-unknown-error', ['REV-2'], 'revoking an unknown or already-revoked token answers 400 invalid_request'),
  d('revoke-hint-trusted', ['REV-3'], 'a token_type_hint that does not match the token ends the search: nothing is revoked'),
  d('revoke-hint-unsupported', ['REV-4'], 'an unknown token_type_hint value answers unsupported_token_type'),
  d('revoke-unknown-hint-refresh-only', ['REV-4'], 'an unknown token_type_hint value searches refresh tokens only: an access token answers 200 and stays active'),
  d('revoke-empty-token', ['REV-5'], 'an empty token parameter is read as an unknown token: 200 instead of invalid_request'),
  // INT
  d('introspect-any-caller', ['INT-1', 'INT-2'], "a public client's bare client_id may introspect any token and gets its claims"),
  d('introspect-public-caller', ['INT-1'], 'a public client may introspect its own tokens with its bare client_id'),
  d('introspect-stale-refresh', ['INT-3'], 'a rotated-out refresh token introspects as active'),
  d('introspect-unknown-error', ['INT-4'], 'an unknown or malformed access token introspects as 400 invalid_request instead of active false'),
  d('introspect-cacheable', ['INT-5'], 'introspection answers carry no Cache-Control: no-store'),
  // RACE
  d('code-race', ['RACE-1', 'RACE-2'], 'concurrent redemptions of one code all succeed (check and consume are not atomic)'),
  d('code-family-late', ['RACE-2'], 'a replay during a redemption does not revoke its tokens (the code is bound to its tokens late)'),
  d('revoke-refresh-race', ['RACE-3'], 'a refresh in flight during the revocation of its family mints a successor that survives'),
  // GRACE (run with a grace window: rotation.grace_seconds)
  d('grace-forks', ['GRACE-1'], 'a retry with the previous refresh token inside the grace window mints a second live branch'),
  d('grace-any-old-token', ['GRACE-2'], 'inside the grace window any rotated-out refresh token of the family is accepted, however old'),
  d('grace-never-ends', ['GRACE-2'], 'the previous refresh token is accepted after the grace window too'),
  // AZ
  d('error-precedence-redirect', ['AZ-1'], 'a response_type or scope error is redirected to the given redirect_uri before the client is checked'),
  d('authorize-duplicates-last-wins', ['AZ-2'], 'a repeated authorization parameter is accepted (the last wins)'),
  d('consent-frameable', ['AZ-3'], 'the consent page carries neither X-Frame-Options nor CSP frame-ancestors'),
  d('consent-referrer-leaks', ['AZ-4'], 'the consent page sends no Referrer-Policy'),
  d('consent-cross-site', ['AZ-5'], "the consent form's approval is accepted from a page on any origin (no Origin / Sec-Fetch-Site check)"),
  // META
  d('openid-issuer-mismatch', ['META-1'], 'openid-configuration names the issuer with a trailing slash'),
  d('metadata-plain-http', ['META-2'], 'openid-configuration advertises an http:// endpoint on a non-loopback host'),
  d('id-token-es256-only', ['META-3'], 'ID tokens are ES256 only: RS256 is neither listed nor used'),
] as const satisfies readonly Defect[];

/** A switch of the authorization server. */
export type OAuthDefectName = (typeof defects)[number]['name'];
/** Any switch of the mock: the authorization server's or the desktop channel's. */
export type DefectName = OAuthDefectName | DesktopDefectName;

/** Every switch of `authprobe serve --defect`: the authorization server's and the desktop channel's. */
export const allDefects: readonly Defect[] = [...defects, ...desktopDefects];
const byName = new Map<string, Defect>(allDefects.map((x) => [x.name, x]));

export function defectByName(name: string): Defect | undefined {
  return byName.get(name);
}

/** The switches a mock runs with; `on(name)` is the only question the core asks. */
export interface DefectSet {
  on(name: DefectName): boolean;
  readonly names: readonly DefectName[];
}

/** Checks the names once (unknown names throw UnknownDefectError) and answers `on` in O(1). */
export function defectSet(names: readonly string[] = []): DefectSet {
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length > 0) throw new UnknownDefectError(unknown, allDefects);
  const set = new Set(names);
  return { on: (name) => set.has(name), names: [...set] as DefectName[] };
}

/** A set given as names is checked here; a set already built is taken as it is. */
export const asDefectSet = (d: readonly string[] | DefectSet | undefined): DefectSet =>
  d === undefined || Array.isArray(d) ? defectSet(d as readonly string[] | undefined) : (d as DefectSet);
