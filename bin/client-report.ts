/**
 * The client report (GET /_mock/client-report, `authprobe serve --client-report FILE`) as files a
 * client project's CI reads: JUnit XML with one <testcase> per client × client requirement (a
 * failure for a broken MUST), and one offline HTML page. Every string can carry a client's bytes
 * (client_ids, evidence): it enters the XML and the page escaped, and the page runs no script.
 */
import { createHash } from 'node:crypto';
import type { ClientReport } from '../mocks/index.js';
import { requirementById } from '../specs/index.js';
import { esc } from '../suites/report/html/escape.js';
import { xmlText as xml } from '../suites/report/junit.js';

/** The number of broken MUSTs (client × requirement with status fail) in a report. */
export function clientFailureCount(report: ClientReport): number {
  return report.clients.reduce((n, c) => n + c.verdicts.filter((v) => v.status === 'fail').length, 0);
}

/**
 * One <testsuite> per client, one <testcase> per client requirement named by its ID; `fail` is a
 * failure, `warn` passes with its evidence in system-out, `not-observed` is skipped.
 */
export function clientReportJUnit(report: ClientReport): string {
  const texts = new Map(report.requirements.map((r) => [r.id, r]));
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = report.clients.length * report.requirements.length;
  const skipped = report.clients.reduce((n, c) => n + c.verdicts.filter((v) => v.status === 'not-observed').length, 0);
  out.push(`<testsuites name="authprobe client conformance" tests="${total}" failures="${clientFailureCount(report)}" errors="0" skipped="${skipped}" time="0">`);
  for (const c of report.clients) {
    const fails = c.verdicts.filter((v) => v.status === 'fail').length;
    const skips = c.verdicts.filter((v) => v.status === 'not-observed').length;
    out.push(`  <testsuite name="client ${xml(c.clientId)}" tests="${c.verdicts.length}" failures="${fails}" errors="0" skipped="${skips}" time="0" timestamp="${xml(report.generatedAt)}">`);
    out.push(`    <properties><property name="client_id" value="${xml(c.clientId)}"/><property name="public" value="${c.public}"/></properties>`);
    for (const v of c.verdicts) {
      const r = texts.get(v.id);
      out.push(`    <testcase classname="authprobe.client.${xml(c.clientId)}" name="${xml(v.id)}" time="0">`);
      out.push(`      <properties><property name="requirement" value="${xml(r?.text ?? '')}"/><property name="level" value="${xml(r?.level ?? '')}"/><property name="authprobe.status" value="${v.status}"/><property name="observations" value="${v.observations}"/></properties>`);
      const details = v.evidence.join('\n');
      if (v.status === 'fail') out.push(`      <failure message="${xml(`${v.id}: ${v.evidence[0] ?? 'failed'}`)}" type="${xml(r?.level ?? 'MUST')}">${xml(details)}</failure>`);
      else if (v.status === 'not-observed') out.push('      <skipped message="not observed: the client sent nothing this requirement judges"/>');
      else if (v.status === 'warn') out.push(`      <system-out>${xml(`WARN: ${details}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

const CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e3e6ea}
.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;background:#eef0f3}
.pass{background:#e3f5e8;color:#14532d}.fail{background:#d92d20;color:#fff}.warn{background:#fff1c2;color:#6b4e00}
.muted{color:#667}ul{margin:.2rem 0;padding-left:1.1rem}`;

const STATUS_ORDER = { fail: 0, warn: 1, pass: 2, 'not-observed': 3 } as const;

/** One offline page: a section per client, its findings first. No script; the style is allowed by hash. */
export function clientReportHtml(report: ClientReport): string {
  const failures = clientFailureCount(report);
  const texts = new Map(report.requirements.map((r) => [r.id, r]));
  const sections = report.clients.map((c) => {
    const rows = [...c.verdicts]
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
      .map((v) => {
        const r = texts.get(v.id);
        const source = requirementById(v.id)?.source ?? '';
        const evidence = v.evidence.length ? `<ul>${v.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '';
        return `<tr data-id="${esc(v.id)}" data-status="${v.status}"><td><strong>${esc(v.id)}</strong></td><td><span class="badge ${v.status}">${v.status}</span></td><td>${esc(r?.level ?? '')}</td><td>${esc(r?.text ?? '')}<div class="muted">${esc(source)}</div>${evidence}</td><td>${v.observations}</td></tr>`;
      })
      .join('\n');
    const fails = c.verdicts.filter((v) => v.status === 'fail').length;
    return `<section data-client="${esc(c.clientId)}"><h2>${esc(c.clientId)} <span class="muted">${c.public ? 'public' : 'confidential'} · ${fails} failure(s)</span></h2>
<table><thead><tr><th>ID</th><th>Status</th><th>Level</th><th>Requirement and evidence</th><th>Seen</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
  });
  const style = createHash('sha256').update(CSS, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${style}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<title>authprobe client conformance</title><style>${CSS}</style></head><body>
<h1>Client conformance</h1>
<p>${report.clients.length} client(s), ${failures} client requirement failure(s); generated ${esc(report.generatedAt)}. Each client is judged by the mock from its own requests (CL-1..CL-${report.requirements.length}).</p>
${sections.length ? sections.join('\n') : '<p class="muted">No client sent the mock an authorization, token or revocation request.</p>'}
</body></html>
`;
}
