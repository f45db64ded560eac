/**
 * The authprobe mock with its demo clients, as `authprobe serve` runs it (consent auto, no
 * desktop channel):
 *
 *   node --import tsx bench/servers/mock.ts --format opaque|jwt [--internals]
 *
 * `--internals` starts the same OAuth server through mocks/http/oauth-server.ts instead of
 * `startMock`, which also hands out the core, so the memory benchmark can report how many
 * entries each store table holds next to the heap.
 */
import { parseArgs } from 'node:util';
import { demoConfig, startMock, type MockConfig } from '../../mocks/index.js';
import { createClock } from '../../mocks/core/clock.js';
import { startOAuthServer } from '../../mocks/http/oauth-server.js';
import { isMain, runChild, type BenchServer } from './child.js';

export type AccessTokenFormat = MockConfig['accessTokenFormat'];

const CLIENT_ID = 'demo-confidential';
const CLIENT_SECRET = 'demo-confidential-secret';
/** The demo public client (PKCE, refresh tokens) for bench/flow.ts. */
const FLOW_CLIENT_ID = 'demo-public';
const FLOW_REDIRECT_URI = 'http://127.0.0.1:8765/callback';

function configFor(format: AccessTokenFormat): MockConfig {
  return { ...demoConfig, accessTokenFormat: format };
}

export async function startMockServer(format: AccessTokenFormat): Promise<BenchServer> {
  const mock = await startMock({ port: 0, consent: 'auto', desktop: false, config: configFor(format) });
  return {
    flow: {
      authorization_endpoint: `${mock.issuer}/oauth/authorize`,
      token_endpoint: `${mock.issuer}/oauth/token`,
      client_id: FLOW_CLIENT_ID,
      redirect_uri: FLOW_REDIRECT_URI,
      scope: 'openid',
      interaction: 'redirect',
    },
    tokenUrl: `${mock.issuer}/oauth/token`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    clockUrl: `${mock.issuer}/_mock/clock`,
    close: () => mock.close(),
  };
}

export async function startMockWithInternals(format: AccessTokenFormat): Promise<BenchServer> {
  const oauth = await startOAuthServer({
    host: '127.0.0.1',
    port: 0,
    config: configFor(format),
    clock: createClock(),
    consent: 'auto',
    defects: [],
  });
  const store = oauth.core.ctx.store;
  return {
    tokenUrl: `${oauth.issuer}/oauth/token`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    clockUrl: `${oauth.issuer}/_mock/clock`,
    stats: () => ({
      codes: store.codes.size,
      accessTokens: store.accessTokens.size,
      refreshTokens: store.refreshTokens.size,
      families: store.families.size,
      consents: store.consents.size,
    }),
    close: () => oauth.close(),
  };
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { format: { type: 'string', default: 'jwt' }, internals: { type: 'boolean', default: false } },
  });
  const format = values.format;
  if (format !== 'jwt' && format !== 'opaque') {
    process.stderr.write(`--format must be jwt or opaque, got "${format}"\n`);
    process.exit(2);
  }
  const label = `authprobe mock (${format === 'jwt' ? 'ES256 JWT' : 'opaque'})`;
  await runChild(label, () => (values.internals ? startMockWithInternals(format) : startMockServer(format)));
}
