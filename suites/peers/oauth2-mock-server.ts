/**
 * oauth2-mock-server (axa-group) started on a free loopback port as a second third-party
 * target. It validates little by design: its authorize endpoint redirects straight back to
 * whatever `redirect_uri` it is given with a fresh code (no login, no client registry), and
 * its token endpoint issues tokens to any client_id and secret. The suites record which
 * requirements that breaks; the target file claims what such a server is used for.
 *
 *   npx tsx suites/peers/oauth2-mock-server.ts --write-target /tmp/oauth2-mock-server.json
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { OAuth2Server } from 'oauth2-mock-server';
import { runLauncher, type RunningTarget, type TargetDocument } from './target-file.js';

/** Its fixed access-token lifetime (`defaultTokenTtl` in oauth2-mock-server's service). */
export const OAUTH2_MOCK_SERVER_ACCESS_TTL = 3600;

export async function startOauth2MockServer(): Promise<RunningTarget> {
  const server = new OAuth2Server();
  // Its metadata advertises RS256 for ID tokens; sign with what it says.
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const issuer = `http://127.0.0.1:${server.address().port}`;
  // It names a 127.x listener "localhost"; the suites talk to 127.0.0.1, so the issuer (in
  // metadata and tokens) must say that too. It reads this per request.
  server.issuer.url = issuer;

  // Any client_id works; the confidential secret is never checked but is still a real secret.
  const secret = randomBytes(32).toString('base64url');
  const target: TargetDocument = {
    issuer,
    profiles: ['public-client', 'confidential'],
    clients: {
      public: {
        client_id: 'mock-public',
        redirect_uri: 'http://127.0.0.1:8765/callback',
        redirect_uris: ['http://127.0.0.1:8765/callback', 'https://app.example.com/callback'],
        scope: 'openid profile',
      },
      public2: { client_id: 'mock-public-2', redirect_uri: 'https://app2.example.com/callback', scope: 'openid profile' },
      confidential: {
        client_id: 'mock-confidential',
        client_secret: secret,
        auth_method: 'client_secret_basic',
        redirect_uri: 'https://confidential.example.com/callback',
        scope: 'openid',
      },
      // It has no notion of an inactive client; declaring one lets the suites show that.
      inactive: { client_id: 'mock-inactive', client_secret: randomBytes(32).toString('base64url') },
    },
    authorize: { mode: 'redirect' },
    ttl: { access_token: OAUTH2_MOCK_SERVER_ACCESS_TTL },
    timeouts: { request_ms: 5000 },
  };
  return { issuer, target, close: () => server.stop() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runLauncher('suites/peers/oauth2-mock-server.ts', process.argv.slice(2), {}, () => startOauth2MockServer());
}
