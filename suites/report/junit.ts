/** JUnit XML: one <testcase> per requirement ID, grouped in one <testsuite> per area. */
import type { Report, RequirementResult } from '../runner/types.js';

function esc(s: string): string {
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

export function toJUnit(report: Report): string {
  const areas = [...new Set(report.results.map((r) => r.area))];
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const count = (rs: RequirementResult[], s: string) => rs.filter((r) => r.status === s).length;
  out.push(
    `<testsuites name="authprobe ${esc(report.target.issuer)}" tests="${report.results.length}" failures="${count(report.results, 'fail')}" skipped="${count(report.results, 'skip')}" time="${(report.durationMs / 1000).toFixed(3)}">`,
  );
  for (const area of areas) {
    const rs = report.results.filter((r) => r.area === area);
    const time = rs.reduce((t, r) => t + r.durationMs, 0) / 1000;
    out.push(`  <testsuite name="${esc(area)}" tests="${rs.length}" failures="${count(rs, 'fail')}" skipped="${count(rs, 'skip')}" time="${time.toFixed(3)}" timestamp="${esc(report.startedAt)}">`);
    for (const r of rs) {
      out.push(`    <testcase classname="authprobe.${esc(area)}" name="${esc(`${r.id}: ${r.text}`)}" time="${(r.durationMs / 1000).toFixed(3)}">`);
      if (r.status === 'fail') out.push(`      <failure message="${esc(r.message ?? 'failed')}" type="${r.level}">${esc(details(r))}</failure>`);
      else if (r.status === 'skip') out.push(`      <skipped message="${esc(r.message ?? 'skipped')}"/>`);
      else if (r.status === 'warn') out.push(`      <system-out>${esc(`WARN (SHOULD): ${details(r)}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
