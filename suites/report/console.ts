/**
 * Console reporter: progress while the suites run (area by area, requirement by requirement)
 * and a closing table: ID, level, status, runs, and for failures the shrunk counterexample,
 * seed/path and the command that replays it.
 *
 * Every string that can carry the target's bytes (messages, counterexamples, exchanges, the
 * issuer, the verdict and warnings built from them) is printed through `printable`: a target
 * cannot drive the terminal or fake a line of the report.
 */
import { isProductRule } from '../../specs/index.js';
import { printable, printableLines } from '../http/printable.js';
import type { ProgressEvent, Report, RequirementResult } from '../runner/types.js';

export interface ConsoleReporterOptions {
  write(text: string): void;
  color?: boolean;
  /** Print every exchange of a failure as curl commands (default true). */
  curl?: boolean;
  /** Prefix each row with how far the run is (`23/69`): for a terminal, where a run is watched. */
  counter?: boolean;
}

const STATUS_TEXT = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;
const COLORS = { pass: 32, fail: 31, warn: 33, skip: 90 } as const;

export function consoleProgress(opts: ConsoleReporterOptions): (event: ProgressEvent) => void {
  const paint = (status: RequirementResult['status'], text: string) => (opts.color ? `\x1b[${COLORS[status]}m${text}\x1b[0m` : text);
  let done = 0;
  let total = 0;
  return (event) => {
    switch (event.type) {
      case 'start':
        total = event.total;
        opts.write(`authprobe: testing ${printable(event.issuer)} (profiles: ${event.profiles.join(', ')}; seed ${event.seed}; ${event.total} requirements)\n`);
        break;
      case 'area':
        opts.write(`\n${event.area}\n`);
        break;
      case 'result': {
        const r = event.result;
        const detail = r.status === 'pass' ? `${r.runs} runs, ${r.durationMs} ms` : r.status === 'skip' ? (r.message ?? '') : `${r.runs} runs: ${r.message ?? ''}`;
        done++;
        const at = opts.counter ? `${`${done}/${total}`.padStart(2 * String(total).length + 1)} ` : '';
        opts.write(`  ${at}${paint(r.status, STATUS_TEXT[r.status])} ${r.id.padEnd(7)} ${printableLines(detail, '          ')}\n`);
        break;
      }
      default:
        break;
    }
  };
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
}

export function formatReport(report: Report, opts: { color?: boolean; curl?: boolean } = {}): string {
  const header = ['ID', 'LEVEL', 'RULE', 'STATUS', 'RUNS', 'DETAIL'];
  const rows = report.results.map((r) => [r.id, r.level, r.rule, STATUS_TEXT[r.status], String(r.runs), r.status === 'pass' ? '' : printable((r.message ?? '').split('\n')[0] ?? '')]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const lines = ['', pad(header, widths), ...rows.map((row) => pad(row, widths))];
  const failures = report.results.filter((r) => r.status === 'fail' || r.status === 'warn');
  for (const r of failures) {
    lines.push('', `${STATUS_TEXT[r.status]} ${r.id} (${r.level}, ${isProductRule(r.rule) ? `product rule: ${r.rule}` : r.rule}) ${r.text}`, `  ${printableLines(r.message ?? '', '  ')}`);
    if (r.counterexample !== undefined) lines.push(`  counterexample: ${printableLines(r.counterexample, '    ')}`);
    if (r.seed !== undefined) lines.push(`  seed ${r.seed}, path ${r.path ?? '(none)'}`);
    if (r.replay) lines.push(`  replay: ${printable(r.replay)}`);
    if (opts.curl !== false && r.exchanges?.length) {
      lines.push('  exchanges:');
      for (const ex of r.exchanges) lines.push(`    ${printable(ex.curl)}`, `      ${printable(ex.answer)}`);
    }
  }
  const s = report.summary;
  lines.push(
    '',
    `${s.total} requirements: ${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip — ${(report.durationMs / 1000).toFixed(1)} s, seed ${report.seed}${report.rules === 'rfc' ? ', RFC and BCP rules only' : ''}`,
    ...report.warnings.map((w) => `Warning: ${printableLines(w, '  ')}`),
    printableLines(report.verdict, '  '),
  );
  return `${lines.join('\n')}\n`;
}
