/**
 * Runs one property with fast-check and turns the outcome into a report row: pass, fail with
 * the shrunk counterexample, seed, path and the failing run's HTTP exchanges, or skip with the
 * reason. A misbehaving target (timeouts, garbage, hangs) becomes a failed row, never a crash.
 */
import fc from 'fast-check';
import { answerLine, toCurl } from '../http/exchange.js';
import type { Exchange } from '../http/exchange.js';
import { MAX_TIME_REACHED, RunStopped, TransportError } from '../http/client.js';
import type { HttpClient } from '../http/client.js';
import type { Profile, RulesMode } from '../../specs/index.js';
import type { Target } from '../target/types.js';
import { readableCounterexample } from './counterexample.js';
import { PropertyFailure, PropertySkip, Severity } from './failure.js';
import { commandsReplayPath } from './replay.js';
import { inPropertyRun } from './positive-control.js';
import { missingNeed } from './needs.js';
import type { TimeControl } from './time.js';
import type { ConformanceProperty, PropertyContext, RecordedExchange } from './types.js';

export interface PropertyRunSettings {
  seed: number;
  numRuns: number;
  path?: string;
  /** fast-check's commands replayPath of the failure being replayed. */
  commands?: string;
  /** fast-check stops generating new runs after this long (the run still counts). */
  budgetMs: number;
  /** A single predicate run that takes longer fails. */
  predicateTimeoutMs: number;
  /** The run's deadline (ms since the epoch, `--max-time`): the property is left unfinished there. */
  deadline?: number;
}

export interface PropertyRunResult {
  status: 'pass' | 'fail' | 'skip';
  message?: string;
  runs: number;
  seed?: number;
  path?: string;
  /** The commands replayPath of a model-based counterexample. */
  commands?: string;
  counterexample?: string;
  exchanges?: RecordedExchange[];
}

const MAX_EXCHANGES_SHOWN = 12;

class Aborted extends Error {
  override name = 'Aborted';
}

function describeError(err: unknown): string {
  if (err instanceof PropertyFailure) return err.message;
  if (err instanceof TransportError) return `the target did not answer: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

export async function runProperty(
  prop: ConformanceProperty,
  env: { target: Target; http: HttpClient; time: TimeControl; profiles: readonly Profile[]; rules: RulesMode },
  settings: PropertyRunSettings,
): Promise<PropertyRunResult> {
  for (const need of prop.needs ?? []) {
    const reason = missingNeed(need, env.target, env.time);
    if (reason) return { status: 'skip', message: reason, runs: 0 };
  }
  let skipped: string | undefined;
  let aborted = false;
  let failingExchanges: Exchange[] = [];
  let unreachable: TransportError | undefined;
  // The run stopped (dead target, --max-time) under this property: not a finding about the target.
  let stopped: string | undefined;
  // Once a run failed with some severity, a run that only finds something milder is not a
  // counterexample: shrinking may not trade the https host change for a loopback port change.
  let floor: number = 0;
  const ctx: PropertyContext = {
    ...env,
    commands: (arbs, constraints = {}) => fc.commands(arbs, { ...constraints, ...(settings.commands ? { replayPath: settings.commands } : {}) }),
    forAll: <T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>) =>
      fc.asyncProperty(arb, async (value: T) => {
        if (aborted) throw new Aborted('the property ran out of time');
        if (skipped) return;
        // A target that stopped answering makes every shrinking step wait for a timeout;
        // the first such failure is the evidence, so shrinking ends at once.
        if (unreachable) throw unreachable;
        const exchanges: Exchange[] = [];
        try {
          await env.http.recordingInto(exchanges, () => inPropertyRun(() => predicate(value)));
        } catch (err) {
          if (err instanceof PropertySkip) {
            skipped = err.message;
            return;
          }
          if (err instanceof RunStopped) {
            stopped ??= err.reason;
            return;
          }
          if (err instanceof PropertyFailure) {
            if (err.severity < floor) return;
            floor = err.severity;
          } else floor = Severity.granted;
          failingExchanges = exchanges;
          if (err instanceof TransportError) unreachable = err;
          throw err;
        }
      }),
  };

  let property: fc.IAsyncProperty<[unknown]>;
  try {
    const reason = await prop.skipIf?.(ctx);
    if (reason) return { status: 'skip', message: reason, runs: 0 };
    property = await prop.property(ctx);
  } catch (err) {
    if (err instanceof PropertySkip) return { status: 'skip', message: err.message, runs: 0 };
    if (err instanceof RunStopped) return { status: 'skip', message: `not run: ${err.reason}`, runs: 0 };
    return { status: 'fail', message: `setting up the property failed: ${describeError(err)}`, runs: 0 };
  }

  const params: fc.Parameters<[unknown]> = {
    seed: settings.seed,
    numRuns: settings.numRuns,
    timeout: settings.predicateTimeoutMs,
    interruptAfterTimeLimit: settings.budgetMs,
    markInterruptAsFailure: false,
  };
  if (settings.path) params.path = settings.path;

  let timer: NodeJS.Timeout | undefined;
  const deadline = settings.budgetMs + settings.predicateTimeoutMs + 5_000;
  const runLeft = settings.deadline === undefined ? Infinity : settings.deadline - Date.now();
  const hang = new Promise<'hang' | 'max-time'>((resolve) => {
    timer = setTimeout(() => resolve(runLeft < deadline ? 'max-time' : 'hang'), Math.max(0, Math.min(deadline, runLeft)));
  });
  const details = await Promise.race([fc.check(property, params), hang]).finally(() => clearTimeout(timer));
  if (details === 'max-time') {
    aborted = true;
    return { status: 'skip', message: `not run: ${MAX_TIME_REACHED}`, runs: 0 };
  }
  if (details === 'hang') {
    aborted = true;
    return { status: 'fail', message: `the property did not finish within ${Math.round(deadline / 1000)} s (the target hangs?)`, runs: 0, seed: settings.seed };
  }
  if (skipped) return { status: 'skip', message: skipped, runs: details.numRuns };
  // A failure found before the run stopped is still the evidence; else the row was not run.
  if (stopped && !details.failed) return { status: 'skip', message: `not run: ${stopped}`, runs: details.numRuns };
  if (!details.failed) return { status: 'pass', runs: details.numRuns, seed: settings.seed };

  const shown = failingExchanges.slice(-MAX_EXCHANGES_SHOWN);
  const result: PropertyRunResult = {
    status: 'fail',
    message: describeError(details.errorInstance),
    runs: details.numRuns,
    seed: details.seed,
    exchanges: shown.map((ex) => ({ curl: toCurl(ex, env.http.secrets), answer: answerLine(ex, env.http.secrets) })),
  };
  if (details.counterexamplePath) result.path = details.counterexamplePath;
  if (details.counterexample) {
    const commands = commandsReplayPath(fc.stringify(details.counterexample[0]));
    if (commands) result.commands = commands;
    result.counterexample = readableCounterexample(details.counterexample[0]);
  }
  return result;
}
