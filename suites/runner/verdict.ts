/**
 * What a finished run shows, in one sentence and an exit code. A run in which nothing applied,
 * or every applicable requirement was skipped, tested nothing: it exits 2 with the reasons,
 * never 0 with "every requirement passed".
 */
import { profiles as profileInfo, requirements, type Profile } from '../../specs/index.js';
import type { RequirementResult, Status } from './types.js';

export interface Verdict {
  summary: Record<Status, number> & { total: number };
  verdict: string;
  warnings: string[];
  exitCode: 0 | 1 | 2;
}

/** A claimed profile whose rows mostly SKIP passes on little: warn when over half skipped. */
const THIN_PROFILE_SHARE = 0.5;

function skipReasons(rows: readonly RequirementResult[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const reason = (r.message ?? 'no reason given').split(':')[0] as string;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, n]) => `${n} × ${reason}`).join('; ');
}

export function judge(results: readonly RequirementResult[], claimed: readonly Profile[]): Verdict {
  const summary = { pass: 0, fail: 0, warn: 0, skip: 0, total: results.length } as Verdict['summary'];
  for (const r of results) summary[r.status]++;
  const warnings: string[] = [];
  for (const profile of claimed) {
    const ids = new Set(requirements.filter((q) => q.profiles.includes(profile)).map((q) => q.id));
    const rows = results.filter((r) => ids.has(r.id));
    const skipped = rows.filter((r) => r.status === 'skip');
    if (rows.length > 0 && skipped.length / rows.length > THIN_PROFILE_SHARE) {
      const name = profileInfo.find((p) => p.name === profile)?.name ?? profile;
      warnings.push(`${skipped.length} of ${rows.length} requirements of the claimed profile ${name} were skipped (${skipReasons(skipped)}): a pass says little about it`);
    }
  }
  const tested = summary.pass + summary.fail + summary.warn;
  if (summary.fail > 0) {
    const ids = results.filter((r) => r.status === 'fail').map((r) => r.id);
    return { summary, warnings, exitCode: 1, verdict: `${summary.fail} MUST requirement(s) failed: ${ids.join(', ')}.` };
  }
  if (tested === 0) {
    const why = results.length === 0 ? 'no requirement was selected' : `every selected requirement was skipped (${skipReasons(results)})`;
    return { summary, warnings, exitCode: 2, verdict: `Nothing was tested: ${why}.` };
  }
  const warned = summary.warn ? `; ${summary.warn} SHOULD requirement(s) warned` : '';
  return { summary, warnings, exitCode: 0, verdict: `Every applicable MUST requirement that ran passed (${tested} tested, ${summary.skip} skipped${warned}).` };
}
