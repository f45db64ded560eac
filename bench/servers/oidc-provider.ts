/** oidc-provider as the suites run it (suites/peers/oidc-provider.ts): opaque client_credentials tokens. */
import { startOidcProvider } from '../../suites/peers/oidc-provider.js';
import { isMain, runChild, type BenchServer } from './child.js';
import { discoverTokenEndpoint } from './discover.js';

export async function startOidcProviderOpaque(): Promise<BenchServer> {
  // The mock's default lifetime, so both keep the same amount of live state.
  const running = await startOidcProvider({ ttl: { access_token: 3600 } });
  const confidential = running.target.clients.confidential;
  if (!confidential?.client_secret) throw new Error('startOidcProvider returned no confidential client');
  return {
    tokenUrl: await discoverTokenEndpoint(running.issuer),
    clientId: confidential.client_id,
    clientSecret: confidential.client_secret,
    close: () => running.close(),
  };
}

if (isMain(import.meta.url)) await runChild('oidc-provider (opaque)', startOidcProviderOpaque);
