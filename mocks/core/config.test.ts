/** The mock config: defaults, and one clear error per bad field. */
import { describe, expect, it } from 'vitest';
import { parseMockConfig } from './config.js';
import { demoConfig } from './demo.js';

describe('mock config', () => {
  it('the demo config is valid and as documented', () => {
    const r = parseMockConfig(JSON.parse(JSON.stringify(demoConfig)));
    expect(r.ok).toBe(true);
    expect(demoConfig.clients.map((c) => c.client_id)).toEqual(['demo-public', 'demo-public-2', 'demo-confidential', 'demo-users-api', 'demo-inactive']);
    expect(demoConfig.lifetimes).toEqual({ code: 60, accessToken: 3600, usersApiAccessToken: 900, refreshToken: 2592000 });
  });
  it('fills defaults', () => {
    const r = parseMockConfig({ clients: [{ client_id: 'a', client_type: 'public', redirect_uris: ['https://a.example/cb'] }] });
    expect(r.ok && r.config).toMatchObject({ accessTokenFormat: 'jwt', loopbackPorts: 'strict', registrationToken: 'demo-registration-token' });
  });
  it('REG-2 / REG-4: reports one line per bad field with where, what and what to do', () => {
    const r = parseMockConfig({
      clients: [
        { client_id: 'a', client_type: 'publik', redirect_uris: ['https://a.example/cb'] },
        { client_id: 'b', client_type: 'public', client_secret: 's', redirect_uris: ['http://evil.example/cb'] },
        { client_id: 'c', client_type: 'confidential', redirect_uris: ['https://c.example/cb#f'] },
      ],
      lifetimes: { code: 0, accessToken: 'x' },
      accessTokenFormat: 'paseto',
      extra: true,
    });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    const fields = errors.map((e) => e.slice(0, e.indexOf(':')));
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).toEqual(expect.arrayContaining([
      'clients[0].client_type', 'clients[1].client_secret', 'clients[1].redirect_uris[0]', 'clients[2].client_secret',
      'clients[2].redirect_uris[0]', 'lifetimes.code', 'lifetimes.accessToken', 'accessTokenFormat', 'extra',
    ]));
    expect(errors.find((e) => e.startsWith('clients[1].redirect_uris[0]'))).toMatch(/use https/);
  });
  it('refuses a non-object', () => {
    expect(parseMockConfig([]).ok).toBe(false);
  });
});
