/**
 * Transport faults of the desktop socket, switched on through `/_mock/desktop/scenarios`: drop
 * the next N requests' connections, refuse connections (the socket file goes, as if the app were
 * not running), answer the next N requests RateLimitExceeded.
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
  const scenario = { drop: 0, refuse: false };

  const count = (o: Record<string, unknown>, k: string) => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1_000_000) throw new DesktopConfigError(`"${k}" must be a whole number from 0 to 1000000`);
    return v;
  };

  const faults = {
    get refusing() { return scenario.refuse; },
    scenarios: (): ScenarioView => ({ ...scenario, rate_limit: channel.rateLimitRemaining }),
    takeDrop() {
      if (scenario.drop <= 0) return false;
      scenario.drop -= 1;
      return true;
    },
    async apply(input: unknown): Promise<ScenarioView> {
      const o = (input ?? {}) as Record<string, unknown>;
      if (o.refuse !== undefined && typeof o.refuse !== 'boolean') throw new DesktopConfigError('"refuse" must be true or false');
      const unknown = Object.keys(o).filter((k) => !['drop', 'refuse', 'rate_limit'].includes(k));
      if (unknown.length) throw new DesktopConfigError(`unknown scenario field(s) ${unknown.join(', ')}; use {"drop": N}, {"refuse": true|false} or {"rate_limit": N}`);
      const drop = count(o, 'drop');
      const rate = count(o, 'rate_limit');
      if (drop !== undefined) scenario.drop = drop;
      if (rate !== undefined) channel.rateLimitNext(rate);
      if (o.refuse === true && !scenario.refuse) {
        scenario.refuse = true;
        await socket.stop();
      } else if (o.refuse === false && scenario.refuse) {
        scenario.refuse = false;
        await socket.listen();
      }
      return faults.scenarios();
    },
    clear: () => faults.apply({ drop: 0, rate_limit: 0, refuse: false }),
  };
  return faults;
}
