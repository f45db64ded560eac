/**
 * REV-4's access-token half: a 200 from the revocation endpoint must end the access token, with
 * no hint, the right one or an unknown one; a server that does not revoke access tokens may say
 * so with unsupported_token_type (RFC 7009 §2, §2.2.1) and still passes.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { runSuites } from '../../suites/runner/run.js';
import { defineTarget } from '../../suites/target/load.js';
import { targetForMock } from '../mock-target.js';

/**
 * A revocation endpoint in front of the mock's that declines access tokens (the mock's are JWTs,
 * its refresh tokens are not) with unsupported_token_type and passes everything else on.
 */
function decliningAccessTokens(mock: RunningMock): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? '';
      if (token.split('.').length === 3) {
        res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ error: 'unsupported_token_type', error_description: 'access tokens are not revocable here' }));
        return;
      }
      const upstream = httpRequest(`${mock.issuer}/oauth/revoke`, { method: 'POST', headers: { ...req.headers, host: new URL(mock.issuer).host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.end(body);
    });
  });
}

describe('REV-4 for access tokens', () => {
  let mock: RunningMock | undefined;
  let proxy: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await mock?.close();
    [mock, proxy] = [undefined, undefined];
  });

  async function rev4(defects: string[], revocationVia?: 'declining proxy') {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false, defects });
    const file = targetForMock(mock);
    if (revocationVia) {
      proxy = decliningAccessTokens(mock);
      await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
      file.endpoints = { ...file.endpoints, revocation_endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/revoke` };
    }
    const report = await runSuites(defineTarget(file), { only: ['REV-4'], seed: 11 });
    return report.results.find((r) => r.id === 'REV-4');
  }

  it('REV-4: fails a 200 that leaves the access token active under an unknown hint (--defect revoke-unknown-hint-refresh-only)', async () => {
    const row = await rev4(['revoke-unknown-hint-refresh-only']);
    expect(row?.status).toBe('fail');
    expect(row?.message).toMatch(/revoking an access token with token_type_hint="[a-z_]+" answered 200; afterwards .*still accepted/);
  }, 60_000);

  it('REV-4: fails a revocation that answers 200 and ends no access token (--defect access-revoke-noop)', async () => {
    const row = await rev4(['access-revoke-noop']);
    expect(row?.status).toBe('fail');
    expect(row?.message).toMatch(/revoking an access token .*still accepted/);
  }, 60_000);

  it('REV-4: passes a server that declines access-token revocation with unsupported_token_type', async () => {
    const row = await rev4([], 'declining proxy');
    expect({ status: row?.status, message: row?.message }).toEqual({ status: 'pass', message: undefined });
  }, 60_000);

  it('REV-4: passes the conformant mock, access tokens included', async () => {
    const row = await rev4([]);
    expect({ status: row?.status, message: row?.message }).toEqual({ status: 'pass', message: undefined });
  }, 60_000);
});
