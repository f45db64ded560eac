/**
 * The top of the page, read at a glance: the verdict sentence and its warnings, what was
 * tested and how (target, profiles, rules mode, seed, duration), and the counts by status
 * and by area.
 */
import { isProductRule } from '../../../specs/index.js';
import type { Report, Status } from '../../runner/types.js';
import { esc } from './escape.js';

/** Worst first, as the rows are ordered. */
export const STATUS_ORDER: readonly Status[] = ['fail', 'warn', 'pass', 'skip'];

const RULES_TEXT = {
  all: 'all: RFC, BCP (RFC 9700) and product documents',
  rfc: 'rfc: RFC and BCP rules only; product-document rows are skipped',
} as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function meta(report: Report): string {
  const t = report.target;
  const rows: Array<[string, string]> = [
    ['Target', `${esc(t.issuer)} <span class="source">(${esc(t.source)})</span>`],
    ['Metadata', esc(t.metadataUrl)],
    ['Profiles', esc(report.profiles.join(', ') || 'none')],
    ['Rules', esc(RULES_TEXT[report.rules] ?? String(report.rules))],
    ['Seed', esc(String(report.seed))],
    ['Started', esc(report.startedAt)],
    ['Duration', esc(seconds(report.durationMs))],
    ['Authorization', `${esc(t.authorize)} · clock ${esc(t.clock)}`],
  ];
  return `<dl class="meta">${rows.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

function tiles(report: Report): string {
  const s = report.summary;
  const productFails = report.results.filter((r) => r.status === 'fail' && isProductRule(r.rule)).length;
  const label = { fail: 'fail', warn: 'warn', pass: 'pass', skip: 'skip' } as const;
  const items = STATUS_ORDER.map((st) => {
    const note = st === 'fail' && productFails > 0 ? `<small>${productFails} of them product rules</small>` : '';
    return `<li class="${st}"><b>${esc(String(s[st]))}</b>${label[st]}${note}</li>`;
  });
  items.push(`<li><b>${esc(String(s.total))}</b>total</li>`);
  return `<ul class="tiles" aria-label="Counts by status">${items.join('')}</ul>`;
}

/** One line per area with its non-zero counts, worst first: `ROT 3 fail · 4 pass`. */
function byArea(report: Report): string {
  const counts = new Map<string, Record<Status, number>>();
  for (const r of report.results) {
    const c = counts.get(r.area) ?? { fail: 0, warn: 0, pass: 0, skip: 0 };
    c[r.status] = (c[r.status] ?? 0) + 1;
    counts.set(r.area, c);
  }
  const items = [...counts].map(([area, c]) => {
    const worst = STATUS_ORDER.find((st) => c[st] > 0) ?? 'skip';
    const parts = STATUS_ORDER.filter((st) => c[st] > 0).map((st) => `<span class="${st}">${c[st]} ${st}</span>`);
    return `<li class="worst-${worst}" data-area="${esc(area)}"><b>${esc(area)}</b> ${parts.join(' · ')}</li>`;
  });
  return `<div class="areas"><h2 id="by-area">By area</h2><ul aria-labelledby="by-area">${items.join('')}</ul></div>`;
}

/** The requirement IDs a verdict names link to their rows (and never break at their dash). */
function linkIds(escaped: string, report: Report): string {
  const ids = new Set<string>(report.results.map((r) => r.id));
  return escaped.replace(/\b[A-Z]+-\d+\b/g, (id) => (ids.has(id) ? `<a class="rid" href="#${id}">${id}</a>` : `<span class="rid">${id}</span>`));
}

export function summary(report: Report): string {
  const warnings = report.warnings.length
    ? `<ul class="warnings">${report.warnings.map((w) => `<li>Warning: ${esc(w)}</li>`).join('')}</ul>`
    : '';
  const rulesNote = report.rules === 'rfc' ? ' (RFC and BCP rules only)' : '';
  return (
    `<header><h1>authprobe conformance report</h1>` +
    `<p class="verdict exit-${esc(String(report.exitCode))}" id="verdict">${linkIds(esc(report.verdict), report)}${rulesNote}</p>${warnings}` +
    `${meta(report)}</header>` +
    `<section class="overview" aria-label="Summary">${tiles(report)}${byArea(report)}</section>`
  );
}
