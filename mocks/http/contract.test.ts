/** The contract check itself must be able to fail: answers that break the documents are caught. */
import { describe, expect, it } from 'vitest';
import { contractProblems } from '../testing/oauth-contract.js';

const x = (path: string, status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST') => ({
  method, path, status, headers: new Headers(headers), text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('contract check', () => {
  it('TOK-1: a token response without Cache-Control is caught', () => {
    expect(contractProblems(x('/oauth/token', 200, { access_token: 'a', token_type: 'Bearer', expires_in: 60 }))).toHaveLength(1);
  });
  it('TOK-2: an error without `error` is caught', () => {
    expect(contractProblems(x('/oauth/token', 400, { message: 'no' }, { 'content-type': 'application/json', 'cache-control': 'no-store' })).length).toBeGreaterThan(0);
  });
  it('CC-1: a users-API answer with token_type bearer or scope profile is caught', () => {
    const h = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    expect(contractProblems(x('/v1beta1/users/oauth2/token', 200, { access_token: 'a', token_type: 'bearer', expires_in: 900, scope: 'openid' }, h)).length).toBeGreaterThan(0);
    expect(contractProblems(x('/v1beta1/users/oauth2/token', 200, { access_token: 'a', token_type: 'Bearer', expires_in: 900, scope: 'profile' }, h)).length).toBeGreaterThan(0);
    expect(contractProblems(x('/v1beta1/users/oauth2/token', 200, { access_token: 'a', token_type: 'Bearer', expires_in: 900, scope: 'openid' }, h))).toEqual([]);
  });
  it('REG-4: a registration answer with a malformed client_id is caught; undocumented statuses too', () => {
    expect(contractProblems(x('/api/v1/applications', 201, { id: 1, client_id: 'x', client_type: 'public', token_endpoint_auth_method: 'none', redirect_uris: [], allowed_scopes: [], status: 'approved' })).length).toBeGreaterThan(0);
    expect(contractProblems(x('/oauth/token', 418, {}))).toEqual(['POST /oauth/token -> 418: status not documented']);
  });
});
