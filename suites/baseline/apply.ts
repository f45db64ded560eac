/**
 * Judging a run against a baseline. A listed failure does not fail the run; a listed row that
 * now passes fails it as stale (so baselines only shrink); a new failure fails it and comes
 * with the entry to paste. With skips listed, a skip that is not listed fails the run (coverage
 * was lost) and a listed skip that now runs is stale.
 */
import { judge } from '../runner/verdict.js';
import type { Report, RequirementResult } from '../runner/types.js';
import type { Baseline, BaselineEntry } from './file.js';

export interface BaselineOutcome {
  /** Rows that failed (or warned, or skipped) as the baseline says. */
  expected: string[];
  /** Entries whose row now passes (or, for a skip, now runs): remove them. */
  stale: Array<{ id: string; kind: 'failure' | 'skip'; now: string }>;
  /** Failures (MUST) the baseline does not list: each with the entry to paste. */
  new: BaselineEntry[];
  /** Skips the baseline does not list (only when skips are judged). */
  newSkips: BaselineEntry[];
}

const failing = (r: RequirementResult) => r.status === 'fail' || r.status === 'warn';

export function entryFor(r: RequirementResult): BaselineEntry {
  return { id: r.id, rule: r.rule, summary: (r.message ?? r.status).split('\n')[0]?.slice(0, 300) ?? r.status };
}

export function applyBaseline(report: Report, baseline: { failures?: Baseline; skips?: Baseline }): Report {
  const failures = new Map((baseline.failures?.failures ?? []).map((e) => [e.id as string, e]));
  const skips = baseline.skips ? new Map((baseline.skips.skips ?? []).map((e) => [e.id as string, e])) : undefined;
  const outcome: BaselineOutcome = { expected: [], stale: [], new: [], newSkips: [] };
  for (const r of report.results) {
    if (failing(r)) {
      if (failures.has(r.id)) outcome.expected.push(r.id);
      else if (r.status === 'fail') outcome.new.push(entryFor(r));
    } else if (r.status === 'pass' && failures.has(r.id)) {
      outcome.stale.push({ id: r.id, kind: 'failure', now: 'pass' });
    }
    if (skips) {
      if (r.status === 'skip') {
        if (skips.has(r.id)) outcome.expected.push(r.id);
        else outcome.newSkips.push(entryFor(r));
      } else if (skips.has(r.id)) outcome.stale.push({ id: r.id, kind: 'skip', now: r.status });
    }
  }
  const judged = judge(report.results, report.profiles);
  const problems: string[] = [];
  if (outcome.new.length) problems.push(`${outcome.new.length} new failure(s): ${outcome.new.map((e) => e.id).join(', ')}`);
  if (outcome.stale.length) problems.push(`${outcome.stale.length} stale baseline entr${outcome.stale.length > 1 ? 'ies' : 'y'} (passing now, remove ${outcome.stale.length > 1 ? 'them' : 'it'}): ${outcome.stale.map((s) => s.id).join(', ')}`);
  if (outcome.newSkips.length) problems.push(`${outcome.newSkips.length} skip(s) not in the baseline: ${outcome.newSkips.map((e) => e.id).join(', ')}`);
  let exitCode: 0 | 1 | 2 = judged.exitCode === 2 ? 2 : problems.length ? 1 : 0;
  let verdict: string;
  if (exitCode === 2) verdict = judged.verdict;
  else if (problems.length) verdict = `Against the baseline: ${problems.join('; ')}.`;
  else verdict = `Every failure is in the baseline (${outcome.expected.length} expected); nothing new, nothing stale.`;
  if (report.exitCode === 2 && exitCode !== 2) exitCode = 2;
  return { ...report, baseline: outcome, verdict, exitCode };
}

/** A baseline file from a report: every FAIL and WARN row, and every SKIP. */
export function baselineFromReport(report: Report): Baseline {
  return {
    target: report.target.issuer,
    seed: report.seed,
    failures: report.results.filter(failing).map(entryFor),
    skips: report.results.filter((r) => r.status === 'skip').map(entryFor),
  };
}
