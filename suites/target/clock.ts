/**
 * Moving the target's time: the mock's control endpoint (GET -> {now}, POST {advance_seconds})
 * or a user module exporting `advance(seconds)` (and optionally `now()`).
 */
import { pathToFileURL } from 'node:url';
import type { HttpClient } from '../http/client.js';
import { TargetConfigError } from './errors.js';
import type { TargetClock } from './types.js';

export class ClockError extends Error {
  override name = 'ClockError';
}

export function mockClock(url: string, http: HttpClient): TargetClock {
  const nowOf = (json: unknown, status: number): number => {
    const now = (json as { now?: unknown } | undefined)?.now;
    if (status !== 200 || typeof now !== 'number') throw new ClockError(`clock endpoint ${url} answered ${status} without {"now": <ms>}`);
    return now;
  };
  return {
    kind: 'mock',
    async now() {
      const res = await http.send({ url, headers: { accept: 'application/json' } });
      return nowOf(res.json, res.status);
    },
    async advance(seconds) {
      const res = await http.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ advance_seconds: seconds }),
      });
      nowOf(res.json, res.status);
    },
  };
}

export async function moduleClock(path: string): Promise<TargetClock> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new TargetConfigError(path, [{ path: '$.clock.module', problem: `cannot be imported (${(err as Error).message})`, fix: 'Check the module path and its syntax.' }]);
  }
  const src = (typeof mod.advance === 'function' ? mod : (mod.default as Record<string, unknown> | undefined)) ?? {};
  const advance = src.advance;
  const now = src.now;
  if (typeof advance !== 'function') {
    throw new TargetConfigError(path, [{ path: '$.clock.module', problem: 'exports no advance(seconds) function', fix: 'Export `async function advance(seconds)` that moves the target\'s time.' }]);
  }
  const clock: TargetClock = { kind: 'module', advance: async (s) => void (await (advance as (s: number) => unknown)(s)) };
  if (typeof now === 'function') clock.now = async () => Number(await (now as () => unknown)());
  return clock;
}
