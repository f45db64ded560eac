/**
 * Smoke test of the benchmark's child servers: each one starts in its own process, prints its
 * ready line and issues one client_credentials token (CC-1), so a broken child shows up here
 * rather than as a missing row in a benchmark run. No timing is asserted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { probe } from '../lib/load.js';
import { spawnServer, type SpawnedServer } from '../lib/spawn.js';
import { SERVERS } from '../token-endpoint-servers.js';

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
});
