/**
 * The mock for bench/scale.ts: the OAuth server as `authprobe serve` runs it (opaque access
 * tokens, so each client_credentials request writes into the access-token table), plus IPC
 * commands that reach its store directly:
 *
 * - `{type: 'fill', n, expired}`: adds n access tokens (`sa-<i>`, demo-confidential), n token
 *   families (`sf-<i>`) and n refresh tokens (`sr-<i>`, demo-public, one per family); live, or
 *   already expired by the mock's clock. Answers `{type: 'filled', entries, heapUsedMiB}` after a GC.
 * - `{type: 'purge', mode: 'slices' | 'one-go'}`: purges what expired, as the server's timer does
 *   (one `purgeSlice` per event-loop turn, mocks/http/oauth-server.ts) or in one call
 *   (`purgeExpired`), with `monitorEventLoopDelay` running; answers `{type: 'purged', purged,
 *   ms, maxBlockMs, slices}`.
 *
 *   node --import tsx --expose-gc --max-old-space-size=4096 bench/servers/scale-child.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { demoConfig } from '../../mocks/index.js';
import { createClock } from '../../mocks/core/clock.js';
import { startOAuthServer } from '../../mocks/http/oauth-server.js';
import { isMain, runChild, type BenchServer } from './child.js';

export type ScaleCommand = { type: 'fill'; n: number; expired: boolean } | { type: 'purge'; mode: 'slices' | 'one-go' };
export type ScaleAnswer =
  | { type: 'filled'; entries: number; heapUsedMiB: number }
  | { type: 'purged'; purged: number; ms: number; maxBlockMs: number; slices: number; maxSliceMs: number; idleMaxBlockMs: number };

/** What the refresh requests of bench/scale.ts present: one refresh token per family, client demo-public. */
export const SCALE_REFRESH_CLIENT = 'demo-public';
export const SCALE_SCOPE = 'profile';

async function start(): Promise<BenchServer> {
  const oauth = await startOAuthServer({
    host: '127.0.0.1',
    port: 0,
    config: { ...demoConfig, accessTokenFormat: 'opaque' },
    clock: createClock(),
    consent: 'auto',
    defects: [],
  });
  const ctx = oauth.core.ctx;
  const store = ctx.store;
  let filled = 0;

  const fill = (n: number, expired: boolean): void => {
    const now = ctx.clock.now();
    const expiresAt = expired ? now - 1 : now + 30 * 24 * 3600 * 1000;
    for (let k = 0; k < n; k++) {
      const i = filled++;
      store.accessTokens.insert({ id: `sa-${i}`, clientId: 'demo-confidential', sub: 'demo-confidential', scope: 'openid', familyId: null, issuedAt: now, expiresAt, revoked: false });
      store.families.insert({ id: `sf-${i}`, clientId: SCALE_REFRESH_CLIENT, sub: 'alice', scope: SCALE_SCOPE, createdAt: now, revoked: false, revokedReason: null, refreshIssued: 1, expiresAt });
      store.refreshTokens.insert({ token: `sr-${i}`, familyId: `sf-${i}`, clientId: SCALE_REFRESH_CLIENT, scope: SCALE_SCOPE, issuedAt: now, expiresAt, rotated: false });
    }
  };

  /** The longest event-loop delay over `ms` with nothing to do: what the machine alone adds (other processes, GC). */
  const idleBlock = (ms: number): Promise<number> => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    return new Promise((resolve) =>
      setTimeout(() => {
        delay.disable();
        resolve(delay.max / 1e6);
      }, ms),
    );
  };

  const purge = async (mode: 'slices' | 'one-go'): Promise<ScaleAnswer> => {
    const idleMaxBlockMs = await idleBlock(1000);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t0 = performance.now();
    return new Promise((resolve) => {
      const finish = (purged: number, slices: number, maxSliceMs: number) =>
        // One more turn, so that the histogram sees the last block.
        setTimeout(() => {
          delay.disable();
          resolve({ type: 'purged', purged, ms: performance.now() - t0, maxBlockMs: delay.max / 1e6, slices, maxSliceMs, idleMaxBlockMs });
        }, 20);
      if (mode === 'one-go') {
        // Let the monitor start before the loop is blocked.
        setTimeout(() => {
          const s0 = performance.now();
          const purged = oauth.core.purgeExpired();
          finish(purged, 1, performance.now() - s0);
        }, 20);
        return;
      }
      let purged = 0;
      let slices = 0;
      let maxSliceMs = 0;
      // What oauth-server.ts's purge timer runs: one bounded slice per event-loop turn.
      const step = () => {
        const s0 = performance.now();
        const s = oauth.core.purgeSlice();
        maxSliceMs = Math.max(maxSliceMs, performance.now() - s0);
        purged += s.purged;
        slices++;
        if (s.done) finish(purged, slices, maxSliceMs);
        else setImmediate(step);
      };
      setTimeout(step, 20);
    });
  };

  process.on('message', (msg: ScaleCommand) => {
    if (msg?.type === 'fill') {
      fill(msg.n, msg.expired);
      (globalThis as { gc?: () => void }).gc?.();
      const entries = store.accessTokens.size + store.families.size + store.refreshTokens.size + store.codes.size;
      const answer: ScaleAnswer = { type: 'filled', entries, heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
      process.send?.(answer);
    } else if (msg?.type === 'purge') {
      void purge(msg.mode).then((answer) => process.send?.(answer));
    }
  });

  return {
    tokenUrl: `${oauth.issuer}/oauth/token`,
    clientId: 'demo-confidential',
    clientSecret: 'demo-confidential-secret',
    clockUrl: `${oauth.issuer}/_mock/clock`,
    close: () => oauth.close(),
  };
}

if (isMain(import.meta.url)) await runChild('authprobe mock (scale)', start);
