/**
 * A small OAuth 2.0 client on oauth4webapi: authorization code with PKCE, refresh with
 * rotation, logout by revocation. Time comes from `now` so that tests can move it.
 */
import * as oauth from 'oauth4webapi';

export interface OAuthClientOptions {
  issuer: string;
  clientId: string;
  /** Confidential clients: authenticated with client_secret_basic. */
  clientSecret?: string;
  redirectUri: string;
  scope?: string;
  /** ms since the epoch; default Date.now. */
  now?: () => number;
}

/** The session cannot continue without the user logging in again (RFC 6749 §5.2 invalid_grant). */
export class ReauthenticationRequired extends Error {
  override readonly name = 'ReauthenticationRequired';
}

export class OAuthClient {
  readonly #o: OAuthClientOptions;
  readonly #as: oauth.AuthorizationServer;
  readonly #client: oauth.Client;
  readonly #auth: oauth.ClientAuth;
  readonly #http: { [oauth.allowInsecureRequests]?: boolean };
  #pending: { state: string; verifier: string } | undefined;
  #tokens: { access: string; refresh: string | undefined; expiresAt: number } | undefined;

  private constructor(o: OAuthClientOptions, as: oauth.AuthorizationServer) {
    this.#o = o;
    this.#as = as;
    this.#client = { client_id: o.clientId };
    this.#auth = o.clientSecret === undefined ? oauth.None() : oauth.ClientSecretBasic(o.clientSecret);
    // Plain http is for a loopback test server only.
    this.#http = new URL(o.issuer).protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  }

  static async discover(o: OAuthClientOptions): Promise<OAuthClient> {
    const issuer = new URL(o.issuer);
    const http = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...http }));
    return new OAuthClient(o, as);
  }

  get #now() { return (this.#o.now ?? Date.now)(); }

  /** The URL to send the user to; remembers state and verifier for `finishLogin`. */
  async startLogin(): Promise<URL> {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    this.#pending = { state, verifier };
    const url = new URL(this.#as.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.#o.clientId,
      redirect_uri: this.#o.redirectUri,
      scope: this.#o.scope ?? 'openid offline_access',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    return url;
  }

  /** Handles the redirect back to `redirectUri`. */
  async finishLogin(callbackUrl: string | URL): Promise<void> {
    const pending = this.#pending;
    if (!pending) throw new Error('finishLogin without startLogin');
    this.#pending = undefined;
    const params = oauth.validateAuthResponse(this.#as, this.#client, new URL(callbackUrl), pending.state);
    const response = await oauth.authorizationCodeGrantRequest(this.#as, this.#client, this.#auth, params, this.#o.redirectUri, pending.verifier, this.#http);
    this.#store(await oauth.processAuthorizationCodeResponse(this.#as, this.#client, response));
  }

  /** A live access token, refreshed first when it has expired. */
  async accessToken(): Promise<string> {
    if (!this.#tokens) throw new ReauthenticationRequired('not logged in');
    if (this.#now >= this.#tokens.expiresAt) await this.refresh();
    return this.#tokens.access;
  }

  async refresh(): Promise<void> {
    const refresh = this.#tokens?.refresh;
    if (!refresh) throw new ReauthenticationRequired('no refresh token: log in again');
    try {
      const response = await oauth.refreshTokenGrantRequest(this.#as, this.#client, this.#auth, refresh, this.#http);
      this.#store(await oauth.processRefreshTokenResponse(this.#as, this.#client, response));
    } catch (e) {
      if (e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant') {
        this.#tokens = undefined;
        throw new ReauthenticationRequired(`the session ended (${e.error_description ?? e.error}): log in again`);
      }
      throw e;
    }
  }

  /** RFC 7009: revoking the refresh token ends the session at the server too. */
  async logout(): Promise<void> {
    const token = this.#tokens?.refresh ?? this.#tokens?.access;
    this.#tokens = undefined;
    if (!token) return;
    await oauth.processRevocationResponse(await oauth.revocationRequest(this.#as, this.#client, this.#auth, token, this.#http));
  }

  #store(t: oauth.TokenEndpointResponse): void {
    this.#tokens = {
      access: t.access_token,
      refresh: t.refresh_token ?? this.#tokens?.refresh,
      expiresAt: this.#now + (t.expires_in ?? 3600) * 1000,
    };
  }
}
