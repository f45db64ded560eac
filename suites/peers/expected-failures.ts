/**
 * Expected-failure lists of the real targets (expected-failures/<target>.json): the
 * requirement rows a run against that server must fail, each with the clause it breaks and
 * the exchange that shows it. A run is compared with its list in both directions, so a new
 * failure (a suite bug or a server change) and a fixed one (the list is stale) both show.
 */
import { isProductRule, requirements, type RequirementId, type Rule, type RulesMode } from '../../specs/index.js';
import { loadBaseline, type Baseline, type BaselineEntry } from '../baseline/file.js';
import type { Report, RequirementResult } from '../runner/types.js';

/**
 * An expected-failure list is a baseline (suites/baseline) with more required: the target's
 * version and seed, and for every entry its rule, the clause it breaks, the evidence and the
 * analysis. It is read and applied by the same code a user's `--expected-failures` goes through.
 */
export interface ExpectedFailure extends BaselineEntry {
  rule: Rule;
  clause: string;
}

export interface ExpectedFailureList extends Baseline {
  target: string;
  version: string;
  seed: number;
  failures: ExpectedFailure[];
}

export class ExpectedFailureListError extends Error {
  override name = 'ExpectedFailureListError';
}

const LISTS = new URL('./expected-failures/', import.meta.url);

export function loadExpectedFailures(target: string): ExpectedFailureList {
  const file = new URL(`${target}.json`, LISTS);
  let data: Baseline;
  try {
    data = loadBaseline(file);
  } catch (err) {
    throw new ExpectedFailureListError((err as Error).message);
  }
  const problems: string[] = [];
  if (typeof data.seed !== 'number') problems.push('seed must be an integer');
  if (typeof data.target !== 'string' || typeof data.version !== 'string') problems.push('target and version are required');
  for (const [i, f] of data.failures.entries()) {
    if (!f.clause) problems.push(`failures[${i}] (${f.id}) needs a clause`);
    if (!f.rule) problems.push(`failures[${i}] (${f.id}) needs its rule`);
  }
  if (problems.length) throw new ExpectedFailureListError(`${file.pathname}: ${problems.join('; ')}`);
  return data as ExpectedFailureList;
}

/** The list as a run under `rules` must fail it: under `rfc`, product-rule rows are not judged. */
export function underRules(list: ExpectedFailureList, rules: RulesMode): ExpectedFailureList {
  return rules === 'all' ? list : { ...list, failures: list.failures.filter((f) => !isProductRule(f.rule)) };
}

/** Rows that did not pass: FAIL, and WARN (a failed SHOULD). */
export const isFailing = (r: RequirementResult): boolean => r.status === 'fail' || r.status === 'warn';

export function failingIds(results: readonly RequirementResult[]): RequirementId[] {
  return results.filter(isFailing).map((r) => r.id);
}

export interface ListComparison {
  /** Failed, but not on the list: a suite bug, a launcher problem or a server change. */
  unexpected: RequirementResult[];
  /** On the list, but did not fail. */
  missing: Array<{ expected: ExpectedFailure; row: RequirementResult | undefined }>;
}

export function compareWithList(results: readonly RequirementResult[], list: ExpectedFailureList): ListComparison {
  const expected = new Map(list.failures.map((f) => [f.id as string, f]));
  const unexpected = results.filter((r) => isFailing(r) && !expected.has(r.id));
  const missing = list.failures
    .map((f) => ({ expected: f, row: results.find((r) => r.id === f.id) }))
    .filter(({ row }) => !row || !isFailing(row));
  return { unexpected, missing };
}

/** What a person needs to act on a mismatch: each row's message and exchanges. */
export function describeMismatch(target: string, cmp: ListComparison, seed: number): string {
  const lines: string[] = [];
  for (const r of cmp.unexpected) {
    lines.push(`${r.id} ${r.status.toUpperCase()} but not in expected-failures/${target}.json: ${r.message ?? ''}`);
    for (const ex of r.exchanges?.slice(-2) ?? []) lines.push(`    ${ex.curl}\n    -> ${ex.answer}`);
  }
  for (const { expected, row } of cmp.missing) {
    lines.push(`${expected.id} expected to fail (${expected.summary}) but was ${row ? `${row.status.toUpperCase()}${row.message ? `: ${row.message}` : ''}` : 'not run'}`);
  }
  if (lines.length) lines.push(`(seed ${seed}; fix the suite or the launcher when the server is right, else update the list with evidence)`);
  return lines.join('\n');
}

/** The rows of several runs of one server (each covering different IDs), in catalogue order. */
export function mergeResults(reports: readonly Report[]): RequirementResult[] {
  const byId = new Map<string, RequirementResult>();
  for (const report of reports) for (const r of report.results) byId.set(r.id, r);
  return requirements.flatMap((req) => byId.get(req.id) ?? []);
}
