import { expect } from 'vitest';
import { scenarios, test, type FixtureClient } from 'authprobe/fixtures';
import { OAuthClient, ReauthenticationRequired } from '../src/oauth-client.js';

// The mock approves the authorization request at once, so its redirect is the callback.
async function logIn(issuer: string, client: FixtureClient, now?: () => number): Promise<OAuthClient> {
  const app = await OAuthClient.discover({ issuer, clientId: client.client_id, redirectUri: client.redirect_uri!, ...(now ? { now } : {}) });
  const authorize = await fetch(await app.startLogin(), { redirect: 'manual' });
  await app.finishLogin(authorize.headers.get('location')!);
  return app;
}

test('PKCE-8: logs in with the authorization code and PKCE', async ({ issuer, clients }) => {
  const app = await logIn(issuer, clients.public);
  expect(await app.accessToken()).toMatch(/^eyJ/);
});

test('ROT-1: refreshes the access token once the mock clock passes its expiry', async ({ issuer, clients, clock, control }) => {
  const app = await logIn(issuer, clients.public, clock.now);
  const first = await app.accessToken();
  clock.advance(3601);
  expect(await app.accessToken()).not.toBe(first);
  const [family] = await control.families();
  expect(family?.refresh_tokens_issued).toBe(2);
});

test('ROT-2: asks the user to log in again when the refresh answers invalid_grant', async ({ issuer, clients, clock, control }) => {
  const app = await logIn(issuer, clients.public, clock.now);
  await scenarios.nextRefreshFails(control);
  clock.advance(3601);
  await expect(app.accessToken()).rejects.toBeInstanceOf(ReauthenticationRequired);
});

test('ROT-7: logout revokes the session at the server', async ({ issuer, clients, control }) => {
  const app = await logIn(issuer, clients.public);
  await app.logout();
  const [family] = await control.families();
  expect(family?.status).toBe('revoked');
});

test('DG-3: a confidential client logs in with its secret', async ({ issuer, clients }) => {
  const client = clients.confidential;
  const app = await OAuthClient.discover({ issuer, clientId: client.client_id, clientSecret: client.client_secret!, redirectUri: client.redirect_uri!, scope: 'openid api' });
  const authorize = await fetch(await app.startLogin(), { redirect: 'manual' });
  await app.finishLogin(authorize.headers.get('location')!);
  expect(await app.accessToken()).toMatch(/^eyJ/);
});
