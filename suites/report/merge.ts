/**
 * `authprobe report merge`: the JSON reports of the shards of one run joined into the report an
 * unsharded run would have written (rows in catalogue order, summary and verdict recomputed).
 * Reports of different targets, seeds or rules modes, or with a requirement in two of them,
 * are refused: their union would be no run at all.
 */
import { requirements } from '../../specs/index.js';
import type { Report, RequirementResult } from '../runner/types.js';
import { judge } from '../runner/verdict.js';

export class MergeError extends Error {
  override name = 'MergeError';
}

export function mergeReports(reports: ReadonlyArray<{ name: string; report: Report }>): Report {
  const [first, ...rest] = reports;
  if (!first) throw new MergeError('no reports to merge');
  const same = (what: string, get: (r: Report) => unknown) => {
    for (const { name, report } of rest) {
      if (JSON.stringify(get(report)) !== JSON.stringify(get(first.report))) {
        throw new MergeError(`${name} has ${what} ${JSON.stringify(get(report))}, ${first.name} has ${JSON.stringify(get(first.report))}: only shards of one run can be merged`);
      }
    }
  };
  same('target', (r) => r.target.issuer);
  same('seed', (r) => r.seed);
  same('rules', (r) => r.rules);
  same('profiles', (r) => r.profiles);
  const byId = new Map<string, { row: RequirementResult; from: string }>();
  for (const { name, report } of reports) {
    for (const row of report.results) {
      const seen = byId.get(row.id);
      if (seen) throw new MergeError(`${row.id} is in both ${seen.from} and ${name}: each requirement must be in exactly one shard`);
      byId.set(row.id, { row, from: name });
    }
  }
  const results = requirements.flatMap((q) => byId.get(q.id)?.row ?? []);
  const counts = reports.map(({ report }) => report.shard?.count).filter((c) => c !== undefined);
  const shards = new Set(reports.map(({ report }) => report.shard?.index));
  if (counts.length === reports.length && counts[0] !== undefined && shards.size < counts[0]) {
    const missing = Array.from({ length: counts[0] }, (_, i) => i + 1).filter((i) => !shards.has(i));
    throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${counts[0]} missing: merge every shard of the run`);
  }
  const verdict = judge(results, first.report.profiles);
  const { shard: _shard, baseline: _baseline, ...base } = first.report;
  return {
    ...base,
    startedAt: reports.map(({ report }) => report.startedAt).sort()[0] as string,
    // The shards ran side by side: the run took as long as the longest one.
    durationMs: Math.max(...reports.map(({ report }) => report.durationMs)),
    summary: verdict.summary,
    results,
    verdict: verdict.verdict,
    warnings: verdict.warnings,
    exitCode: verdict.exitCode,
  };
}
