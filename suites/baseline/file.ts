/**
 * Baseline files: the known failures (and, optionally, the known skips) of one target, so that CI
 * fails on what is new and on what got fixed (a stale entry), not on what is already known.
 * The project's own expected-failure lists for oidc-provider and oauth2-mock-server are
 * baselines too. JSON; `authprobe baseline --from report.json` writes one.
 */
import { readFileSync } from 'node:fs';
import { isRequirementId, requirementById, type RequirementId, type Rule } from '../../specs/index.js';

export interface BaselineEntry {
  id: RequirementId;
  /** Whose rule the row enforces (checked against the catalogue when given). */
  rule?: Rule;
  /** One line: what the server does (or why the row is skipped). */
  summary: string;
  /** The clause it breaks. */
  clause?: string;
  /** The request and answer that show it (secrets elided). */
  evidence?: { request: string; response: string };
  /** Why it is the server and not the suite. */
  analysis?: string;
}

export interface Baseline {
  /** What the baseline was taken from (a name, a URL). */
  target?: string;
  /** The server's version it was checked against. */
  version?: string;
  /** The seed of the run it was taken from. */
  seed?: number;
  failures: BaselineEntry[];
  skips?: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

function checkEntries(list: unknown, field: string, problems: string[]): void {
  if (list === undefined && field === 'skips') return;
  if (!Array.isArray(list)) {
    problems.push(`${field} must be an array of {"id", "summary"} entries`);
    return;
  }
  const seen = new Set<string>();
  for (const [i, e] of list.entries()) {
    const at = `${field}[${i}]`;
    if (!e || typeof e !== 'object') {
      problems.push(`${at} must be an object like {"id": "PKCE-3", "summary": "..."}`);
      continue;
    }
    const { id, rule, summary } = e as Record<string, unknown>;
    if (typeof id !== 'string' || !isRequirementId(id)) problems.push(`${at}.id ${JSON.stringify(id)} is not a requirement ID (see authprobe requirements)`);
    else if (seen.has(id)) problems.push(`${at}.id ${id} is listed twice`);
    else seen.add(id);
    if (typeof summary !== 'string' || !summary.trim()) problems.push(`${at} (${String(id)}) needs a "summary": one line saying what the server does`);
    const known = typeof id === 'string' ? requirementById(id)?.rule : undefined;
    if (rule !== undefined && known && rule !== known) problems.push(`${at} (${String(id)}) says rule ${JSON.stringify(rule)}; the catalogue says ${JSON.stringify(known)}`);
  }
}

/** Validates parsed JSON as a baseline; every problem is named with its path. */
export function parseBaseline(data: unknown, source: string): Baseline {
  const problems: string[] = [];
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BaselineError(`${source}: a baseline is a JSON object with a "failures" array`);
  const b = data as Record<string, unknown>;
  checkEntries(b.failures, 'failures', problems);
  checkEntries(b.skips, 'skips', problems);
  if (b.seed !== undefined && !Number.isInteger(b.seed)) problems.push('seed must be an integer');
  if (problems.length) throw new BaselineError(`${source}: ${problems.join('; ')}`);
  return data as Baseline;
}

export function loadBaseline(path: string | URL): Baseline {
  const source = typeof path === 'string' ? path : path.pathname;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BaselineError(`cannot read the baseline ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${source} is not JSON: ${(err as Error).message}`);
  }
  return parseBaseline(data, source);
}
