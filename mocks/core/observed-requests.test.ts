/** The dashboard's ring of recent requests: bounded, newest first, verdicts read lazily, no token kept. */
import { describe, expect, it } from 'vitest';
import { ObservedRequests } from './observed-requests.js';

describe('ObservedRequests (the OAuth dashboard, /_mock/)', () => {
  it('keeps the last N requests, newest first, and counts all', () => {
    const ring = new ObservedRequests(3);
    for (let i = 1; i <= 5; i++) ring.record(i, 'GET', `/p${i}`, 200, null, null, null);
    expect(ring.total).toBe(5);
    expect(ring.recent().map((r) => r.path)).toEqual(['/p5', '/p4', '/p3']);
    expect(ring.recent(2).map((r) => r.time)).toEqual([5, 4]);
  });

  it('ROT-3: a refusal shows its OAuth error and grant type; a success body (tokens) is never kept', () => {
    const ring = new ObservedRequests(4);
    ring.record(1, 'POST', '/oauth/token', 200, '{"access_token":"SECRET-AT","refresh_token":"SECRET-RT"}', null, 'grant_type=authorization_code&code=SECRET-CODE');
    ring.record(2, 'POST', '/oauth/token', 400, '{"error":"invalid_grant","error_description":"x"}', null, 'grant_type=refresh_token&refresh_token=SECRET-RT');
    ring.record(3, 'GET', '/oauth/authorize', 302, '', 'http://127.0.0.1:8765/callback?error=access_denied&state=s', null);
    ring.record(4, 'GET', '/oauth/authorize', 302, '', 'http://127.0.0.1:8765/callback?code=SECRET-CODE2', null);
    // Newest first.
    const [code, denied, refused, redeemed] = ring.recent();
    expect([code!.error, denied!.error, refused!.error, redeemed!.error]).toEqual([null, 'access_denied', 'invalid_grant', null]);
    expect([refused!.grant_type, redeemed!.grant_type]).toEqual(['refresh_token', 'authorization_code']);
    expect(JSON.stringify(ring.recent())).not.toMatch(/SECRET/);
  });

  it('tells its subscribers after each request, and stops when they leave', () => {
    const ring = new ObservedRequests(2);
    let calls = 0;
    const off = ring.subscribe(() => { calls += 1; });
    ring.record(1, 'GET', '/a', 200, null, null, null);
    off();
    ring.record(2, 'GET', '/b', 200, null, null, null);
    expect(calls).toBe(1);
  });
});
