/** JUnit XML: one <testcase> per requirement ID, grouped in one <testsuite> per area. */
import type { Report, RequirementResult } from '../runner/types.js';

/** Text for an XML attribute or element: control characters dropped, markup escaped. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function details(r: RequirementResult): string {
  const lines = [r.message ?? ''];
  if (r.counterexample !== undefined) lines.push(`counterexample: ${r.counterexample}`);
  if (r.seed !== undefined) lines.push(`seed ${r.seed}, path ${r.path ?? ''}`);
  if (r.replay) lines.push(`replay: ${r.replay}`);
  for (const ex of r.exchanges ?? []) lines.push(ex.curl, `  ${ex.answer}`);
  return lines.join('\n');
}

/** A row that could not run at all (the target stopped answering, the run was interrupted). */
const notRun = (r: RequirementResult) => r.status === 'skip' && /^not run:/.test(r.message ?? '');

/**
 * Test names are the requirement IDs (stable across releases, as CI dashboards key history on
 * them); the sentence goes in a property. A WARN (failed SHOULD) passes, with the property
 * `authprobe.status=warn` and its details in system-out; a row that could not run is an error.
 */
export function toJUnit(report: Report): string {
  const areas = [...new Set(report.results.map((r) => r.area))];
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const count = (rs: RequirementResult[], p: (r: RequirementResult) => boolean) => rs.filter(p).length;
  const fails = (r: RequirementResult) => r.status === 'fail';
  const skips = (r: RequirementResult) => r.status === 'skip' && !notRun(r);
  const prop = (name: string, value: string) => `<property name="${xmlText(name)}" value="${xmlText(value)}"/>`;
  out.push(
    `<testsuites name="authprobe ${xmlText(report.target.issuer)}" tests="${report.results.length}" failures="${count(report.results, fails)}" errors="${count(report.results, notRun)}" skipped="${count(report.results, skips)}" time="${(report.durationMs / 1000).toFixed(3)}">`,
  );
  for (const area of areas) {
    const rs = report.results.filter((r) => r.area === area);
    const time = rs.reduce((t, r) => t + r.durationMs, 0) / 1000;
    out.push(`  <testsuite name="${xmlText(area)}" tests="${rs.length}" failures="${count(rs, fails)}" errors="${count(rs, notRun)}" skipped="${count(rs, skips)}" time="${time.toFixed(3)}" timestamp="${xmlText(report.startedAt)}">`);
    out.push(`    <properties>${prop('target', report.target.issuer)}${prop('seed', String(report.seed))}${prop('profiles', report.profiles.join(','))}${prop('rules', report.rules)}</properties>`);
    for (const r of rs) {
      out.push(`    <testcase classname="authprobe.${xmlText(area)}" name="${xmlText(r.id)}" time="${(r.durationMs / 1000).toFixed(3)}">`);
      out.push(`      <properties>${prop('requirement', r.text)}${prop('level', r.level)}${prop('rule', r.rule)}${prop('authprobe.status', r.status)}</properties>`);
      if (r.status === 'fail') out.push(`      <failure message="${xmlText(r.message ?? 'failed')}" type="${r.level}">${xmlText(details(r))}</failure>`);
      else if (notRun(r)) out.push(`      <error message="${xmlText(r.message ?? 'not run')}" type="not-run"/>`);
      else if (r.status === 'skip') out.push(`      <skipped message="${xmlText(r.message ?? 'skipped')}"/>`);
      else if (r.status === 'warn') out.push(`      <system-out>${xmlText(`WARN (SHOULD failed): ${details(r)}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
