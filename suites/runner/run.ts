/**
 * The runner: loads and prepares the target, runs every selected requirement's property area
 * by area, and returns the report. Target problems (bad file, unreachable server) throw before
 * any property runs; everything after that becomes a row.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isProductRule, type Area, type Profile, type Requirement, type RulesMode } from '../../specs/index.js';
import { HttpClient, INTERRUPTED, MAX_TIME_REACHED, TARGET_STOPPED_ANSWERING } from '../http/client.js';
import { redact } from '../http/exchange.js';
import { TargetConfigError } from '../target/errors.js';
import { loadTarget } from '../target/load.js';
import { prepareTarget, DEFAULT_REQUEST_TIMEOUT_MS } from '../target/prepare.js';
import type { Target, TargetSpec } from '../target/types.js';
import { allSuites } from './registry.js';
import { runProperty } from './run-property.js';
import { selectRequirements } from './select.js';
import { shardOf } from './shard.js';
import { TimeControl } from './time.js';
import { formatReplay } from './replay.js';
import type { ConformanceProperty, Report, RequirementResult, RunOptions, RunTiming } from './types.js';
import { laneOf, runsAlone, schedule } from './concurrency.js';
import { judge } from './verdict.js';

const PROPERTY_BUDGET_MS = 20_000;

/**
 * Requests in a row that time out before the run decides the target stopped answering: the
 * remaining rows are not run (each would wait out its own timeouts; 39 rows took ~7.5 min).
 * With requirements side by side, one stall of the target times out every request in flight at
 * once, so the run stops only after that many more (`deadTargetTimeouts`).
 */
export const DEAD_TARGET_TIMEOUTS = 3;

/** Timeouts in a row that stop a run with `concurrency` requirements in flight. */
export function deadTargetTimeouts(concurrency: number): number {
  return DEAD_TARGET_TIMEOUTS + Math.max(1, Math.floor(concurrency)) - 1;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function applicable(req: Requirement, profiles: readonly Profile[]): boolean {
  return req.profiles.some((p) => profiles.includes(p));
}

function checkProfiles(profiles: Profile[], source: string): void {
  if (profiles.includes('public-client') && profiles.includes('native-loopback')) {
    throw new TargetConfigError(source, [{ path: '--profile', problem: 'claims both public-client and native-loopback', fix: 'Claim one of them.' }]);
  }
}


export interface RequirementEnv {
  target: Target;
  http: HttpClient;
  time: TimeControl;
  profiles: Profile[];
  rules: RulesMode;
}

/** One requirement's row: skipped when not applicable or without a property, else its property's outcome. */
export async function evaluateRequirement(
  req: Requirement,
  prop: ConformanceProperty | undefined,
  env: RequirementEnv,
  options: Pick<RunOptions, 'runs' | 'replay' | 'replayCommand'> & { seed: number; deadline?: number },
): Promise<RequirementResult> {
  const { profiles, time } = env;
  const seed = options.seed;
  const spec = env.target.spec;
  const requestTimeoutMs = env.target.requestTimeoutMs;
  const t0 = Date.now();
  const row: RequirementResult = { id: req.id, area: req.area, level: req.level, text: req.text, source: req.source, rule: req.rule, status: 'skip', runs: 0, durationMs: 0 };
  const stopped = env.http.stopped;
  if (!applicable(req, profiles)) {
    row.message = `profile not claimed: applies to ${req.profiles.join(', ')}; the target claims ${profiles.join(', ')}`;
  } else if (env.rules === 'rfc' && isProductRule(req.rule)) {
    row.message = `product rule (${req.rule}): not judged under --rules rfc`;
  } else if (stopped) {
    row.message = `not run: ${stopped.reason}`;
  } else if (!prop) {
    row.message = `no property for ${req.id} in this build of the ${req.area} suite`;
  } else {
    const settings = {
      seed,
      numRuns: options.replay ? 1 : Math.max(1, options.runs ?? prop.runs),
      budgetMs: PROPERTY_BUDGET_MS,
      predicateTimeoutMs: requestTimeoutMs * Math.max(8, prop.requestsPerRun ?? 0) + time.maxWaitSeconds * 1000 + 5_000,
      ...(options.replay ? { path: options.replay.path } : {}),
      ...(options.replay?.commands ? { commands: options.replay.commands } : {}),
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
    };
    const out = await runProperty(prop, env, settings);
    row.status = out.status === 'fail' && req.level === 'SHOULD' ? 'warn' : out.status;
    row.runs = out.runs;
    if (out.message) {
      const whose = out.status === 'fail' && isProductRule(req.rule) ? ` [product rule: ${req.rule}, not an RFC requirement]` : '';
      row.message = redact(out.message, spec.secrets) + whose;
    }
    if (out.seed !== undefined) row.seed = out.seed;
    if (out.status === 'fail') {
      if (out.path !== undefined) row.path = out.path;
      if (out.counterexample !== undefined) row.counterexample = redact(out.counterexample, spec.secrets);
      if (out.exchanges) row.exchanges = out.exchanges;
      const token = formatReplay({ id: req.id, seed: out.seed ?? seed, path: out.path ?? '', ...(out.commands ? { commands: out.commands } : {}) });
      row.replay = `${options.replayCommand ?? 'npx authprobe test'} --replay '${token}'`;
    }
  }
  row.durationMs = Date.now() - t0;
  return row;
}

/** What every requirement of one run shares: the prepared target, HTTP client, clock and rules. */
export interface OpenedRun {
  env: RequirementEnv;
  /** When the run must end (ms since the epoch), with `maxTimeMs`. */
  deadline?: number;
  registry: ReadonlyMap<string, ConformanceProperty>;
  close(): Promise<void>;
}

/**
 * Loads, validates and prepares the target (discovery, clients, clock) for a run. Shared by
 * `runSuites` and `conformance()`, so both judge a target in exactly the same way.
 */
export async function openRun(target: TargetSpec | string, options: Pick<RunOptions, 'profiles' | 'rules' | 'maxWaitSeconds' | 'suites' | 'maxTimeMs' | 'concurrency'> = {}): Promise<OpenedRun> {
  const deadline = options.maxTimeMs === undefined ? undefined : Date.now() + options.maxTimeMs;
  const spec = typeof target === 'string' ? loadTarget(target) : target;
  const profiles = options.profiles?.length ? [...new Set(options.profiles)] : spec.profiles;
  checkProfiles(profiles, spec.source);
  const registry = new Map<string, ConformanceProperty>();
  for (const suite of options.suites ?? allSuites) for (const p of suite.properties) registry.set(p.id, p);
  const http = new HttpClient({
    timeoutMs: spec.timeouts?.request_ms ?? DEFAULT_REQUEST_TIMEOUT_MS,
    secrets: spec.secrets,
    stopAfterTimeouts: deadTargetTimeouts(options.concurrency ?? 1),
    ...(deadline !== undefined ? { deadline } : {}),
  });
  try {
    const prepared = await prepareTarget(spec, http, profiles);
    const time = new TimeControl(prepared, options.maxWaitSeconds ?? 10);
    return { env: { target: prepared, http, time, profiles, rules: options.rules ?? 'all' }, registry, ...(deadline !== undefined ? { deadline } : {}), close: () => http.close() };
  } catch (err) {
    await http.close();
    throw err;
  }
}

function runTiming(selected: readonly Requirement[], spans: ReadonlyArray<{ start: number; end: number; requests: number }>, concurrency: number): RunTiming {
  const areas = new Map<Area, { start: number; end: number; requests: number }>();
  selected.forEach((req, i) => {
    const span = spans[i];
    if (!span) return;
    const a = areas.get(req.area);
    if (!a) areas.set(req.area, { ...span });
    else areas.set(req.area, { start: Math.min(a.start, span.start), end: Math.max(a.end, span.end), requests: a.requests + span.requests });
  });
  const list = [...areas].map(([area, a]) => ({ area, wallMs: a.end - a.start, requests: a.requests }));
  return { concurrency, requests: list.reduce((n, a) => n + a.requests, 0), areas: list };
}

export async function runSuites(target: TargetSpec | string, options: RunOptions = {}): Promise<Report> {
  const chosen = selectRequirements(options.replay ? [options.replay.id] : options.only);
  const selected = options.shard && !options.replay ? shardOf(chosen, options.shard) : chosen;
  const seed = options.replay?.seed ?? options.seed ?? randomInt(0, 2 ** 31 - 1);
  const started = Date.now();
  const run = await openRun(target, options);
  const { env, registry } = run;
  const prepared = env.target;
  const results: RequirementResult[] = [];
  const interrupt = () => env.http.halt(INTERRUPTED, 'Ctrl-C');
  if (options.signal?.aborted) interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    options.onProgress?.({ type: 'start', issuer: prepared.issuer, profiles: env.profiles, seed, total: selected.length });
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    // Rows are reported in catalogue order whatever order they finish in.
    const done: Array<RequirementResult | undefined> = [];
    const spans: Array<{ start: number; end: number; requests: number }> = [];
    let area: Area | undefined;
    let reported = 0;
    const flush = () => {
      for (; reported < selected.length && done[reported]; reported++) {
        const req = selected[reported]!;
        if (req.area !== area) {
          area = req.area;
          options.onProgress?.({ type: 'area', area });
        }
        options.onProgress?.({ type: 'requirement', id: req.id });
        results.push(done[reported]!);
        options.onProgress?.({ type: 'result', result: done[reported]! });
      }
    };
    await schedule(selected.length, concurrency, (i) => runsAlone(selected[i]!, registry.get(selected[i]!.id)), async (i) => {
      const req = selected[i]!;
      const counter = { requests: 0 };
      const start = Date.now();
      const row = await env.http.countingInto(counter, () =>
        evaluateRequirement(req, registry.get(req.id), env, { ...options, seed, ...(run.deadline !== undefined ? { deadline: run.deadline } : {}) }));
      if (counter.requests > 0) row.requests = counter.requests;
      spans[i] = { start, end: Date.now(), requests: counter.requests };
      done[i] = row;
      flush();
    }, (i) => laneOf(selected[i]!));
    const verdict = judge(results, env.profiles);
    const stopped = env.http.stopped;
    const notRun = stopped ? results.filter((r) => r.message === `not run: ${stopped.reason}`).length : 0;
    // A dead target ends the run whatever was left; a deadline passed after the last row does not.
    if (stopped && (stopped.reason !== MAX_TIME_REACHED || notRun > 0)) {
      // An unfinished run proves nothing either way: exit 2 with the reason, failures found before named.
      const failed = results.filter((r) => r.status === 'fail').map((r) => r.id);
      const why = stopped.reason === TARGET_STOPPED_ANSWERING ? `${TARGET_STOPPED_ANSWERING} (${stopped.detail})` : stopped.reason === MAX_TIME_REACHED ? `${MAX_TIME_REACHED} (${options.maxTimeMs} ms)` : stopped.reason;
      verdict.exitCode = 2;
      verdict.verdict = `Run stopped: ${why}; ${notRun} requirement(s) not run${failed.length ? `; failed before that: ${failed.join(', ')}` : ''}.`;
    }
    const report: Report = {
      tool: { name: 'authprobe', version: version() },
      target: {
        issuer: prepared.issuer,
        source: prepared.spec.source,
        metadataUrl: prepared.metadataUrl,
        authorize: prepared.authorizeMode,
        clock: prepared.clock?.kind ?? 'none',
      },
      profiles: env.profiles,
      rules: env.rules,
      seed,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      summary: verdict.summary,
      results,
      verdict: verdict.verdict,
      warnings: verdict.warnings,
      exitCode: verdict.exitCode,
      ...(options.shard ? { shard: options.shard } : {}),
      ...(env.http.stopped?.reason === INTERRUPTED ? { interrupted: true } : {}),
      timing: runTiming(selected, spans, concurrency),
    };
    options.onProgress?.({ type: 'end', report });
    return report;
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    await run.close();
  }
}
