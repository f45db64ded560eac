import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { targetForMock } from '../mock-target.js';
import { defineTarget } from '../../suites/target/load.js';
import { compressPath } from '../../suites/runner/replay.js';
import { runSuites } from '../../suites/runner/run.js';
import type { Report } from '../../suites/runner/types.js';
import { formatReport } from '../../suites/report/console.js';
import { toHtml } from '../../suites/report/html.js';
import { reportSchema, toJson } from '../../suites/report/json.js';
import { toJUnit } from '../../suites/report/junit.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;

/** A small XML well-formedness check: balanced tags, quoted attributes, known entities only. */
function parseXml(xml: string): Array<{ name: string; attrs: Record<string, string> }> {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const elements: Array<{ name: string; attrs: Record<string, string> }> = [];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const text = body.slice(last, m.index);
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bad text before <${m[2]}>: ${text.slice(0, 80)}`);
    last = (m.index ?? 0) + m[0].length;
    const [, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) attrs[a[1] as string] = a[2] as string;
    elements.push({ name, attrs });
    if (!selfClose) stack.push(name);
  }
  if (stack.length || body.slice(last).trim()) throw new Error(`unclosed: ${stack.join(',')}`);
  return elements;
}

describe('reporters', () => {
  let mock: RunningMock;
  let report: Report;
  beforeAll(async () => {
    // A defective mock gives failures with counterexamples and exchanges to report.
    mock = await startMock({ port: 0, consent: 'auto', desktop: false, defects: ['pkce-plain-accepted', 'iss-missing'] });
    report = await runSuites(defineTarget(targetForMock(mock)), { only: ['PKCE', 'RED-7', 'DSK-1', 'CC-2'], seed: 5 });
  }, 30_000);
  afterAll(() => mock?.close());

  it('PKCE-2: the report carries the failure with counterexample, seed, path, replay and curl exchanges', () => {
    const row = report.results.find((r) => r.id === 'PKCE-2');
    expect(row?.status).toBe('fail');
    expect(row?.counterexample).toMatch(/plain|verifier/);
    expect(row?.path).toMatch(/^\d+(:\d+)*$/);
    expect(row?.replay).toBe(`npx authprobe test --replay 'PKCE-2:5:${compressPath(row?.path ?? '')}'`);
    expect(row?.exchanges?.[0]?.curl).toMatch(/^curl -i '.*\/oauth\/authorize\?.*code_challenge_method=plain/);
    expect(report.results.find((r) => r.id === 'RED-7')?.status).toBe('warn');
    expect(report.results.find((r) => r.id === 'DSK-1')).toMatchObject({ status: 'skip', message: expect.stringMatching(/^profile not claimed/) });
    expect(report.exitCode).toBe(1);
  });

  it('JSON report validates against suites/report/report.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(reportSchema);
    const parsed = JSON.parse(toJson(report)) as unknown;
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('JUnit XML parses, with one testcase per requirement ID and the failure inside', () => {
    const elements = parseXml(toJUnit(report));
    const cases = elements.filter((e) => e.name === 'testcase');
    expect(cases.map((c) => c.attrs.name?.split(':')[0])).toEqual(report.results.map((r) => r.id));
    expect(elements.filter((e) => e.name === 'failure')).toHaveLength(report.summary.fail);
    expect(elements.filter((e) => e.name === 'skipped')).toHaveLength(report.summary.skip);
    expect(elements[0]).toMatchObject({ name: 'testsuites', attrs: { tests: String(report.results.length) } });
  });

  it('HTML page is self-contained: no external resources, only its own inline script and style allowed by their hashes, every ID present', () => {
    const html = toHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link|src=|@import|url\(/i);
    // Links stay in the page (the verdict's IDs point at their rows).
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#[A-Z]+-\d+$/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    const scripts = [...html.matchAll(/<script( type="application\/json" id="report-index")?>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => Boolean(m[1]))).toEqual([true, false]);
    const code = scripts[1]?.[2] ?? '';
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    expect((html.match(/<script/g) ?? []).length).toBe(2);
    for (const r of report.results) expect(html).toContain(`id="${r.id}"`);
    expect(html).toContain('code_challenge_method=plain');
  });

  it('console table lists ID, level, status, runs and the replay command of a failure', () => {
    const text = formatReport(report);
    expect(text).toMatch(/^ID\s+LEVEL\s+RULE\s+STATUS\s+RUNS\s+DETAIL$/m);
    expect(text).toMatch(/^PKCE-2\s+MUST\s+public-clients\s+FAIL\s+\d+/m);
    expect(text).toMatch(/^RED-7\s+SHOULD\s+RFC\s+WARN/m);
    expect(text).toContain("replay: npx authprobe test --replay 'PKCE-2:5:");
    expect(text).toMatch(/MUST requirement\(s\) failed: PKCE-2/);
  });
});
