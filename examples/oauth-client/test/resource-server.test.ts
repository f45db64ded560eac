import { expect } from 'vitest';
import { obtainTokens, test } from 'authprobe/fixtures';
import { InvalidToken, resourceServer } from '../src/resource-server.js';

const call = (token: string) => new Request('https://api.example.com/things', { headers: { authorization: `Bearer ${token}` } });

test('EXP-1: accepts a token the mock issued for this API', async ({ issuer, tokens, clock }) => {
  const authenticate = await resourceServer({ issuer, audience: issuer, now: clock.now });
  const { access_token } = await tokens.valid();
  expect((await authenticate(call(access_token))).client_id).toBe('demo-public');
});

test('EXP-2: rejects an expired token', async ({ issuer, tokens, clock }) => {
  const authenticate = await resourceServer({ issuer, audience: issuer, now: clock.now });
  const { access_token } = await tokens.expired();
  await expect(authenticate(call(access_token))).rejects.toBeInstanceOf(InvalidToken);
});

test('EXP-4: rejects a revoked token (introspection)', async ({ issuer, tokens, clients, clock }) => {
  const { client_id, client_secret } = clients.confidential;
  const authenticate = await resourceServer({ issuer, audience: issuer, now: clock.now, introspection: { clientId: client_id, clientSecret: client_secret! } });
  const { access_token } = await tokens.revoked();
  await expect(authenticate(call(access_token))).rejects.toThrow(/revoked/);
});

test('EXP-1: rejects a token signed by the issuer for another audience', async ({ issuer, tokens, clock }) => {
  const authenticate = await resourceServer({ issuer, audience: issuer, now: clock.now });
  const { access_token } = await tokens.wrongAudience();
  await expect(authenticate(call(access_token))).rejects.toThrow(/aud/);
});

test('PKCE-8: tokens for any client in one call with obtainTokens', async ({ issuer, clients, clock }) => {
  const authenticate = await resourceServer({ issuer, audience: issuer, now: clock.now });
  const { access_token } = await obtainTokens({ issuer, client: clients.confidential, scope: 'openid api' });
  expect((await authenticate(call(access_token))).scope).toBe('openid api');
});
