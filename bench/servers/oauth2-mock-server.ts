/** oauth2-mock-server as the suites run it (suites/peers/oauth2-mock-server.ts): RS256 JWT access tokens. */
import { startOauth2MockServer } from '../../suites/peers/oauth2-mock-server.js';
import { isMain, runChild, type BenchServer } from './child.js';
import { discoverTokenEndpoint } from './discover.js';

export async function startOauth2Mock(): Promise<BenchServer> {
  const running = await startOauth2MockServer();
  const confidential = running.target.clients.confidential;
  if (!confidential?.client_secret) throw new Error('startOauth2MockServer returned no confidential client');
  return {
    tokenUrl: await discoverTokenEndpoint(running.issuer),
    clientId: confidential.client_id,
    clientSecret: confidential.client_secret,
    close: () => running.close(),
  };
}

if (isMain(import.meta.url)) await runChild('oauth2-mock-server', startOauth2Mock);
