/** The shapes of the runner: properties, their context, and the results they produce. */
import type fc from 'fast-check';
import type { Area, Level, Profile, RequirementId, Rule, RulesMode } from '../../specs/index.js';
import type { HttpClient } from '../http/client.js';
import type { Target } from '../target/types.js';
import type { TimeControl } from './time.js';

/**
 * What a property needs from the target. A missing one makes it SKIP with the reason.
 * - clients: `public`, `public2`, `confidential`, `confidentialCode` (a confidential client with
 *   a redirect_uri), `usersApi`, `inactive`, `ccClient` (any client for client_credentials);
 * - endpoints: `registration`, `revocation`, `tokenStatus` (introspection or userinfo);
 * - time: `time:code`, `time:access_token`, `time:refresh_token` (a clock, or a TTL short
 *   enough to wait out);
 * - `desktop` (a desktop socket).
 */
export type Need =
  | 'public'
  | 'public2'
  | 'confidential'
  | 'confidentialCode'
  | 'usersApi'
  | 'inactive'
  | 'ccClient'
  | 'registration'
  | 'revocation'
  | 'tokenStatus'
  | 'time:code'
  | 'time:access_token'
  | 'time:refresh_token'
  | 'desktop';

/** Everything a property may use; one per property run (its failure record is its own). */
export interface PropertyContext {
  readonly target: Target;
  readonly http: HttpClient;
  readonly time: TimeControl;
  /** Profiles in effect for this run. */
  readonly profiles: readonly Profile[];
  /** Which rules are judged (`rfc`: a product's stricter policy is not held against the target). */
  readonly rules: RulesMode;
  /**
   * Wraps a predicate into a fast-check property that records the HTTP exchanges of the
   * failing run. A predicate fails by throwing (see `PropertyFailure`).
   */
  forAll<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>): fc.IAsyncProperty<[T]>;
  /**
   * `fc.commands` for model-based properties. Use it instead of `fc.commands`: on `--replay` it
   * is given the commands' replayPath, without which a replayed failure would run other commands.
   */
  commands<Model extends object, Real>(
    arbs: Array<fc.Arbitrary<fc.AsyncCommand<Model, Real>>>,
    constraints?: Omit<fc.CommandsContraints, 'replayPath'>,
  ): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, Real>>>;
}

export interface ConformanceProperty {
  readonly id: RequirementId;
  readonly needs?: readonly Need[];
  /** Default number of runs: the whole suite against a local mock stays under 30 s on 2 cores. */
  readonly runs: number;
  /**
   * Runs with no other requirement in flight (`--concurrency`): it may move the target's clock
   * without declaring a `time:` need. Clock-moving areas run alone anyway (runner/concurrency.ts).
   */
  readonly alone?: boolean;
  /**
   * The most requests one run sends, when far more than 8: a run's time limit (a hang bound)
   * scales with it, so that a long walk on a loaded machine is not called a hang.
   */
  readonly requestsPerRun?: number;
  /** A skip reason that only the prepared target can tell (e.g. metadata lacks an endpoint). */
  skipIf?(ctx: PropertyContext): string | undefined | Promise<string | undefined>;
  property(ctx: PropertyContext): fc.IAsyncProperty<[unknown]> | Promise<fc.IAsyncProperty<[unknown]>>;
}

/** An area module: its properties, in catalogue order (built with `areaSuite`, keyed by ID). */
export interface AreaSuite {
  readonly area: Area;
  readonly properties: readonly ConformanceProperty[];
}

export type Status = 'pass' | 'fail' | 'warn' | 'skip';

export interface RecordedExchange {
  curl: string;
  answer: string;
}

export interface RequirementResult {
  id: RequirementId;
  area: Area;
  level: Level;
  text: string;
  source: string;
  /** Whose rule: RFC, BCP (RFC 9700), or a product document. */
  rule: Rule;
  status: Status;
  /** Why it failed or was skipped. */
  message?: string;
  runs: number;
  durationMs: number;
  /** HTTP requests (or desktop calls over HTTP) this requirement sent. */
  requests?: number;
  seed?: number;
  path?: string;
  /** The shrunk input that made it fail. */
  counterexample?: string;
  /** `authprobe test ... --replay ID:SEED:PATH[~COMMANDS]`. */
  replay?: string;
  exchanges?: RecordedExchange[];
}

export interface Report {
  tool: { name: 'authprobe'; version: string };
  target: { issuer: string; source: string; metadataUrl: string; authorize: 'redirect' | 'module'; clock: 'mock' | 'module' | 'none' };
  profiles: Profile[];
  /** Which rules were judged: all of the catalogue, or RFC and BCP rows only. */
  rules: RulesMode;
  seed: number;
  startedAt: string;
  durationMs: number;
  summary: Record<Status, number> & { total: number };
  results: RequirementResult[];
  /** One sentence: what the run shows. */
  verdict: string;
  /** Said beside the verdict: e.g. most rows of a claimed profile were skipped. */
  warnings: string[];
  /** How the run compares with a baseline, when one was given. */
  baseline?: import('../baseline/apply.js').BaselineOutcome;
  /** The run was interrupted (Ctrl-C): rows not reached are `not run`. */
  interrupted?: boolean;
  /** The shard this report covers (`--shard I/N`), when sharded. */
  shard?: { index: number; count: number };
  /** 0 every applicable MUST passed; 1 a MUST failed; 2 nothing was tested. */
  exitCode: 0 | 1 | 2;
  /** How the run spent its time: requirements in flight at once, requests, wall time per area. */
  timing?: RunTiming;
}

export interface RunTiming {
  concurrency: number;
  requests: number;
  /** Per area: from its first requirement's start to its last one's end, and its requests. */
  areas: Array<{ area: Area; wallMs: number; requests: number }>;
}

export type ProgressEvent =
  | { type: 'start'; issuer: string; profiles: Profile[]; seed: number; total: number }
  | { type: 'area'; area: Area }
  | { type: 'requirement'; id: RequirementId }
  | { type: 'result'; result: RequirementResult }
  | { type: 'end'; report: Report };

export type { Replay } from './replay.js';
import type { Replay } from './replay.js';

export interface RunOptions {
  /** Replace the target's claimed profiles. */
  profiles?: Profile[];
  /** Requirement IDs and/or areas. */
  only?: string[];
  /** Runs per property (overrides each property's default). */
  runs?: number;
  seed?: number;
  replay?: Replay;
  /** Longest lifetime an expiry property waits out when the target has no clock (default 10 s). */
  maxWaitSeconds?: number;
  onProgress?(event: ProgressEvent): void;
  /** The command line a replay hint starts with (default `npx authprobe test`). */
  replayCommand?: string;
  /** Aborting it (Ctrl-C) stops the run: rows not reached end as `not run`, the report is marked interrupted. */
  signal?: AbortSignal;
  /** Run only this slice of the selected requirements (`--shard I/N`). */
  shard?: import('./shard.js').Shard;
  /** `rfc`: judge RFC and BCP rows only; product-document rows are skipped (default `all`). */
  rules?: RulesMode;
  /** The property registry (default: every area). */
  suites?: readonly AreaSuite[];
  /**
   * Bounds the whole run, discovery included (the CLI's `--max-time`): requirements not reached
   * by then end as SKIP "not run: --max-time reached" and the run exits 2.
   */
  maxTimeMs?: number;
  /**
   * Requirements in flight at once (default 1, the CLI's `--concurrency` default 8); those that
   * move the clock still run alone, and the desktop ones one at a time (runner/concurrency.ts).
   */
  concurrency?: number;
}
