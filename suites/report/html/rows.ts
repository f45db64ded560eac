/**
 * One requirement's row: status, ID, level, whose rule, the requirement, and for a failure or
 * warning the evidence: the counterexample (indented), the replay command and the HTTP
 * exchanges as curl commands, each with a copy button the script reveals.
 */
import { isProductRule } from '../../../specs/index.js';
import { compressPath } from '../../runner/replay.js';
import type { RecordedExchange, RequirementResult } from '../../runner/types.js';
import { esc } from './escape.js';
import { prettyJson } from './pretty-json.js';

export const STATUS_LABEL = { fail: 'FAIL', warn: 'WARN', pass: 'PASS', skip: 'SKIP' } as const;

/** The rule facet of the filter: a product's document counts as one kind. */
export function ruleKind(r: RequirementResult): 'RFC' | 'BCP' | 'product' {
  return isProductRule(r.rule) ? 'product' : r.rule;
}

function ruleBadge(r: RequirementResult): string {
  if (isProductRule(r.rule)) {
    return `<span class="rule product" title="A product document's rule, not an RFC or BCP requirement">product rule · ${esc(r.rule)}</span>`;
  }
  const title = r.rule === 'BCP' ? 'OAuth 2.0 Security BCP (RFC 9700)' : 'An RFC requirement';
  return `<span class="rule ${r.rule}" title="${title}">${r.rule}</span>`;
}

/** A `<pre>` with a copy button beside it; the button stays hidden without the script. */
function copyable(id: string, text: string, label: string): string {
  return `<div class="copyable"><pre id="${esc(id)}">${esc(text)}</pre><button type="button" class="copy" data-copy="${esc(id)}" aria-label="${esc(label)}" hidden>Copy</button></div>`;
}

function exchanges(r: RequirementResult, list: RecordedExchange[]): string {
  const items = list.map(
    (e, i) => `<li>${copyable(`${r.id}-x${i + 1}`, e.curl, `Copy curl command ${i + 1} of ${r.id}`)}<pre class="answer">${esc(e.answer)}</pre></li>`,
  );
  const open = r.status === 'fail' ? ' open' : '';
  const n = list.length;
  return `<details${open}><summary>${n} HTTP exchange${n === 1 ? '' : 's'} of the failing run, as curl</summary><ol class="exchanges">${items.join('')}</ol></details>`;
}

function evidence(r: RequirementResult): string {
  if (r.status !== 'fail' && r.status !== 'warn') return '';
  const parts: string[] = [];
  if (r.counterexample !== undefined) {
    parts.push(`<h3>Counterexample</h3><pre class="counterexample" id="${esc(r.id)}-counterexample">${esc(prettyJson(r.counterexample))}</pre>`);
  }
  if (r.replay) parts.push(`<h3>Replay</h3>${copyable(`${r.id}-replay`, r.replay, `Copy the replay command of ${r.id}`)}`);
  if (r.seed !== undefined) {
    const path = r.path ? ` · path <code>${esc(compressPath(r.path))}</code>` : '';
    parts.push(`<p class="source">seed <code>${esc(String(r.seed))}</code>${path}</p>`);
  }
  if (r.exchanges?.length) parts.push(exchanges(r, r.exchanges));
  return parts.length ? `<div class="evidence">${parts.join('')}</div>` : '';
}

function runs(r: RequirementResult): string {
  if (r.status === 'skip') return '';
  return `<div class="runs">${esc(String(r.runs))} run${r.runs === 1 ? '' : 's'} · ${(r.durationMs / 1000).toFixed(1)} s</div>`;
}

export function requirementRow(r: RequirementResult): string {
  const product = isProductRule(r.rule);
  const classes = ['req', esc(r.status), ...(product && r.status === 'fail' ? ['product-fail'] : [])];
  const note =
    product && r.status === 'fail'
      ? `<p class="product-note">Product rule: this breaks ${esc(r.rule)}, not an RFC or the BCP.</p>`
      : '';
  const message = r.message ? `<p class="message">${esc(r.message)}</p>` : '';
  return (
    `<article class="${classes.join(' ')}" id="${esc(r.id)}">` +
    `<span class="status ${esc(r.status)}">${STATUS_LABEL[r.status] ?? esc(r.status)}</span><span class="id">${esc(r.id)}</span><span class="level">${esc(r.level)}</span>` +
    `<div class="body"><p class="text">${esc(r.text)}</p><p class="source">${esc(r.source)}</p>${message}${note}</div>` +
    `<div class="rule-cell">${ruleBadge(r)}${runs(r)}</div>` +
    `${evidence(r)}</article>`
  );
}
