/**
 * Negative controls: servers that must never pass the suites. `ok-empty` answers every
 * request with 200 `{}`; `bad-request` answers every request with 400
 * `{"error":"invalid_request"}`. Their target files claim public-client, confidential and
 * users-api, and name every endpoint explicitly (metadata discovery would yield `{}` or an
 * error), so each row is probed against the server rather than stopped at discovery.
 *
 *   npx tsx suites/peers/negative.ts --kind ok-empty|bad-request --write-target /tmp/negative.json
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { closeServer, listenLoopback, runLauncher, type RunningTarget, type TargetDocument } from './target-file.js';

export type NegativeControlKind = 'ok-empty' | 'bad-request';

const ANSWERS: Record<NegativeControlKind, { status: number; body: string }> = {
  'ok-empty': { status: 200, body: '{}' },
  'bad-request': { status: 400, body: '{"error":"invalid_request"}' },
};

/** The endpoint paths of authprobe's own mock, so rows line up with its report. */
function endpoints(issuer: string): Record<string, string> {
  return {
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    userinfo_endpoint: `${issuer}/oauth/userinfo`,
    jwks_uri: `${issuer}/jwks.json`,
    registration_endpoint: `${issuer}/api/v1/applications`,
  };
}

export async function startNegativeControl(kind: NegativeControlKind): Promise<RunningTarget> {
  const answer = ANSWERS[kind];
  if (!answer) throw new TypeError(`unknown negative control "${String(kind)}": use 'ok-empty' or 'bad-request'`);
  const server = createServer((req, res) => {
    // Answer at once and discard whatever body comes; nothing is parsed or kept.
    req.resume();
    res.writeHead(answer.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(answer.body),
      'Cache-Control': 'no-store',
    });
    res.end(answer.body);
  });
  const port = await listenLoopback(server);
  const issuer = `http://127.0.0.1:${port}`;
  const secret = (): string => randomBytes(32).toString('base64url');

  const target: TargetDocument = {
    issuer,
    profiles: ['public-client', 'confidential', 'users-api'],
    endpoints: endpoints(issuer),
    clients: {
      // Two redirect URIs, so that RED-3 (a request without redirect_uri) runs too.
      public: {
        client_id: 'negative-public',
        redirect_uri: 'http://127.0.0.1:8765/callback',
        redirect_uris: ['http://127.0.0.1:8765/callback', 'https://app.example.com/callback'],
        scope: 'openid',
      },
      public2: { client_id: 'negative-public-2', redirect_uri: 'https://app2.example.com/callback', scope: 'openid' },
      confidential: {
        client_id: 'negative-confidential',
        client_secret: secret(),
        auth_method: 'client_secret_basic',
        redirect_uri: 'https://confidential.example.com/callback',
        scope: 'openid',
      },
      usersApi: {
        client_id: 'negative-users-api',
        client_secret: secret(),
        token_endpoint: `${issuer}/v1beta1/users/oauth2/token`,
      },
      inactive: { client_id: 'negative-inactive', client_secret: secret() },
    },
    authorize: { mode: 'redirect' },
    ttl: { code: 10, access_token: 10, refresh_token: 30 },
    timeouts: { request_ms: 2000 },
  };
  return { issuer, target, close: () => closeServer(server) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runLauncher('suites/peers/negative.ts', process.argv.slice(2), { kind: ['ok-empty', 'bad-request'] } as const, ({ kind }) =>
    startNegativeControl(kind),
  );
}
