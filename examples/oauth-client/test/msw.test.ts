import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createControl, mswMock, pkcePair, scenarios } from 'authprobe/fixtures';
import { OAuthClient, ReauthenticationRequired } from '../src/oauth-client.js';

// The mock in-process: msw answers the global fetch for this issuer, no socket.
const mock = await mswMock({ issuer: 'https://auth.example.test' });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('ROT-2: the client logs in, then a failed refresh asks for a new login', async () => {
  const control = createControl({ issuer: mock.issuer });
  const app = await OAuthClient.discover({ issuer: mock.issuer, clientId: 'demo-public', redirectUri: 'https://app.example.com/callback', now: mock.clock.now });
  const authorize = await fetch(await app.startLogin(), { redirect: 'manual' });
  await app.finishLogin(authorize.headers.get('location')!);
  await scenarios.nextRefreshFails(control);
  await control.advanceClock(3601);
  await expect(app.accessToken()).rejects.toBeInstanceOf(ReauthenticationRequired);
});

it('PKCE-5: a code redeemed with another verifier is refused', async () => {
  const { challenge } = pkcePair();
  const url = new URL(`${mock.issuer}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: 'demo-public', redirect_uri: 'https://app.example.com/callback',
    scope: 'openid', state: 's', code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
  const token = await fetch(`${mock.issuer}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: 'demo-public', code,
      redirect_uri: 'https://app.example.com/callback', code_verifier: pkcePair().verifier,
    }),
  });
  expect(token.status).toBe(400);
  expect((await token.json()).error).toBe('invalid_grant');
});
