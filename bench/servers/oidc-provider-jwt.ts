/**
 * oidc-provider issuing ES256 JWT access tokens (RFC 9068) for client_credentials. It does
 * that only for a resource server (features.resourceIndicators, `accessTokenFormat: 'jwt'`),
 * so this variant defaults every token request to one resource server. Everything else is
 * kept small: one confidential client, no login.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import LRU from 'oidc-provider/lib/helpers/lru.js';
import { closeServer, listenLoopback } from '../../suites/peers/target-file.js';
import { isMain, runChild, type BenchServer } from './child.js';
import { discoverTokenEndpoint } from './discover.js';

const RESOURCE = 'urn:authprobe:bench-api';
const CLIENT_ID = 'bench-confidential';

export async function startOidcProviderJwt(): Promise<BenchServer> {
  const clientSecret = randomBytes(32).toString('base64url');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const key = { ...(await exportJWK(privateKey)), kid: `es256-${randomBytes(6).toString('hex')}`, alg: 'ES256', use: 'sig' };

  const server = createServer();
  const port = await listenLoopback(server);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'api',
      },
    ],
    // The store startOidcProvider uses (its adapter, sized for long runs), for a like-for-like pair.
    adapter: (() => {
      const store = new LRU({ maxSize: 200_000 });
      return (model: string) => new MemoryAdapter(model, store);
    })(),
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    jwks: { keys: [key] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['api'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: 'api',
          audience: RESOURCE,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });
  provider.on('error', () => {});
  server.on('request', provider.callback());
  return {
    tokenUrl: await discoverTokenEndpoint(issuer),
    clientId: CLIENT_ID,
    clientSecret,
    close: () => closeServer(server),
  };
}

if (isMain(import.meta.url)) await runChild('oidc-provider (ES256 JWT)', startOidcProviderJwt);
