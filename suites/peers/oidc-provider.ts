/**
 * panva's oidc-provider (a certified OpenID Provider) started on a free loopback port as a
 * real third-party target for the suites, with the clients and short TTLs the target file
 * declares. Interactions are passed by suites/drivers/oidc-provider.mjs.
 *
 *   npx tsx suites/peers/oidc-provider.ts --write-target /tmp/oidc-provider.json [--loopback strict|any] [--interactions own|dev]
 *
 * Redirect policy: oidc-provider matches redirect URIs exactly (lib/models/client.js
 * `#redirectAllowed`), except that for `application_type: 'native'` clients it ignores the
 * port of `http` loopback URIs (RFC 8252 §7.3). So a `web` public client is the
 * `public-client` profile (strict ports) and a `native` one is `native-loopback`.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import LRU from 'oidc-provider/lib/helpers/lru.js';
import { createInteractions, type TestUser } from './oidc-provider-interactions.js';
import { closeServer, listenLoopback, runLauncher, type RunningTarget, type TargetDocument } from './target-file.js';

export interface OidcProviderTtl {
  /** Seconds. */
  code: number;
  access_token: number;
  refresh_token: number;
}

export interface OidcProviderOptions {
  /** `strict` (default): web public clients, exact ports -> `public-client`; `any`: native clients -> `native-loopback`. */
  loopback?: 'strict' | 'any';
  /** `own` (default): password-checking login + consent pages; `dev`: oidc-provider's devInteractions (any login). */
  interactions?: 'own' | 'dev';
  ttl?: Partial<OidcProviderTtl>;
  user?: TestUser;
}

export interface RunningOidcProvider extends RunningTarget {
  /** Errors oidc-provider answered with `server_error` (5xx), for diagnosis. */
  serverErrors: unknown[];
}

/** The test user the driver signs in as by default (see suites/drivers/oidc-provider.mjs). */
export const OIDC_PROVIDER_TEST_USER: TestUser = { login: 'alice', password: 'alice-test-password' };
export const OIDC_PROVIDER_DEFAULT_TTL: OidcProviderTtl = { code: 10, access_token: 10, refresh_token: 30 };

export const OIDC_PROVIDER_CLIENT_IDS = {
  public: 'authprobe-public',
  public2: 'authprobe-public-2',
  confidential: 'authprobe-confidential',
  inactive: 'authprobe-inactive',
} as const;

const PUBLIC_REDIRECTS = ['http://127.0.0.1:8765/callback', 'https://app.example.com/callback'];
const PUBLIC2_REDIRECT = 'https://app2.example.com/callback';
const CONFIDENTIAL_REDIRECT = 'https://confidential.example.com/callback';
const DRIVER = fileURLToPath(new URL('../drivers/oidc-provider.mjs', import.meta.url));

function errorPage(out: Record<string, string>): string {
  const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html><head><title>Error</title></head><body><h1>${esc(out['error'])}</h1><p>${esc(out['error_description'])}</p></body></html>`;
}

/**
 * oidc-provider's own in-memory adapter, but over a store sized for a whole suite run: its
 * default keeps about 1,000 entries (two LRU generations), and a long run evicting a live
 * grant index or token would show up as a false failure of the rows that need them.
 */
function adapterFactory(): (model: string) => MemoryAdapter {
  const store = new LRU({ maxSize: 200_000 });
  return (model) => new MemoryAdapter(model, store);
}

const secret = (): string => randomBytes(32).toString('base64url');

async function signingKeys(): Promise<Record<string, unknown>[]> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  // An RSA key too, as any OpenID Provider deployment has: OpenID Connect Discovery 1.0 §3
  // requires RS256 among the ID token algorithms (META-3), and oidc-provider lists an algorithm
  // only when a key for it is configured. ES256 stays the default the clients get.
  const rsa = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return [
    { ...(await exportJWK(privateKey)), kid: `es256-${randomBytes(6).toString('hex')}`, alg: 'ES256', use: 'sig' },
    { ...(await exportJWK(rsa.privateKey)), kid: `rs256-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' },
  ];
}

export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<RunningOidcProvider> {
  const loopback = options.loopback ?? 'strict';
  if (loopback !== 'strict' && loopback !== 'any') throw new TypeError(`loopback must be 'strict' or 'any', got ${String(loopback)}`);
  if (options.interactions !== undefined && options.interactions !== 'own' && options.interactions !== 'dev') {
    throw new TypeError(`interactions must be 'own' or 'dev', got ${String(options.interactions)}`);
  }
  const ttl = { ...OIDC_PROVIDER_DEFAULT_TTL, ...options.ttl };
  for (const [name, seconds] of Object.entries(ttl)) {
    if (!Number.isInteger(seconds) || seconds <= 0) throw new TypeError(`ttl.${name} must be a positive whole number of seconds, got ${String(seconds)}`);
  }
  const user = options.user ?? OIDC_PROVIDER_TEST_USER;
  const applicationType = loopback === 'any' ? 'native' : 'web';
  const confidentialSecret = secret();
  const inactiveSecret = secret();
  const keys = await signingKeys();

  const server = createServer();
  const port = await listenLoopback(server);
  const issuer = `http://127.0.0.1:${port}`;

  const publicClient = {
    application_type: applicationType,
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid profile email offline_access',
  };
  const configuration = {
    clients: [
      { ...publicClient, client_id: OIDC_PROVIDER_CLIENT_IDS.public, redirect_uris: PUBLIC_REDIRECTS },
      { ...publicClient, client_id: OIDC_PROVIDER_CLIENT_IDS.public2, redirect_uris: [PUBLIC2_REDIRECT] },
      {
        client_id: OIDC_PROVIDER_CLIENT_IDS.confidential,
        client_secret: confidentialSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
        redirect_uris: [CONFIDENTIAL_REDIRECT],
        scope: 'openid profile email offline_access api',
      },
      {
        // oidc-provider has no "inactive" status; a client whose secret has expired is the
        // closest: it cannot authenticate (invalid_client) although it is registered.
        client_id: OIDC_PROVIDER_CLIENT_IDS.inactive,
        client_secret: inactiveSecret,
        client_secret_expires_at: 1,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'openid api',
      },
    ],
    adapter: adapterFactory(),
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    jwks: { keys },
    cookies: { keys: [secret(), secret()] },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    async findAccount(_ctx: unknown, sub: string) {
      if (sub !== user.login) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: 'Alice Test', email: 'alice@example.com', email_verified: true }),
      };
    },
    features: {
      devInteractions: { enabled: options.interactions === 'dev' },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // oidc-provider's default policy: a public client may introspect only its own tokens.
        allowedPolicy: async (ctx: { oidc: { client: { clientId: string } } }, client: { clientAuthMethod: string }, token: { clientId?: string }) =>
          client.clientAuthMethod !== 'none' || token.clientId === ctx.oidc.client.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
    },
    // RFC 7636 / RFC 9700 §2.1.1: PKCE for every public client; optional for the
    // confidential one so that the suites can exercise the downgrade check (PKCE-7).
    pkce: { required: (_ctx: unknown, client: { clientAuthMethod: string }) => client.clientAuthMethod === 'none' },
    // oidc-provider issues refresh tokens only for `offline_access`, which it drops unless
    // the request says `prompt=consent` (OIDC Core §11); the public-client product issues one
    // with every code, so do that for every client allowed the refresh_token grant.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Errors that cannot go back to the client (bad client or redirect_uri) as a plain page.
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    ttl: {
      AccessToken: ttl.access_token,
      AuthorizationCode: ttl.code,
      ClientCredentials: ttl.access_token,
      IdToken: ttl.access_token,
      RefreshToken: ttl.refresh_token,
      Interaction: 600,
      // Refresh tokens issued without offline_access live only as long as the session and
      // grant (oidc-provider's expiresWithSession), so those must outlive them.
      Session: Math.max(600, 2 * ttl.refresh_token),
      Grant: Math.max(600, 2 * ttl.refresh_token),
    },
  };

  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } catch (err) {
    await closeServer(server);
    throw err;
  }
  const serverErrors: unknown[] = [];
  provider.on('server_error', (_ctx, err) => serverErrors.push(err));
  // A listener stops Koa from printing every error to stderr.
  provider.on('error', () => {});

  const callback = provider.callback();
  const interactions = options.interactions === 'dev' ? undefined : createInteractions(provider, user);
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (interactions?.matches(url)) void interactions.handle(req, res, url);
    else callback(req, res);
  });

  const target: TargetDocument = {
    issuer,
    profiles: [loopback === 'any' ? 'native-loopback' : 'public-client', 'confidential'],
    clients: {
      public: {
        client_id: OIDC_PROVIDER_CLIENT_IDS.public,
        redirect_uri: PUBLIC_REDIRECTS[0],
        redirect_uris: PUBLIC_REDIRECTS,
        scope: 'openid profile',
      },
      public2: { client_id: OIDC_PROVIDER_CLIENT_IDS.public2, redirect_uri: PUBLIC2_REDIRECT, scope: 'openid profile' },
      confidential: {
        client_id: OIDC_PROVIDER_CLIENT_IDS.confidential,
        client_secret: confidentialSecret,
        auth_method: 'client_secret_basic',
        redirect_uri: CONFIDENTIAL_REDIRECT,
        scope: 'openid',
      },
      // Its secret is right; it has merely expired.
      inactive: { client_id: OIDC_PROVIDER_CLIENT_IDS.inactive, client_secret: inactiveSecret },
    },
    authorize: { mode: 'module', module: DRIVER },
    ttl: { ...ttl },
    timeouts: { request_ms: 5000 },
  };
  return { issuer, target, serverErrors, close: () => closeServer(server) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runLauncher('suites/peers/oidc-provider.ts', process.argv.slice(2), { loopback: ['strict', 'any'], interactions: ['own', 'dev'] } as const, (flags) =>
    startOidcProvider(flags),
  );
}
