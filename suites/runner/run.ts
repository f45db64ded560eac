/**
 * The runner: loads and prepares the target, runs every selected requirement's property area
 * by area, and returns the report. Target problems (bad file, unreachable server) throw before
 * any property runs; everything after that becomes a row.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isProductRule, type Area, type Profile, type Requirement, type RulesMode } from '../../specs/index.js';
import { HttpClient } from '../http/client.js';
import { redact } from '../http/exchange.js';
import { TargetConfigError } from '../target/errors.js';
import { loadTarget } from '../target/load.js';
import { prepareTarget, DEFAULT_REQUEST_TIMEOUT_MS } from '../target/prepare.js';
import type { Target, TargetSpec } from '../target/types.js';
import { allSuites } from './registry.js';
import { runProperty } from './run-property.js';
import { selectRequirements } from './select.js';
import { TimeControl } from './time.js';
import { formatReplay } from './replay.js';
import type { ConformanceProperty, Report, RequirementResult, RunOptions } from './types.js';
import { judge } from './verdict.js';

const PROPERTY_BUDGET_MS = 20_000;

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
  options: Pick<RunOptions, 'runs' | 'replay' | 'replayCommand'> & { seed: number },
): Promise<RequirementResult> {
  const { profiles, time } = env;
  const seed = options.seed;
  const spec = env.target.spec;
  const requestTimeoutMs = env.target.requestTimeoutMs;
  const t0 = Date.now();
  const row: RequirementResult = { id: req.id, area: req.area, level: req.level, text: req.text, source: req.source, rule: req.rule, status: 'skip', runs: 0, durationMs: 0 };
  if (!applicable(req, profiles)) {
    row.message = `profile not claimed: applies to ${req.profiles.join(', ')}; the target claims ${profiles.join(', ')}`;
  } else if (env.rules === 'rfc' && isProductRule(req.rule)) {
    row.message = `product rule (${req.rule}): not judged under --rules rfc`;
  } else if (!prop) {
    row.message = `no property for ${req.id} in this build of the ${req.area} suite`;
  } else {
    const settings = {
      seed,
      numRuns: options.replay ? 1 : Math.max(1, options.runs ?? prop.runs),
      budgetMs: PROPERTY_BUDGET_MS,
      predicateTimeoutMs: requestTimeoutMs * 8 + time.maxWaitSeconds * 1000 + 5_000,
      ...(options.replay ? { path: options.replay.path } : {}),
      ...(options.replay?.commands ? { commands: options.replay.commands } : {}),
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
  registry: ReadonlyMap<string, ConformanceProperty>;
  close(): Promise<void>;
}

/**
 * Loads, validates and prepares the target (discovery, clients, clock) for a run. Shared by
 * `runSuites` and `conformance()`, so both judge a target in exactly the same way.
 */
export async function openRun(target: TargetSpec | string, options: Pick<RunOptions, 'profiles' | 'rules' | 'maxWaitSeconds' | 'suites'> = {}): Promise<OpenedRun> {
  const spec = typeof target === 'string' ? loadTarget(target) : target;
  const profiles = options.profiles?.length ? [...new Set(options.profiles)] : spec.profiles;
  checkProfiles(profiles, spec.source);
  const registry = new Map<string, ConformanceProperty>();
  for (const suite of options.suites ?? allSuites) for (const p of suite.properties) registry.set(p.id, p);
  const http = new HttpClient({ timeoutMs: spec.timeouts?.request_ms ?? DEFAULT_REQUEST_TIMEOUT_MS, secrets: spec.secrets });
  try {
    const prepared = await prepareTarget(spec, http, profiles);
    const time = new TimeControl(prepared, options.maxWaitSeconds ?? 10);
    return { env: { target: prepared, http, time, profiles, rules: options.rules ?? 'all' }, registry, close: () => http.close() };
  } catch (err) {
    await http.close();
    throw err;
  }
}

export async function runSuites(target: TargetSpec | string, options: RunOptions = {}): Promise<Report> {
  const selected = selectRequirements(options.replay ? [options.replay.id] : options.only);
  const seed = options.replay?.seed ?? options.seed ?? randomInt(0, 2 ** 31 - 1);
  const started = Date.now();
  const run = await openRun(target, options);
  const { env, registry } = run;
  const prepared = env.target;
  const results: RequirementResult[] = [];
  try {
    options.onProgress?.({ type: 'start', issuer: prepared.issuer, profiles: env.profiles, seed, total: selected.length });
    let area: Area | undefined;
    for (const req of selected) {
      if (req.area !== area) {
        area = req.area;
        options.onProgress?.({ type: 'area', area });
      }
      options.onProgress?.({ type: 'requirement', id: req.id });
      const row = await evaluateRequirement(req, registry.get(req.id), env, { ...options, seed });
      results.push(row);
      options.onProgress?.({ type: 'result', result: row });
    }
    const verdict = judge(results, env.profiles);
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
    };
    options.onProgress?.({ type: 'end', report });
    return report;
  } finally {
    await run.close();
  }
}
