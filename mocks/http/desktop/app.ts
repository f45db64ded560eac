/**
 * The desktop app as the router sees it: the transport-free channel, the transport faults a test
 * can switch on (drop, refuse, rate limit) and where the socket is.
 */
import type { DesktopChannel } from '../../core/desktop/channel.js';

export interface ScenarioView {
  drop: number;
  refuse: boolean;
  rate_limit: number;
  /** The next N invocations see the app lock while they run (they may finish or fail, never hang). */
  lock_in_flight: number;
  /** The next N requests are read and never answered: the app stops answering mid-request. */
  silent: number;
  /** The standing budget, `{requests, per_seconds}` per process, or null. */
  rate_budget: { requests: number; per_seconds: number } | null;
}

export interface TransportFaults {
  scenarios(): ScenarioView;
  /** `{drop?: N, refuse?: bool, rate_limit?: N}`; throws DesktopConfigError on bad input. */
  apply(input: unknown): Promise<ScenarioView>;
  clear(): Promise<ScenarioView>;
  /** Spends one queued connection drop; true when this request is to be dropped. */
  takeDrop(): boolean;
  /** Spends one queued lock-in-flight; true when the app is to lock while this invocation runs. */
  takeLockInFlight(): boolean;
  /** Spends one queued silence; true when this request is to go unanswered. */
  takeSilent(): boolean;
}

export interface DesktopApp {
  readonly channel: DesktopChannel;
  readonly faults: TransportFaults;
  readonly socketPath: string;
}
