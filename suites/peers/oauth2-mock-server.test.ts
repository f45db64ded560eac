/** oauth2-mock-server as a target: it starts on loopback, issues tokens, and redirects blindly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOauth2MockServer } from './oauth2-mock-server.js';
import type { RunningTarget } from './target-file.js';

describe('oauth2-mock-server target', () => {
  let running: RunningTarget;
  let metadata: Record<string, unknown>;

  beforeAll(async () => {
    running = await startOauth2MockServer();
    metadata = (await (await fetch(`${running.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
  });
  afterAll(() => running?.close());

  it('PKCE-9: serves OIDC metadata on 127.0.0.1 with the issuer the target declares (and advertises plain)', () => {
    expect(running.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(metadata['issuer']).toBe(running.issuer);
    expect(metadata['token_endpoint']).toBe(`${running.issuer}/token`);
    expect(metadata['code_challenge_methods_supported']).toEqual(['plain', 'S256']);
    expect(running.target).toMatchObject({ profiles: ['public-client', 'confidential'], authorize: { mode: 'redirect' } });
  });

  it('CC-1: issues a client_credentials token to the declared confidential client', async () => {
    const conf = running.target.clients.confidential!;
    const response = await fetch(String(metadata['token_endpoint']), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${conf.client_id}:${conf.client_secret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials&scope=openid',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'openid' });
    expect(String(body['access_token']).split('.')).toHaveLength(3);
  });

  it('RED-1: its authorize endpoint redirects straight to any redirect_uri (authorize mode redirect)', async () => {
    const url = new URL(String(metadata['authorization_endpoint']));
    url.search = new URLSearchParams({
      client_id: 'never-registered',
      redirect_uri: 'https://attacker.example/cb',
      response_type: 'code',
      state: 'st',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://attacker.example/cb');
    expect(location.searchParams.get('state')).toBe('st');
    expect(location.searchParams.get('code')).toEqual(expect.any(String));
  });
});
