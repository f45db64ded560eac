/**
 * What a security engineer adopting authprobe in CI relies on, run as they would run it: the
 * CLI in a child process against a mock on a socket. Baselines (expected failures and skips,
 * stale entries, the entry to paste), shards that cover every requirement once and merge into
 * the unsharded report, --json -, --quiet, colours, GitHub annotations and JUnit names.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { requirements } from '../../specs/index.js';
import { mergeReports } from '../../suites/report/merge.js';
import { runSuites } from '../../suites/runner/run.js';
import { assignShards } from '../../suites/runner/shard.js';
import type { Report } from '../../suites/runner/types.js';
import { defineTarget, loadTarget } from '../../suites/target/load.js';
import { targetForMock } from '../mock-target.js';
import { runCli, startCli } from './cli.test-support.js';

const dir = mkdtempSync(join(tmpdir(), 'authprobe-ci-'));
let broken: RunningMock;
let conformant: RunningMock;
let brokenTarget: string;
let conformantTarget: string;

beforeAll(async () => {
  broken = await startMock({ port: 0, consent: 'auto', desktop: false, defects: ['pkce-plain-accepted'] });
  conformant = await startMock({ port: 0, consent: 'auto', desktop: false });
  brokenTarget = join(dir, 'broken.json');
  conformantTarget = join(dir, 'conformant.json');
  writeFileSync(brokenTarget, JSON.stringify(targetForMock(broken)));
  writeFileSync(conformantTarget, JSON.stringify(targetForMock(conformant)));
});
afterAll(async () => {
  await broken?.close();
  await conformant?.close();
});

describe('baselines', () => {
  it('PKCE-2: a baseline written from a failing run lets that run pass, names the new failure with the entry to paste, and goes stale once fixed', async () => {
    const reportFile = join(dir, 'r.json');
    const first = await runCli(['test', '--config', brokenTarget, '--only', 'PKCE', '--seed', '4', '--json', reportFile, '--quiet']);
    expect(first.code).toBe(1);
    const written = await runCli(['baseline', '--from', reportFile, '--out', join(dir, 'baseline.json')]);
    expect(written.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { failures: Array<{ id: string; rule: string }> };
    expect(baseline.failures.map((f) => [f.id, f.rule])).toEqual([['PKCE-2', 'public-clients']]);

    const known = await runCli(['test', '--config', brokenTarget, '--only', 'PKCE', '--seed', '4', '--expected-failures', join(dir, 'baseline.json'), '--quiet']);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/Every failure is in the baseline \(1 expected\)/);

    writeFileSync(join(dir, 'empty.json'), JSON.stringify({ failures: [] }));
    const fresh = await runCli(['test', '--config', brokenTarget, '--only', 'PKCE', '--seed', '4', '--expected-failures', join(dir, 'empty.json'), '--quiet']);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toMatch(/1 new failure\(s\): PKCE-2/);
    expect(fresh.stdout).toMatch(/"id": "PKCE-2",\s+"rule": "public-clients",\s+"summary": "code_challenge_method=plain/);

    const stale = await runCli(['test', '--config', conformantTarget, '--only', 'PKCE', '--seed', '4', '--expected-failures', join(dir, 'baseline.json'), '--quiet']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/1 stale baseline entry \(passing now, remove it\): PKCE-2/);
  }, 300_000);

  it('REG-1..REG-10: with --expected-skips, a skip the baseline does not list fails the run', async () => {
    const target = targetForMock(conformant);
    delete target.registration;
    writeFileSync(join(dir, 'no-registration.json'), JSON.stringify(target));
    writeFileSync(join(dir, 'skips.json'), JSON.stringify({ failures: [], skips: [{ id: 'REG-1', summary: 'no registration credential' }] }));
    const r = await runCli(['test', '--config', join(dir, 'no-registration.json'), '--only', 'REG,CC-1', '--expected-skips', join(dir, 'skips.json'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/9 skip\(s\) not in the baseline: REG-2, REG-3, REG-4, REG-5, REG-6, REG-7, REG-8, REG-9, REG-10/);
  }, 300_000);

  it('a baseline that is not one is a clear exit-2 error naming the field', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ failures: [{ id: 'PKCE-99' }] }));
    const r = await runCli(['test', '--config', conformantTarget, '--expected-failures', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failures\[0\]\.id "PKCE-99" is not a requirement ID/);
  }, 300_000);
});

describe('shards', () => {
  it('every requirement falls in exactly one of n shards, for n = 1..8', () => {
    for (let n = 1; n <= 8; n++) {
      const assigned = assignShards(requirements, n);
      expect(assigned.size).toBe(requirements.length);
      expect(new Set(assigned.values()).size).toBe(Math.min(n, requirements.length));
    }
  }, 300_000);

  it('PKCE-2: three shards merged equal the unsharded run with the same seed', async () => {
    const spec = defineTarget(targetForMock(broken));
    const only = ['RED', 'PKCE', 'DG', 'TOK'];
    const whole = await runSuites(spec, { only, seed: 9 });
    const shards: Report[] = [];
    for (let i = 1; i <= 3; i++) shards.push(await runSuites(spec, { only, seed: 9, shard: { index: i, count: 3 } }));
    const ids = shards.flatMap((s) => s.results.map((r) => r.id));
    expect(ids.sort()).toEqual(whole.results.map((r) => r.id).sort());
    const merged = mergeReports(shards.map((report, i) => ({ name: `shard-${i + 1}.json`, report })));
    const essence = (r: Report) => ({ exitCode: r.exitCode, verdict: r.verdict, summary: r.summary, rows: r.results.map((x) => [x.id, x.status, x.counterexample, x.path, x.message?.replace(/code=[^&\s]+/g, "code=…")]) });
    expect(essence(merged)).toEqual(essence(whole));
    expect(merged.results.find((r) => r.id === 'PKCE-2')?.status).toBe('fail');
  }, 300_000);

  it('report merge writes the joined JSON, JUnit and HTML, and refuses a shard missing or given twice', async () => {
    for (const i of [1, 2]) {
      const r = await runCli(['test', '--config', brokenTarget, '--only', 'PKCE', '--seed', '2', '--shard', `${i}/2`, '--json', join(dir, `s${i}.json`), '--quiet']);
      expect(r.code === 0 || r.code === 1).toBe(true);
    }
    const merged = await runCli(['report', 'merge', join(dir, 's1.json'), join(dir, 's2.json'), '--json', join(dir, 'merged.json'), '--junit', join(dir, 'merged.xml'), '--html', join(dir, 'merged.html'), '--quiet']);
    expect(merged.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8')) as Report;
    expect(report.results.map((r) => r.id)).toEqual(requirements.filter((r) => r.area === 'PKCE').map((r) => r.id));
    expect(readFileSync(join(dir, 'merged.xml'), 'utf8')).toContain('name="PKCE-2"');
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toContain('PKCE-2');
    const missing = await runCli(['report', 'merge', join(dir, 's1.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shard 2 of 2 missing/);
    const twice = await runCli(['report', 'merge', join(dir, 's1.json'), join(dir, 's1.json')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/is in both/);
  }, 300_000);
});

describe('output for CI', () => {
  it('PKCE-2: --json - puts the report alone on stdout, GitHub annotations and colours follow the environment', async () => {
    const r = await runCli(['test', '--config', brokenTarget, '--only', 'PKCE-2,PKCE-5', '--seed', '3', '--json', '-'], { env: { GITHUB_ACTIONS: 'false' } });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.map((x) => [x.id, x.status])).toEqual([['PKCE-2', 'fail'], ['PKCE-5', 'pass']]);
    expect(r.stderr).toMatch(/PKCE-2\s+MUST/);
    expect(r.stderr).not.toMatch(/\x1b\[/);

    const gh = await runCli(['test', '--config', brokenTarget, '--only', 'PKCE-2', '--seed', '3', '--quiet'], { env: { GITHUB_ACTIONS: 'true', NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(gh.stdout).toMatch(/^::error title=PKCE-2 FAIL \(MUST%2C public-clients\)::/m);
    expect(gh.stdout).not.toMatch(/^\s+PASS/m);
    const colored = await runCli(['test', '--config', conformantTarget, '--only', 'PKCE-9', '--seed', '3'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(colored.stdout).toMatch(/\x1b\[32mPASS/);
  }, 300_000);
});

describe('interrupting a run', () => {
  it('Ctrl-C writes a partial report marked interrupted, exits 130 and leaves no socket behind', async () => {
    const reportFile = join(dir, 'interrupted.json');
    // The embedded mock's desktop socket goes under XDG_RUNTIME_DIR: a fresh one shows what is left.
    const runtime = mkdtempSync(join(tmpdir(), 'authprobe-runtime-'));
    const run = await startCli(['test', '--json', reportFile], /^\s+PASS /m, { env: { XDG_RUNTIME_DIR: runtime } });
    const sockets = () => readdirSync(runtime, { recursive: true }).filter((f) => String(f).endsWith('.sock'));
    expect(sockets().length).toBe(1);
    const started = Date.now();
    const result = await run.stop('SIGINT');
    expect(result.code).toBe(130);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.stderr).toMatch(/interrupted; finishing the partial report/);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    expect(report.interrupted).toBe(true);
    expect(report.results.some((r) => r.message === 'not run: the run was interrupted')).toBe(true);
    expect(sockets()).toEqual([]);
  }, 300_000);

  it('--max-time ends a run with the rows not reached as not run, exit 2', async () => {
    const r = await runCli(['test', '--config', conformantTarget, '--max-time', '2', '--json', join(dir, 'max-time.json'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Run stopped: --max-time reached/);
    const bad = await runCli(['test', '--max-time', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-time must be a positive duration/);
  }, 300_000);
});

describe('authprobe init', () => {
  it('writes a commented JSONC target file from the metadata that loads once the clients are filled in; refuses to overwrite', async () => {
    const out = join(dir, 'init.jsonc');
    const r = await runCli(['init', '--issuer', conformant.issuer, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^\/\/ authprobe target for /);
    expect(text).toContain('"profiles": ["public-client","confidential"]');
    const filled = text.replace('"client_id": "REPLACE_ME", "redirect_uri": "http://127.0.0.1:8765/callback"', '"client_id": "demo-public", "redirect_uri": "http://127.0.0.1:8765/callback"');
    writeFileSync(join(dir, 'filled.jsonc'), filled);
    process.env.AUTHPROBE_CONFIDENTIAL_SECRET = 'x';
    try {
      expect(loadTarget(join(dir, 'filled.jsonc')).clients?.public?.client_id).toBe('demo-public');
    } finally {
      delete process.env.AUTHPROBE_CONFIDENTIAL_SECRET;
    }
    const again = await runCli(['init', '--issuer', conformant.issuer, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; choose another --out, or --force/);
    const nowhere = await runCli(['init', '--issuer', 'http://127.0.0.1:9', '--out', join(dir, 'none.jsonc')]);
    expect(nowhere.code).toBe(2);
  }, 300_000);
});
