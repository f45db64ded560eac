/** oidc-provider as the suites run it (suites/peers/oidc-provider.ts): opaque client_credentials tokens, and its public client for bench/flow.ts. */
import { startOidcProvider } from '../../suites/peers/oidc-provider.js';
import { isMain, runChild, type BenchServer } from './child.js';
import { discoverEndpoint, discoverTokenEndpoint } from './discover.js';

export async function startOidcProviderOpaque(): Promise<BenchServer> {
  // The mock's default lifetime, so both keep the same amount of live state.
  const running = await startOidcProvider({ ttl: { access_token: 3600 } });
  const confidential = running.target.clients.confidential;
  if (!confidential?.client_secret) throw new Error('startOidcProvider returned no confidential client');
  const pub = running.target.clients.public;
  const tokenUrl = await discoverTokenEndpoint(running.issuer);
  return {
    // The suites' public client, its login and consent passed by their driver (bench/flow.ts).
    ...(pub?.redirect_uri
      ? {
          flow: {
            authorization_endpoint: await discoverEndpoint(running.issuer, 'authorization_endpoint'),
            token_endpoint: tokenUrl,
            client_id: pub.client_id,
            redirect_uri: pub.redirect_uri,
            scope: 'openid',
            interaction: 'oidc-provider' as const,
          },
        }
      : {}),
    tokenUrl,
    clientId: confidential.client_id,
    clientSecret: confidential.client_secret,
    close: () => running.close(),
  };
}

if (isMain(import.meta.url)) await runChild('oidc-provider (opaque)', startOidcProviderOpaque);
