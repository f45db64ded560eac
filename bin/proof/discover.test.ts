/** First contact with a target: discovery, and naming what failed when there is no authorization server. */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { targetForMock } from '../mock-target.js';
import { HttpClient } from '../../suites/http/client.js';
import { runSuites } from '../../suites/runner/run.js';
import { TargetUnreachableError } from '../../suites/target/errors.js';
import { defineTarget, loadTarget } from '../../suites/target/load.js';
import { prepareTarget } from '../../suites/target/prepare.js';
import { wellKnownUrls } from '../../suites/target/discover.js';

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

async function contact(issuer: string, requestMs = 1000): Promise<TargetUnreachableError> {
  const spec = defineTarget({ issuer, profiles: ['public-client'], timeouts: { request_ms: requestMs } });
  const http = new HttpClient({ timeoutMs: requestMs });
  try {
    await prepareTarget(spec, http);
  } catch (err) {
    if (err instanceof TargetUnreachableError) return err;
    throw err;
  } finally {
    await http.close();
  }
  throw new Error('expected the target to be unreachable');
}

describe('discovery and unreachable targets', () => {
  const servers: Array<Server | TcpServer> = [];
  let notAs: number;
  let silent: number;
  let closed: number;
  beforeAll(async () => {
    const web = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'));
    const hang = createTcpServer(() => {});
    servers.push(web, hang);
    notAs = await listen(web);
    silent = await listen(hang);
    const gone = createTcpServer();
    closed = await listen(gone);
    await new Promise((r) => gone.close(r));
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('derives RFC 8414 and OIDC well-known URLs, also for issuers with a path', () => {
    expect(wellKnownUrls('https://as.example.com')).toEqual(['https://as.example.com/.well-known/oauth-authorization-server', 'https://as.example.com/.well-known/openid-configuration']);
    expect(wellKnownUrls('https://as.example.com/tenant/1')).toEqual([
      'https://as.example.com/.well-known/oauth-authorization-server/tenant/1',
      'https://as.example.com/tenant/1/.well-known/openid-configuration',
    ]);
  });

  it('names "connection refused"', async () => {
    const err = await contact(`http://127.0.0.1:${closed}`);
    expect(err.kind).toBe('refused');
    expect(err.message).toMatch(/^target unreachable: connection refused/);
  });

  it('names a timeout, without hanging', async () => {
    const err = await contact(`http://127.0.0.1:${silent}`, 300);
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/^target unreachable: timed out/);
  });

  it('names "not an authorization server" when no metadata is found', async () => {
    const err = await contact(`http://127.0.0.1:${notAs}`);
    expect(err.kind).toBe('not-an-authorization-server');
    expect(err.message).toMatch(/answered 404 \(text\/html, not JSON\)/);
  });

  it('names a TLS failure (https to a plain HTTP port)', async () => {
    const err = await contact(`https://127.0.0.1:${notAs}`);
    expect(err.kind).toBe('tls');
  });

  it('names a DNS failure', async () => {
    const err = await contact('http://authprobe-no-such-host.invalid');
    expect(err.kind).toBe('dns');
    expect(err.message).toMatch(/^target unreachable: DNS lookup failed/);
  });
});

describe('module drivers and clocks, relative to the target file', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false });
  });
  afterAll(() => mock?.close());

  it('CODE-4, PKCE-8: an authorize(url, http) module and an advance(seconds) module drive the flow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-modules-'));
    writeFileSync(
      join(dir, 'login.mjs'),
      `export async function authorize(url, http) {
  const res = await http(url);
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error('no redirect: ' + res.status);
  return new URL(location, url).toString();
}\n`,
    );
    writeFileSync(
      join(dir, 'clock.mjs'),
      `export async function advance(seconds) {
  const res = await fetch(${JSON.stringify(`${mock.issuer}/_mock/clock`)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance_seconds: seconds }) });
  if (!res.ok) throw new Error('clock: ' + res.status);
}\n`,
    );
    const target = { ...targetForMock(mock), authorize: { mode: 'module', module: './login.mjs' }, clock: { mode: 'module', module: './clock.mjs' } };
    writeFileSync(join(dir, 'target.json'), JSON.stringify(target));
    const report = await runSuites(loadTarget(join(dir, 'target.json')), { only: ['CODE-4', 'PKCE-8'], runs: 2, seed: 3 });
    expect(report.target).toMatchObject({ authorize: 'module', clock: 'module' });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([['PKCE-8', 'pass'], ['CODE-4', 'pass']]);
  });

  it('EXP-2, CODE-4: without a clock, an expiry that cannot be waited out is SKIP with the reason', async () => {
    const { clock: _clock, ...noClock } = targetForMock(mock);
    const report = await runSuites(defineTarget({ ...noClock, ttl: { code: 60, access_token: 3600 } }), { only: ['CODE-4', 'EXP-2'], runs: 1, seed: 3 });
    const code4 = report.results.find((r) => r.id === 'CODE-4');
    expect(code4).toMatchObject({ status: 'skip', message: 'the target has no clock and ttl.code (60 s) is longer than the 10 s the suite waits' });
    expect(report.results.find((r) => r.id === 'EXP-2')?.status).toBe('skip');
  });
});
