/**
 * The target file that describes a mock started with the demo data (README: demo data), for
 * `authprobe test` without --config and `authprobe serve --write-target`.
 */
import type { RunningMock } from '../mocks/index.js';
import type { TargetFile } from '../suites/api.js';

export function targetForMock(mock: Pick<RunningMock, 'issuer' | 'desktopSocket' | 'config'>): TargetFile {
  const { lifetimes, loopbackPorts } = mock.config;
  const target: TargetFile = {
    issuer: mock.issuer,
    profiles: [loopbackPorts === 'any' ? 'native-loopback' : 'public-client', 'confidential', 'users-api', 'registration'],
    clients: {
      public: {
        client_id: 'demo-public',
        redirect_uri: 'http://127.0.0.1:8765/callback',
        redirect_uris: ['http://127.0.0.1:8765/callback', 'https://app.example.com/callback'],
        scope: 'openid profile offline_access',
      },
      public2: { client_id: 'demo-public-2', redirect_uri: 'https://app2.example.com/callback', scope: 'openid profile offline_access' },
      confidential: {
        client_id: 'demo-confidential',
        client_secret: 'demo-confidential-secret',
        auth_method: 'client_secret_basic',
        redirect_uri: 'https://confidential.example.com/callback',
        scope: 'openid',
      },
      usersApi: { client_id: 'demo-users-api', client_secret: 'demo-users-api-secret' },
      inactive: { client_id: 'demo-inactive', client_secret: 'demo-inactive-secret' },
    },
    registration: { bearer: 'demo-registration-token' },
    authorize: { mode: 'redirect' },
    clock: { mode: 'mock', url: `${mock.issuer}/_mock/clock` },
    ttl: { code: lifetimes.code, access_token: lifetimes.accessToken, refresh_token: lifetimes.refreshToken },
  };
  if (mock.desktopSocket) {
    target.profiles.push('desktop');
    target.desktop = { socket: mock.desktopSocket, account: 'Demo Account', prompts: { mode: 'mock', url: `${mock.issuer}/_mock/desktop` } };
  }
  return target;
}
