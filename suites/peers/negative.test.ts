/** The negative controls answer exactly as declared, on every path and method. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNegativeControl } from './negative.js';
import type { RunningTarget } from './target-file.js';

async function ask(url: string, init?: RequestInit): Promise<[number, string]> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return [response.status, await response.text()];
}

describe('negative controls', () => {
  let okEmpty: RunningTarget;
  let badRequest: RunningTarget;

  beforeAll(async () => {
    [okEmpty, badRequest] = await Promise.all([startNegativeControl('ok-empty'), startNegativeControl('bad-request')]);
  });
  afterAll(async () => {
    await Promise.all([okEmpty?.close(), badRequest?.close()]);
  });

  it('CC-1: ok-empty answers 200 {} everywhere (no access_token), and its target names every endpoint', async () => {
    const { target, issuer } = okEmpty;
    expect(target.profiles).toEqual(['public-client', 'confidential', 'users-api']);
    expect(target.endpoints).toMatchObject({ token_endpoint: `${issuer}/oauth/token`, authorization_endpoint: `${issuer}/oauth/authorize` });
    for (const [path, init] of [
      ['/.well-known/oauth-authorization-server', undefined],
      ['/oauth/token', { method: 'POST', body: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      ['/oauth/authorize?response_type=code', undefined],
      ['/anything/else', { method: 'DELETE' }],
    ] as const) {
      expect(await ask(`${issuer}${path}`, init)).toEqual([200, '{}']);
    }
  });

  it('TOK-2: bad-request answers 400 {"error":"invalid_request"} everywhere, even to a valid-looking token request', async () => {
    const { target, issuer } = badRequest;
    expect(target.clients.usersApi?.token_endpoint).toBe(`${issuer}/v1beta1/users/oauth2/token`);
    const conf = target.clients.confidential!;
    const basic = Buffer.from(`${conf.client_id}:${conf.client_secret}`).toString('base64');
    for (const [path, init] of [
      ['/.well-known/openid-configuration', undefined],
      ['/oauth/token', { method: 'POST', body: 'grant_type=client_credentials', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' } }],
      ['/oauth/authorize?client_id=x', undefined],
    ] as const) {
      const [status, body] = await ask(`${issuer}${path}`, init);
      expect(status).toBe(400);
      expect(JSON.parse(body)).toEqual({ error: 'invalid_request' });
    }
  });

  it('TOK-7: an unknown kind is refused with a clear error', async () => {
    await expect(startNegativeControl('nope' as never)).rejects.toThrow(/use 'ok-empty' or 'bad-request'/);
  });
});
