/**
 * The port opens before the core exists (the issuer names the port, the core's key comes
 * after): a request in that window, e.g. a readiness probe polling the port, is answered once
 * the core is ready, never left hanging.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthorizationServer } from '../core/authorization-server.js';
import { createClock } from '../core/clock.js';
import { demoConfig } from '../core/demo.js';
import { startOAuthServer, type RunningOAuthServer } from './oauth-server.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let running: RunningOAuthServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.close();
});

describe('startOAuthServer', () => {
  it('META-1: a request that arrives while the core is being created is answered once it is ready', async () => {
    const create = AuthorizationServer.create.bind(AuthorizationServer);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let creating!: () => void;
    const started = new Promise<void>((r) => (creating = r));
    vi.spyOn(AuthorizationServer, 'create').mockImplementation(async (...args) => {
      creating();
      await gate;
      return create(...args);
    });
    const port = await freePort();
    const starting = startOAuthServer({ host: '127.0.0.1', port, config: demoConfig, clock: createClock(), consent: 'auto', defects: [] });
    await started;
    const early = fetch(`http://127.0.0.1:${port}/.well-known/oauth-authorization-server`);
    // The request is in; the core is not: nothing may answer yet.
    const first = await Promise.race([early.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 200))]);
    expect(first).toBe('waiting');
    release();
    running = await starting;
    const res = await early;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { issuer?: string }).issuer).toBe(`http://127.0.0.1:${port}`);
  });
});
