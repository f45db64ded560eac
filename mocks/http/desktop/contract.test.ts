import { describe, expect, it } from 'vitest';
import { loadDesktopContract } from '../../testing/desktop-contract.js';

const contract = loadDesktopContract();

describe('openapi/desktop-ipc.yaml as a checker', () => {
  it('DSK-1: accepts documented answers', () => {
    expect(() => contract.check({ method: 'POST', path: '/v1/clients', status: 201, body: { clientId: 'A'.repeat(22), account: { id: '3f0d2a6e-8c1b-4f7a-9d2e-5b6c7a8d9e01', name: 'Demo Account' } } })).not.toThrow();
    expect(() => contract.check({ method: 'DELETE', path: '/v1/clients/abc', status: 204, body: undefined })).not.toThrow();
    expect(() => contract.check({ method: 'POST', path: '/v1/clients/abc/invoke', status: 200, body: { result: [] } })).not.toThrow();
  });

  it('DSK-4: refuses an expired-session answer under another name, an undocumented status, or extra fields', () => {
    expect(() => contract.check({ method: 'POST', path: '/v1/clients/abc/invoke', status: 401, body: { name: 'ClientNotFound', message: 'x' } })).toThrow(/breaks/);
    expect(() => contract.check({ method: 'POST', path: '/v1/clients/abc/invoke', status: 500, body: { name: 'X', message: 'x' } })).toThrow(/not documented/);
    expect(() => contract.check({ method: 'POST', path: '/v1/clients', status: 403, body: { name: 'AuthorizationDenied', message: 'no', stack: 'at x' } })).toThrow(/breaks/);
    expect(() => contract.check({ method: 'GET', path: '/_mock/desktop/prompts', status: 200, body: { prompts: [{ id: 'x' }] } })).toThrow(/breaks/);
  });

  it('DSK-2: a prompt without scope or duration breaks the contract', () => {
    const prompt = {
      id: 'p', status: 'pending', account: { id: '3f0d2a6e-8c1b-4f7a-9d2e-5b6c7a8d9e01', name: 'Demo Account' },
      process: { pid: 1, executable: 'node', start_time: 5, uid: 0, identity_source: 'peer' },
      integration: { name: 'n', version: 'v' }, scope: 'entire account',
      duration: { idle_seconds: 600, hard_limit_seconds: 43200, description: 'd' },
      created_at: '2026-01-01T00:00:00.000Z', expires_at: '2026-01-01T00:01:00.000Z',
    };
    expect(() => contract.check({ method: 'GET', path: '/_mock/desktop/prompts', status: 200, body: { prompts: [prompt] } })).not.toThrow();
    const { scope: _s, ...noScope } = prompt;
    expect(() => contract.check({ method: 'GET', path: '/_mock/desktop/prompts', status: 200, body: { prompts: [noScope] } })).toThrow(/scope/);
  });

  it('DSK-1: names the socket path and the raw envelope as extensions', () => {
    expect(contract.document['x-unix-socket']).toMatchObject({ mode: '0600' });
    expect(contract.document['x-raw-envelope']).toBeDefined();
  });
});
