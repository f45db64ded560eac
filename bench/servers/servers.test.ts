/**
 * Smoke test of the benchmark's child servers: each one starts in its own process, prints its
 * ready line and issues one client_credentials token (CC-1), so a broken child shows up here
 * rather than as a missing row in a benchmark run. No timing is asserted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { oneFlow } from '../flow.js';
import { probe } from '../lib/load.js';
import { spawnServer, type SpawnedServer } from '../lib/spawn.js';
import { SERVERS } from '../token-endpoint-servers.js';
import type { ScaleAnswer } from './scale-child.js';

let running: SpawnedServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('bench child servers', () => {
  it.each(SERVERS.map((s) => [s.key, s] as const))('CC-1: %s answers a client_credentials request with a Bearer token', async (_key, spec) => {
    running = await spawnServer({ script: spec.script, args: spec.args ?? [] });
    expect(running.ready.token_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await expect(probe(running.ready)).resolves.toBeUndefined();
  });

  it('CC-1: the mock with --internals reports its memory and store sizes over IPC', async () => {
    running = await spawnServer({ script: 'bench/servers/mock.ts', args: ['--format', 'opaque', '--internals'], exposeGc: true });
    await probe(running.ready);
    const report = await running.memory();
    expect(report.gc).toBe(true);
    expect(report.usage.heapUsed).toBeGreaterThan(0);
    expect(report.stats.accessTokens).toBe(1);
  });

  it.each([
    ['mock', 'bench/servers/mock.ts', ['--format', 'jwt']],
    ['oidc-provider', 'bench/servers/oidc-provider.ts', []],
  ] as const)('PKCE-1 / ROT-1: bench/flow.ts runs one full flow (code + PKCE, redemption, refresh) against %s', async (_key, script, args) => {
    running = await spawnServer({ script, args: [...args] });
    const target = running.ready.flow;
    expect(target).toBeDefined();
    // authorization (1 request for the mock, several hops through oidc-provider's pages) + 2 token requests
    await expect(oneFlow(target!)).resolves.toBeGreaterThanOrEqual(3);
  });

  it('EXP-2: the scale child fills its store over IPC and purges expired entries in slices', async () => {
    running = await spawnServer({ script: 'bench/servers/scale-child.ts', exposeGc: true });
    const child = running.child;
    const ask = (cmd: object) =>
      new Promise<ScaleAnswer>((resolve) => {
        child.once('message', (m: ScaleAnswer) => resolve(m));
        child.send(cmd);
      });
    const filled = await ask({ type: 'fill', n: 5000, expired: true });
    expect(filled).toMatchObject({ type: 'filled', entries: 15_000 });
    const purged = await ask({ type: 'purge', mode: 'slices' });
    // 15,000 entries at 2,000 looked at per slice: several slices, everything expired gone.
    expect(purged).toMatchObject({ type: 'purged', purged: 15_000 });
    expect(purged.type === 'purged' && purged.slices).toBeGreaterThan(1);
  });
});
