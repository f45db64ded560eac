/** The store purges expired entries a bounded slice at a time, and misses none. */
import { describe, expect, it } from 'vitest';
import { Store } from './store.js';

function fill(store: Store, expired: number, live: number): void {
  for (let i = 0; i < expired + live; i++) {
    store.refreshTokens.insert({ token: `rt-${i}`, familyId: 'f', clientId: 'c', scope: 'openid', issuedAt: 0, expiresAt: i < expired ? 100 : 10_000, rotated: false });
  }
  for (let i = 0; i < expired; i++) {
    store.codes.insert({ code: `code-${i}`, clientId: 'c', redirectUri: 'https://x', redirectUriSent: true, scope: 'openid', sub: 's', nonce: null, challenge: null, challengeMethod: null, issuedAt: 0, expiresAt: 100, used: false, familyId: null });
  }
}

describe('purging expired entries', () => {
  it('EXP-2, EXP-3: a slice looks at no more than its budget; the slices together drop every expired entry and keep the live ones', () => {
    const store = new Store();
    fill(store, 20_000, 7);
    let slices = 0;
    let purged = 0;
    for (;;) {
      const before = store.refreshTokens.size + store.codes.size;
      const slice = store.purgeSlice(500, 1_000);
      slices++;
      expect(before - (store.refreshTokens.size + store.codes.size)).toBeLessThanOrEqual(1_000);
      purged += slice.purged;
      if (slice.done) break;
    }
    expect(slices).toBeGreaterThanOrEqual(40);
    expect(purged).toBe(40_000);
    expect([store.refreshTokens.size, store.codes.size]).toEqual([7, 0]);
  });

  it('EXP-2: the one-go purge gives the same result', () => {
    const store = new Store();
    fill(store, 3_000, 3);
    expect(store.purgeExpired(500)).toBe(6_000);
    expect(store.refreshTokens.size).toBe(3);
  });
});
