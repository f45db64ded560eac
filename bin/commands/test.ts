/**
 * `authprobe test`: runs the conformance suites against a target file, or, without --config,
 * against the embedded mock (HTTP and desktop socket) started for the run. Exit 0 when every
 * applicable MUST passes, 1 when one fails, 2 for usage, config or connection errors.
 */
import { parseArgs } from 'node:util';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { targetForMock } from '../mock-target.js';

export { targetForMock };
import { PROFILES, RULE_MODES, type Profile, type RulesMode } from '../../specs/index.js';
import {
  consoleProgress,
  defineTarget,
  formatReport,
  loadTarget,
  parseReplay,
  runSuites,
  SelectionError,
  TargetConfigError,
  TargetUnreachableError,
  applyBaseline,
  githubAnnotations,
  loadBaseline,
  parseShard,
  BaselineError,
  DEFAULT_CONCURRENCY,
  type Replay,
  type Shard,
  type Report,
  type TargetFile,
  type TargetSpec,
} from '../../suites/api.js';
import { writeReports } from '../report-output.js';
import { UsageError } from '../usage.js';


function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be an integer (got '${value}')`);
  return Number(value);
}


/** Colour when asked (FORCE_COLOR other than 0) or on a terminal, never with NO_COLOR set. */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: 'string' },
      profile: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      runs: { type: 'string' },
      seed: { type: 'string' },
      replay: { type: 'string' },
      rules: { type: 'string' },
      shard: { type: 'string' },
      'expected-failures': { type: 'string' },
      'expected-skips': { type: 'string' },
      json: { type: 'string' },
      junit: { type: 'string' },
      html: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'max-time': { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const maxTimeMs = values['max-time'] === undefined ? undefined : duration('max-time', values['max-time']);
  const runs = integer('runs', values.runs);
  if (runs !== undefined && runs < 1) throw new UsageError('--runs must be at least 1');
  const seed = integer('seed', values.seed);
  const concurrency = integer('concurrency', values.concurrency) ?? DEFAULT_CONCURRENCY;
  if (concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be between 1 and 64 (requirements in flight at once)');
  const profiles = (values.profile ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  for (const p of profiles) {
    if (!(PROFILES as readonly string[]).includes(p)) throw new UsageError(`--profile: unknown profile '${p}'. Profiles: ${PROFILES.join(', ')}`);
  }
  const rules = values.rules ?? 'all';
  if (!(RULE_MODES as readonly string[]).includes(rules)) {
    throw new UsageError(`--rules: unknown mode '${rules}'. Modes: all (every rule of the catalogue), rfc (RFC and RFC 9700 rules only)`);
  }
  let replay: Replay | undefined;
  let shard: Shard | undefined;
  let baselines: Parameters<typeof applyBaseline>[1] = {};
  try {
    replay = values.replay === undefined ? undefined : parseReplay(values.replay);
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
    if (values['expected-failures']) baselines = { ...baselines, failures: loadBaseline(values['expected-failures']) };
    if (values['expected-skips']) baselines = { ...baselines, skips: loadBaseline(values['expected-skips']) };
  } catch (err) {
    if (err instanceof BaselineError) return fail2(err.message);
    throw new UsageError((err as Error).message);
  }

  // With --json -, stdout carries the JSON report alone; everything for people goes to stderr.
  const human = values.json === '-' ? process.stderr : process.stdout;
  const out = (text: string) => human.write(text);
  const color = useColor(human);

  // Ctrl-C (or SIGTERM) stops the run between requests; the partial report is still written,
  // marked interrupted, and the mock and its socket are closed. A second Ctrl-C exits at once.
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write('\nauthprobe test: interrupted; finishing the partial report (Ctrl-C again to quit at once)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let mock: RunningMock | undefined;
  let report: Report;
  try {
    let spec: TargetSpec;
    if (values.config) spec = loadTarget(values.config);
    else {
      mock = await startMock({ port: 0, consent: 'auto' });
      spec = defineTarget(targetForMock(mock), { source: 'embedded mock' });
    }
    const replayCommand = ['npx authprobe test', values.config ? `--config ${values.config}` : '', ...profiles.map((p) => `--profile ${p}`), rules === 'rfc' ? '--rules rfc' : ''].filter(Boolean).join(' ');
    report = await runSuites(spec, {
      ...(profiles.length ? { profiles: profiles as Profile[] } : {}),
      ...(values.only ? { only: values.only } : {}),
      ...(runs !== undefined ? { runs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(replay ? { replay } : {}),
      ...(shard ? { shard } : {}),
      ...(maxTimeMs !== undefined ? { maxTimeMs } : {}),
      // A replay is one property: nothing to run beside it.
      concurrency: replay ? 1 : concurrency,
      signal: interrupt.signal,
      rules: rules as RulesMode,
      replayCommand,
      ...(values.quiet ? {} : { onProgress: consoleProgress({ write: out, color, counter: human.isTTY === true }) }),
    });
  } catch (err) {
    if (err instanceof TargetConfigError || err instanceof TargetUnreachableError) return fail2(err.message);
    if (err instanceof SelectionError) throw new UsageError(err.message);
    throw err;
  } finally {
    await mock?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  if (baselines.failures || baselines.skips) report = applyBaseline(report, baselines);
  out(values.quiet ? formatFailures(report) : formatReport(report, { color }));
  if (report.baseline?.new.length) {
    out(`\nNew failures, as baseline entries (paste into ${values['expected-failures'] ?? 'the baseline'} only after review):\n${JSON.stringify(report.baseline.new, null, 2)}\n`);
  }
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(githubAnnotations(report));
  const failed = writeReports(report, values);
  if (failed) return fail2(failed);
  return report.interrupted ? 130 : report.exitCode;
}

/** `90`, `90s`, `15m`, `1h` -> milliseconds. */
function duration(name: string, value: string): number {
  const m = /^(\d+)(s|m|h)?$/.exec(value.trim());
  if (!m || Number(m[1]) === 0) throw new UsageError(`--${name} must be a positive duration in seconds, or with s, m or h (e.g. 90, 15m), got '${value}'`);
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 's' | 'm' | 'h'];
}

function fail2(message: string): number {
  process.stderr.write(`authprobe test: ${message}\n`);
  return 2;
}

/** --quiet: the failing rows and the verdict, nothing else. */
function formatFailures(report: Report): string {
  const rows = report.results.filter((r) => r.status === 'fail' || r.status === 'warn');
  return `${rows.map((r) => `${r.status.toUpperCase()} ${r.id} (${r.level}, ${r.rule}): ${(r.message ?? '').split('\n')[0]}${r.replay ? `\n  replay: ${r.replay}` : ''}`).join('\n')}${rows.length ? '\n' : ''}${report.verdict}\n`;
}
