/**
 * The HTML report: one offline page. Its style and its one script are inline and allowed by
 * their sha256 in a Content-Security-Policy that refuses everything else (no network, no
 * other script, no form submission, no `<base>`). Without JavaScript every row shows; the
 * script adds the filters and copy buttons. Failures come first, then warnings, then the rest
 * in catalogue order.
 */
import { AREAS } from '../../../specs/index.js';
import type { Report, RequirementResult } from '../../runner/types.js';
import { cspHash, reportScript } from './browser-script.js';
import { esc, jsonForScript } from './escape.js';
import { requirementRow, ruleKind, STATUS_LABEL } from './rows.js';
import { CSS } from './styles.js';
import { STATUS_ORDER, summary } from './summary.js';

const GROUPS = [
  { key: 'fail', title: 'Failures', has: (r: RequirementResult) => r.status === 'fail' },
  { key: 'warn', title: 'Warnings', has: (r: RequirementResult) => r.status === 'warn' },
  { key: 'rest', title: 'Passed and skipped', has: (r: RequirementResult) => r.status !== 'fail' && r.status !== 'warn' },
] as const;

function groups(results: RequirementResult[]): string {
  return GROUPS.map((g) => {
    const rows = results.filter(g.has);
    if (!rows.length) return '';
    return `<section class="group" data-group="${g.key}" aria-labelledby="group-${g.key}"><h2 id="group-${g.key}">${g.title} (${rows.length})</h2>${rows.map(requirementRow).join('\n')}</section>`;
  }).join('\n');
}

function filterForm(report: Report): string {
  const present = new Set(report.results.map((r) => r.area));
  const areas = [...AREAS.filter((a) => present.has(a)), ...[...present].filter((a) => !(AREAS as readonly string[]).includes(a))];
  const statuses = STATUS_ORDER.map(
    (st) => `<label><input type="checkbox" name="status" value="${st}" checked> ${STATUS_LABEL[st]} (${report.summary[st]})</label>`,
  ).join('');
  const options = (values: readonly string[]) => values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
  return (
    `<form id="filters" hidden aria-label="Filter the requirements">` +
    `<fieldset><legend>Status</legend>${statuses}</fieldset>` +
    `<label>Area <select name="area"><option value="">all</option>${options(areas)}</select></label>` +
    `<label>Level <select name="level"><option value="">all</option>${options(['MUST', 'SHOULD'])}</select></label>` +
    `<label>Rule <select name="rule"><option value="">all</option>${options(['RFC', 'BCP'])}<option value="product">product</option></select></label>` +
    `<input type="search" name="q" placeholder="Search ID or text" aria-label="Search by ID or text" autocomplete="off">` +
    `<button type="reset">Clear</button><output id="shown-count" aria-live="polite"></output></form>`
  );
}

/** What the script filters on, as data: it never reads report text as code. */
function index(results: RequirementResult[]) {
  return results.map((r) => ({
    id: r.id,
    status: r.status,
    area: r.area,
    level: r.level,
    rule: ruleKind(r),
    haystack: [r.id, r.text, r.source, r.rule, r.message ?? ''].join(' ').toLowerCase(),
  }));
}

export function toHtml(report: Report): string {
  const script = reportScript();
  const csp = [
    "default-src 'none'",
    `script-src ${script.source}`,
    `style-src ${cspHash(CSS)}`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>authprobe report — ${esc(report.target.issuer)}</title>
<style>${CSS}</style></head>
<body>
${summary(report)}
${filterForm(report)}
<main>
${groups(report.results)}
<p class="none" id="none-shown" hidden>No requirement matches these filters.</p>
</main>
<footer>authprobe ${esc(report.tool.version)} · the filters and copy buttons need JavaScript; without it every row is shown.</footer>
<script type="application/json" id="report-index">${jsonForScript(index(report.results))}</script>
<script>${script.code}</script>
</body></html>
`;
}
