/**
 * Transport faults of the desktop socket, switched on through `/_mock/desktop/scenarios`: drop
 * the next N requests' connections, refuse connections (the socket file goes, as if the app were
 * not running), answer the next N requests RateLimitExceeded, a standing rate budget per process,
 * lock the app while the next N invocations run, and leave the next N requests unanswered (an app
 * that stops answering). `clear` ends all but the budget, which `rate_budget: null` removes.
 */
import type { DesktopChannel } from '../../core/desktop/channel.js';
import { DesktopConfigError } from '../../core/desktop/vault.js';
import type { ScenarioView, TransportFaults } from './app.js';

export interface SocketSwitch {
  /** Stops listening and closes every connection. */
  stop(): Promise<void>;
  /** Listens again on the same path. */
  listen(): Promise<void>;
}

export function createTransportFaults(channel: DesktopChannel, socket: SocketSwitch): TransportFaults & { readonly refusing: boolean } {
  const scenario = { drop: 0, refuse: false, lock_in_flight: 0, silent: 0 };
  const take = (k: 'drop' | 'lock_in_flight' | 'silent') => {
    if (scenario[k] <= 0) return false;
    scenario[k] -= 1;
    return true;
  };
  const FIELDS = ['drop', 'refuse', 'rate_limit', 'lock_in_flight', 'silent', 'rate_budget'];

  const count = (o: Record<string, unknown>, k: string) => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1_000_000) throw new DesktopConfigError(`"${k}" must be a whole number from 0 to 1000000`);
    return v;
  };

  const faults = {
    get refusing() { return scenario.refuse; },
    scenarios: (): ScenarioView => {
      const budget = channel.rateBudget;
      return { ...scenario, rate_limit: channel.rateLimitRemaining, rate_budget: budget && { requests: budget.requests, per_seconds: budget.perSeconds } };
    },
    takeDrop: () => take('drop'),
    takeLockInFlight: () => take('lock_in_flight'),
    takeSilent: () => take('silent'),
    async apply(input: unknown): Promise<ScenarioView> {
      const o = (input ?? {}) as Record<string, unknown>;
      if (o.refuse !== undefined && typeof o.refuse !== 'boolean') throw new DesktopConfigError('"refuse" must be true or false');
      const unknown = Object.keys(o).filter((k) => !FIELDS.includes(k));
      if (unknown.length) throw new DesktopConfigError(`unknown scenario field(s) ${unknown.join(', ')}; use {"drop": N}, {"refuse": true|false}, {"rate_limit": N}, {"lock_in_flight": N}, {"silent": N} or {"rate_budget": {"requests": N, "per_seconds": S} | null}`);
      const drop = count(o, 'drop');
      const rate = count(o, 'rate_limit');
      const lockInFlight = count(o, 'lock_in_flight');
      const silent = count(o, 'silent');
      if (o.rate_budget !== undefined) channel.setRateBudget(o.rate_budget);
      if (drop !== undefined) scenario.drop = drop;
      if (rate !== undefined) channel.rateLimitNext(rate);
      if (lockInFlight !== undefined) scenario.lock_in_flight = lockInFlight;
      if (silent !== undefined) scenario.silent = silent;
      if (o.refuse === true && !scenario.refuse) {
        scenario.refuse = true;
        await socket.stop();
      } else if (o.refuse === false && scenario.refuse) {
        scenario.refuse = false;
        await socket.listen();
      }
      return faults.scenarios();
    },
    clear: () => faults.apply({ drop: 0, rate_limit: 0, refuse: false, lock_in_flight: 0, silent: 0 }),
  };
  return faults;
}
