/** `authprobe baseline --from report.json [--out FILE]`: a baseline of a run's failures and skips. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { baselineFromReport, type Report } from '../../suites/api.js';
import { UsageError } from '../usage.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { from: { type: 'string' }, out: { type: 'string' } } });
  if (!values.from) throw new UsageError('--from REPORT is required: the JSON report of a run (authprobe test --json FILE)');
  let report: Report;
  try {
    report = JSON.parse(readFileSync(values.from, 'utf8')) as Report;
  } catch (err) {
    throw new UsageError(`cannot read the report ${values.from}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (report?.tool?.name !== 'authprobe' || !Array.isArray(report.results)) throw new UsageError(`${values.from} is not an authprobe JSON report`);
  const text = `${JSON.stringify(baselineFromReport(report), null, 2)}\n`;
  if (values.out) {
    writeFileSync(values.out, text);
    const b = baselineFromReport(report);
    process.stderr.write(`authprobe baseline: wrote ${values.out} (${b.failures.length} failure(s), ${b.skips?.length ?? 0} skip(s)); review each entry before you commit it\n`);
  } else process.stdout.write(text);
  return 0;
}
