/** `authprobe report merge a.json b.json ...`: join the JSON reports of shards into one. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, mergeReports, MergeError, type Report } from '../../suites/api.js';
import { UsageError } from '../usage.js';
import { writeReports } from '../report-output.js';

function readReport(file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the report ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const r = data as Partial<Report>;
  if (!r || r.tool?.name !== 'authprobe' || !Array.isArray(r.results)) throw new UsageError(`${file} is not an authprobe JSON report (authprobe test --json FILE writes one)`);
  return data as Report;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'merge') throw new UsageError(sub === undefined ? 'which report command? Only: merge' : `unknown report command '${sub}'. Only: merge`);
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: { json: { type: 'string' }, junit: { type: 'string' }, html: { type: 'string' }, quiet: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new UsageError('name the JSON reports to merge, e.g. authprobe report merge shard-1.json shard-2.json');
  let merged: Report;
  try {
    merged = mergeReports(positionals.map((name) => ({ name, report: readReport(name) })));
  } catch (err) {
    if (err instanceof MergeError) throw new UsageError(err.message);
    throw err;
  }
  const human = values.json === '-' ? process.stderr : process.stdout;
  if (!values.quiet) human.write(formatReport(merged));
  else human.write(`${merged.verdict}\n`);
  const failed = writeReports(merged, values);
  if (failed) {
    process.stderr.write(`authprobe report merge: ${failed}\n`);
    return 2;
  }
  return merged.exitCode;
}
