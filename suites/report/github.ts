/**
 * GitHub Actions workflow commands: one `::error` per failed row and one `::warning` per WARN,
 * so that failures show on the run's summary page. Property values are escaped as the runner
 * requires (`%`, CR, LF; and `:` `,` in properties), so a target cannot forge a command.
 */
import type { Report } from '../runner/types.js';

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(report: Report): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.status !== 'fail' && r.status !== 'warn') continue;
    if (report.baseline?.expected.includes(r.id)) continue;
    const title = property(`${r.id} ${r.status === 'fail' ? 'FAIL' : 'WARN'} (${r.level}, ${r.rule})`);
    const body = [r.message ?? '', r.replay ? `replay: ${r.replay}` : ''].filter(Boolean).join('\n');
    lines.push(`::${r.status === 'fail' ? 'error' : 'warning'} title=${title}::${data(body)}`);
  }
  for (const s of report.baseline?.stale ?? []) lines.push(`::error title=${property(`${s.id} stale baseline entry`)}::${data(`${s.id} is in the baseline but ${s.now === 'pass' ? 'passes' : `is ${s.now}`} now: remove it`)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
