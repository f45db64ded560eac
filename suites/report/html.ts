/**
 * One self-contained HTML page: inline CSS, no scripts, no external resources. Failures open
 * by default with their counterexample, replay command and the exchanges as curl commands.
 */
import { isProductRule } from '../../specs/index.js';
import type { Report, RequirementResult } from '../runner/types.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem;margin:0 0 .25rem}
.meta{color:#555;margin-bottom:1rem}
.summary span{display:inline-block;margin-right:1rem;font-weight:600}
table{border-collapse:collapse;width:100%;margin-top:1rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e5e5;vertical-align:top}
th{background:#f5f5f7}
.pass{color:#137333}.fail{color:#c5221f}.warn{color:#b06000}.skip{color:#777}
details{margin:.25rem 0}
pre{background:#f5f5f7;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
code{font-size:12px}
`;

function detail(r: RequirementResult): string {
  if (r.status === 'pass') return '';
  const parts = [`<div>${esc(r.message ?? '')}</div>`];
  if (r.status === 'fail' || r.status === 'warn') {
    const body: string[] = [];
    if (r.counterexample !== undefined) body.push(`<div>Counterexample: <code>${esc(r.counterexample)}</code></div>`);
    if (r.seed !== undefined) body.push(`<div>Seed <code>${r.seed}</code>, path <code>${esc(r.path ?? '')}</code></div>`);
    if (r.replay) body.push(`<div>Replay: <code>${esc(r.replay)}</code></div>`);
    if (r.exchanges?.length) body.push(`<pre>${r.exchanges.map((e) => `${esc(e.curl)}\n  ${esc(e.answer)}`).join('\n')}</pre>`);
    parts.push(`<details open><summary>Evidence</summary>${body.join('')}</details>`);
  }
  return parts.join('');
}

export function toHtml(report: Report): string {
  const s = report.summary;
  const rows = report.results
    .map(
      (r) =>
        `<tr id="${esc(r.id)}"><td><strong>${esc(r.id)}</strong></td><td>${r.level}</td><td class="${r.status}">${r.status.toUpperCase()}</td><td>${r.runs}</td><td>${esc(r.text)}<br><small>${esc(r.source)} · ${isProductRule(r.rule) ? `product rule (${esc(r.rule)})` : esc(r.rule)}</small>${detail(r)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>authprobe report — ${esc(report.target.issuer)}</title><style>${CSS}</style></head>
<body>
<h1>authprobe conformance report</h1>
<div class="meta">${esc(report.target.issuer)} · profiles ${esc(report.profiles.join(', '))} · seed ${report.seed} · ${esc(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s · authprobe ${esc(report.tool.version)}</div>
<div class="summary"><span class="pass">${s.pass} pass</span><span class="fail">${s.fail} fail</span><span class="warn">${s.warn} warn</span><span class="skip">${s.skip} skip</span><span>${s.total} total</span></div>
<div>${esc(report.verdict)}${report.rules === 'rfc' ? ' (RFC and BCP rules only)' : ''}</div>
${report.warnings.map((w) => `<div class="warn">Warning: ${esc(w)}</div>`).join('\n')}
<table><thead><tr><th>ID</th><th>Level</th><th>Status</th><th>Runs</th><th>Requirement</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
