import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetConfigError } from './errors.js';
import { defineTarget, loadTarget } from './load.js';

const minimal = { issuer: 'http://127.0.0.1:4010', profiles: ['public-client'] };

function problems(data: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    defineTarget(data, { env });
  } catch (err) {
    if (err instanceof TargetConfigError) return err.problems.map((p) => `${p.path}: ${p.problem}. ${p.fix}`);
    throw err;
  }
  return [];
}

describe('target file validation (the suites input)', () => {
  it('accepts the documented full shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-target-'));
    writeFileSync(join(dir, 'login.mjs'), 'export async function authorize(url) { return url; }\n');
    const spec = defineTarget(
      {
        issuer: 'https://as.example.com',
        profiles: ['public-client', 'confidential', 'users-api', 'registration', 'desktop'],
        endpoints: { token_endpoint: 'https://as.example.com/token', userinfo_endpoint: 'https://as.example.com/me' },
        clients: {
          public: { client_id: 'p', redirect_uri: 'http://127.0.0.1:8765/callback', scope: 'openid', redirect_uris: ['http://127.0.0.1:8765/callback'] },
          public2: { client_id: 'p2', redirect_uri: 'com.example.app:/cb' },
          confidential: { client_id: 'c', client_secret: 'env:CONF_SECRET', auth_method: 'client_secret_post', redirect_uri: 'https://c.example.com/cb' },
          usersApi: { client_id: 'u', client_secret: 'lit', token_endpoint: 'https://as.example.com/users/token' },
          inactive: { client_id: 'i', client_secret: 'x' },
        },
        registration: { bearer: 'env:REG_TOKEN' },
        authorize: { mode: 'module', module: './login.mjs' },
        clock: { mode: 'mock', url: 'https://as.example.com/_mock/clock' },
        ttl: { code: 60, access_token: 5, refresh_token: 100 },
        desktop: { socket: '/tmp/x.sock', account: 'Demo Account', prompts: { mode: 'mock', url: 'https://as.example.com/_mock/desktop' } },
        timeouts: { request_ms: 2000 },
      },
      { baseDir: dir, env: { CONF_SECRET: 's3cret', REG_TOKEN: 'tok' } },
    );
    expect(spec.clients?.confidential?.client_secret).toBe('s3cret');
    expect(spec.registration?.bearer).toBe('tok');
    expect(spec.authorize).toEqual({ mode: 'module', module: join(dir, 'login.mjs') });
    // env secrets render as $NAME in curl commands; literals as their JSON path.
    expect(spec.secrets).toContainEqual({ value: 's3cret', placeholder: '$CONF_SECRET' });
    expect(spec.secrets).toContainEqual({ value: 'lit', placeholder: '<clients.usersApi.client_secret>' });
  });

  it('names an unknown field with its JSON path and the known ones', () => {
    const p = problems({ ...minimal, clients: { public: { client_id: 'a', redirect_uri: 'https://a.example/cb', scopes: 'openid' } } });
    expect(p).toEqual([expect.stringMatching(/^\$\.clients\.public\.scopes: unknown field "scopes"\. Remove it or use one of: client_id, redirect_uri, redirect_uris, scope/)]);
  });

  it('reports one line per bad field, each with what to do', () => {
    const p = problems({ issuer: 'ftp://x', profiles: ['public-client', 'nope'], timeouts: { request_ms: 'fast' }, extra: 1 });
    expect(p).toHaveLength(4);
    expect(p.some((l) => l.startsWith('$.issuer: "ftp://x" is not an absolute http(s) URL'))).toBe(true);
    expect(p.some((l) => l.startsWith('$.profiles[1]: "nope" is not allowed. Use one of: public-client'))).toBe(true);
    expect(p.some((l) => l.startsWith('$.timeouts.request_ms: must be integer'))).toBe(true);
    expect(p.some((l) => l.startsWith('$.extra: unknown field'))).toBe(true);
  });

  it('requires profiles, and issuer for every profile but desktop', () => {
    expect(problems({})).toEqual([expect.stringMatching(/^\$\.profiles: is missing/)]);
    expect(problems({ profiles: ['public-client'] })).toEqual([expect.stringMatching(/^\$\.issuer: is missing/)]);
  });

  it('refuses an unknown authorize/clock mode with a pointed message', () => {
    const p = problems({ ...minimal, authorize: { mode: 'browser' }, clock: { mode: 'module' } });
    expect(p).toContain('$.authorize.mode: "browser" is not allowed. Use one of: redirect, module.');
    expect(p.some((l) => l.startsWith('$.clock.module: is missing'))).toBe(true);
  });

  it('says which environment variable is missing for an env: secret', () => {
    const p = problems({ ...minimal, clients: { confidential: { client_id: 'c', client_secret: 'env:NOT_SET_ANYWHERE' } } });
    expect(p).toEqual(['$.clients.confidential.client_secret: environment variable NOT_SET_ANYWHERE is not set. Export NOT_SET_ANYWHERE, or give the secret literally.']);
  });

  it('refuses claiming public-client and native-loopback together', () => {
    expect(problems({ ...minimal, profiles: ['public-client', 'native-loopback'] })[0]).toMatch(/^\$\.profiles: claims both public-client and native-loopback/);
  });

  it('refuses a module path that does not exist, relative to the target file', () => {
    const p = problems({ ...minimal, authorize: { mode: 'module', module: './missing-login.mjs' } });
    expect(p[0]).toMatch(/^\$\.authorize\.module: module .*missing-login\.mjs does not exist/);
  });

  it('endpoint_origins: origins only, one clear line per bad entry', () => {
    expect(problems({ ...minimal, endpoint_origins: ['https://login.example.com', 'http://127.0.0.1:9000'] })).toEqual([]);
    expect(problems({ ...minimal, endpoint_origins: ['https://login.example.com/token'] })).toEqual([
      '$.endpoint_origins[0]: "https://login.example.com/token" is not an origin (scheme://host[:port], without path, query or fragment). Give an origin such as "https://login.example.com", or remove it.',
    ]);
    expect(problems({ ...minimal, endpoint_origins: 'https://login.example.com' })).toEqual(['$.endpoint_origins: must be array (got "https://login.example.com"). Fix its type.']);
  });

  it('loadTarget reports a missing file and broken JSON without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-target-'));
    expect(() => loadTarget(join(dir, 'none.json'))).toThrow(/\$: file not found\. Check the --config path\./);
    writeFileSync(join(dir, 'bad.json'), '{"issuer": ');
    expect(() => loadTarget(join(dir, 'bad.json'))).toThrow(/\$: is not valid JSON/);
  });
});

describe('desktop-only targets', () => {
  it('DSK: a target claiming only desktop needs no issuer; protocol, scope and account are checked', () => {
    expect(problems({ profiles: ['desktop'], desktop: { socket: '/tmp/app.sock', protocol: 'envelope', scope: 'terminal', account: 'acme.example.com' } })).toEqual([]);
    expect(problems({ profiles: ['desktop'], desktop: { socket: '/tmp/app.sock', protocol: 'http' } })).toEqual([]);
    expect(problems({ profiles: ['desktop'], desktop: { socket: '/tmp/app.sock', protocol: 'grpc', scope: 'tab' } })).toEqual([
      '$.desktop.protocol: "grpc" is not allowed. Use one of: envelope, http.',
      '$.desktop.scope: "tab" is not allowed. Use one of: process, terminal.',
    ]);
  });

  it('says why an issuer or a desktop socket is missing', () => {
    expect(problems({ profiles: ['desktop', 'public-client'], desktop: { socket: '/tmp/app.sock' } })).toEqual([
      '$.issuer: is missing, and a profile other than desktop is claimed. Add "issuer" (the OAuth server), or claim only the desktop profile: a desktop-only target needs no issuer.',
    ]);
    expect(problems({ profiles: ['desktop'] })).toEqual([
      '$.desktop: is missing, and desktop is the only profile claimed. Add "desktop": {"socket": "<path of the app\'s Unix socket>"}.',
    ]);
    // A target with an issuer and the desktop profile may still leave the socket out (DSK is then skipped).
    expect(problems({ ...minimal, profiles: ['public-client', 'desktop'] })).toEqual([]);
  });
});
