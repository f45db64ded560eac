/**
 * The target file that describes a mock started with the demo data (README: demo data), for
 * `authprobe test` without --config and `authprobe serve --write-target`. The clients are read
 * from the mock's config (mocks/core/demo.ts is the one place the demo clients are written).
 */
import { fixtureClients } from '../fixtures/clients.js';
import type { RunningMock } from '../mocks/index.js';
import type { TargetFile } from '../suites/api.js';

/** Confidential clients always have a secret in a valid mock config; say so if one does not. */
function secretOf(c: { client_id: string; client_secret?: string }): { client_secret: string } {
  if (c.client_secret === undefined) throw new Error(`the mock config's client ${c.client_id} has no client_secret; a target needs it`);
  return { client_secret: c.client_secret };
}

export function targetForMock(mock: Pick<RunningMock, 'issuer' | 'desktopSocket' | 'config'>): TargetFile {
  const { lifetimes, loopbackPorts } = mock.config;
  const { public: pub, public2, confidential, usersApi, inactive } = fixtureClients(mock.config);
  const target: TargetFile = {
    issuer: mock.issuer,
    profiles: [loopbackPorts === 'any' ? 'native-loopback' : 'public-client', 'confidential', 'users-api', 'registration'],
    clients: {
      public: {
        client_id: pub.client_id,
        redirect_uri: pub.redirect_uri!,
        redirect_uris: pub.redirect_uris,
        scope: 'openid profile offline_access',
      },
      public2: { client_id: public2.client_id, redirect_uri: public2.redirect_uri!, scope: 'openid profile offline_access' },
      confidential: {
        client_id: confidential.client_id,
        ...secretOf(confidential),
        auth_method: confidential.token_endpoint_auth_method === 'client_secret_post' ? 'client_secret_post' : 'client_secret_basic',
        redirect_uri: confidential.redirect_uri!,
        // Two scopes, so that a grant is seen to come back as a space-separated list.
        scope: 'openid api',
      },
      usersApi: { client_id: usersApi.client_id, ...secretOf(usersApi) },
      inactive: { client_id: inactive.client_id, ...secretOf(inactive) },
    },
    registration: { bearer: mock.config.registrationToken },
    authorize: { mode: 'redirect' },
    clock: { mode: 'mock', url: `${mock.issuer}/_mock/clock` },
    ttl: { code: lifetimes.code, access_token: lifetimes.accessToken, refresh_token: lifetimes.refreshToken },
    ...(mock.config.rotation?.grace_seconds ? { rotation: { grace_seconds: mock.config.rotation.grace_seconds } } : {}),
  };
  if (mock.desktopSocket) {
    target.profiles.push('desktop');
    target.desktop = { socket: mock.desktopSocket, account: 'Demo Account', prompts: { mode: 'mock', url: `${mock.issuer}/_mock/desktop` } };
  }
  return target;
}
