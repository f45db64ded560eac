/**
 * The desktop app as the router sees it: the transport-free channel, the transport faults a test
 * can switch on (drop, refuse, rate limit) and where the socket is.
 */
import type { DesktopChannel } from '../../core/desktop/channel.js';

export interface ScenarioView { drop: number; refuse: boolean; rate_limit: number }

export interface TransportFaults {
  scenarios(): ScenarioView;
  /** `{drop?: N, refuse?: bool, rate_limit?: N}`; throws DesktopConfigError on bad input. */
  apply(input: unknown): Promise<ScenarioView>;
  clear(): Promise<ScenarioView>;
  /** Spends one queued connection drop; true when this request is to be dropped. */
  takeDrop(): boolean;
}

export interface DesktopApp {
  readonly channel: DesktopChannel;
  readonly faults: TransportFaults;
  readonly socketPath: string;
}
