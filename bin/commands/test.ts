/**
 * `authprobe test`: runs the conformance suites against a target file, or, without --config,
 * against the embedded mock (HTTP and desktop socket) started for the run. Exit 0 when every
 * applicable MUST passes, 1 when one fails, 2 for usage, config or connection errors.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
  toHtml,
  toJson,
  toJUnit,
  type Replay,
  type Report,
  type TargetFile,
  type TargetSpec,
} from '../../suites/api.js';
import { UsageError } from '../usage.js';


function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be an integer (got '${value}')`);
  return Number(value);
}

function writeReport(file: string, text: string): void {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
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
      json: { type: 'string' },
      junit: { type: 'string' },
      html: { type: 'string' },
    },
  });
  const runs = integer('runs', values.runs);
  if (runs !== undefined && runs < 1) throw new UsageError('--runs must be at least 1');
  const seed = integer('seed', values.seed);
  const profiles = (values.profile ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  for (const p of profiles) {
    if (!(PROFILES as readonly string[]).includes(p)) throw new UsageError(`--profile: unknown profile '${p}'. Profiles: ${PROFILES.join(', ')}`);
  }
  const rules = values.rules ?? 'all';
  if (!(RULE_MODES as readonly string[]).includes(rules)) {
    throw new UsageError(`--rules: unknown mode '${rules}'. Modes: all (every rule of the catalogue), rfc (RFC and RFC 9700 rules only)`);
  }
  let replay: Replay | undefined;
  try {
    replay = values.replay === undefined ? undefined : parseReplay(values.replay);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }

  const out = (text: string) => process.stdout.write(text);
  const fail2 = (message: string) => {
    process.stderr.write(`authprobe test: ${message}\n`);
    return 2;
  };

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
      rules: rules as RulesMode,
      replayCommand,
      onProgress: consoleProgress({ write: out, color: process.stdout.isTTY === true && !process.env.NO_COLOR }),
    });
  } catch (err) {
    if (err instanceof TargetConfigError || err instanceof TargetUnreachableError) return fail2(err.message);
    if (err instanceof SelectionError) throw new UsageError(err.message);
    throw err;
  } finally {
    await mock?.close();
  }

  out(formatReport(report));
  try {
    if (values.json) writeReport(values.json, toJson(report));
    if (values.junit) writeReport(values.junit, toJUnit(report));
    if (values.html) writeReport(values.html, toHtml(report));
  } catch (err) {
    return fail2(`cannot write the report: ${(err as Error).message}`);
  }
  return report.exitCode;
}
