/**
 * docs/ci.md's GitHub Actions workflow, run: the YAML parses, its matrix and its --shard agree,
 * and every `npx authprobe` step runs as written (the matrix expanded, `npx authprobe` being
 * this checkout's CLI) against a mock server, ending in one merged report.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startMock, type RunningMock } from '../../mocks/index.js';
import type { Report } from '../../suites/runner/types.js';
import { targetForMock } from '../mock-target.js';
import { runCli } from './cli.test-support.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
interface Workflow {
  jobs: Record<string, { strategy?: { matrix?: { shard?: number[] } }; steps: Step[]; needs?: string }>;
}

const doc = readFileSync(fileURLToPath(new URL('../../docs/ci.md', import.meta.url)), 'utf8');
const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

/** `npx authprobe a b c` -> ['a', 'b', 'c'] (the workflow's commands use no quoting). */
function authprobeArgs(line: string): string[] | undefined {
  const m = /^npx authprobe (.*)$/.exec(line.trim());
  return m ? (m[1] as string).split(/\s+/) : undefined;
}

describe('docs/ci.md: the GitHub Actions workflow', () => {
  let mock: RunningMock;
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-workflow-'));
  beforeAll(async () => {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false });
    mkdirSync(join(dir, 'authprobe'));
    writeFileSync(join(dir, 'authprobe', 'target.json'), JSON.stringify(targetForMock(mock)));
    writeFileSync(join(dir, 'authprobe', 'baseline.json'), JSON.stringify({ failures: [] }));
  });
  afterAll(() => mock?.close());

  it('parses, and its matrix has as many shards as its --shard names', () => {
    const wf = parse(yamlBlock) as Workflow;
    const shards = wf.jobs.conformance?.strategy?.matrix?.shard ?? [];
    const run = wf.jobs.conformance?.steps.find((s) => s.run?.includes('--shard'))?.run ?? '';
    expect(shards).toEqual([1, 2, 3]);
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(wf.jobs.report?.needs).toBe('conformance');
  });

  it('every npx authprobe step runs as written: three shards, then the merge, exit 0 against a conformant server', async () => {
    const wf = parse(yamlBlock) as Workflow;
    const shardStep = wf.jobs.conformance?.steps.map((s) => s.run ?? '').find((r) => r.startsWith('npx authprobe test')) as string;
    for (const shard of wf.jobs.conformance?.strategy?.matrix?.shard ?? []) {
      const args = authprobeArgs(shardStep.replaceAll('${{ matrix.shard }}', String(shard))) as string[];
      const r = await runCli([...args.map((a) => (a.includes('/') && a.endsWith('.json') ? join(dir, a) : a.endsWith('.json') ? join(dir, a) : a)), '--quiet']);
      expect(r.code, `shard ${shard}: ${r.stderr}${r.stdout}`).toBe(0);
    }
    const mergeStep = wf.jobs.report?.steps.map((s) => s.run ?? '').find((r) => r.startsWith('npx authprobe report merge')) as string;
    const args = (authprobeArgs(mergeStep) as string[]).map((a) => (/\.(json|xml|html)$/.test(a) ? join(dir, a) : a));
    const merged = await runCli([...args, '--quiet']);
    expect(merged.code, merged.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.summary.fail).toBe(0);
    expect(report.summary.total).toBeGreaterThan(60);
    expect(existsSync(join(dir, 'junit.xml')) && existsSync(join(dir, 'report.html'))).toBe(true);
  }, 600_000);
});
