/**
 * GET /_mock/client-report: every followed client's verdict per client requirement. The shape is
 * a public contract (fixtures, `authprobe serve --client-report`, client projects' CI):
 * `{ generatedAt, requirements: [{id, level, rule, text}], clients: [{clientId, public, verdicts:
 * [{id, status, observations, evidence}]}] }`.
 */
import { clientRequirements, type Level, type Rule } from '../../../specs/index.js';
import type { ClientLedger } from './ledger.js';

export type ClientVerdictStatus = 'pass' | 'fail' | 'warn' | 'not-observed';

export interface ClientVerdict {
  id: string;
  status: ClientVerdictStatus;
  observations: number;
  /** One short line per finding; token values redacted. */
  evidence: string[];
}

export interface ClientReport {
  generatedAt: string;
  requirements: { id: string; level: Level; rule: Rule; text: string }[];
  clients: { clientId: string; public: boolean; verdicts: ClientVerdict[] }[];
}

/** `CL-n` → n. */
const indexOf = (id: string) => Number(id.slice(3));

/** A broken MUST fails; a broken SHOULD, or a tolerated form (the empty secret of CL-10), warns. */
function verdict(ledger: ClientLedger, id: string, level: Level): ClientVerdict {
  const n = indexOf(id);
  const observations = ledger.observations[n] ?? 0;
  const fails = ledger.fails[n] ?? 0;
  const status: ClientVerdictStatus =
    fails > 0 ? (level === 'MUST' ? 'fail' : 'warn') : (ledger.warns[n] ?? 0) > 0 ? 'warn' : observations > 0 ? 'pass' : 'not-observed';
  const evidence = [...(ledger.evidence[n] ?? [])];
  const dropped = ledger.dropped[n] ?? 0;
  if (dropped > 0) evidence.push(`… and ${dropped} more`);
  return { id, status, observations, evidence };
}

export function buildClientReport(ledgers: readonly ClientLedger[], now: number): ClientReport {
  return {
    generatedAt: new Date(now).toISOString(),
    requirements: clientRequirements.map((r) => ({ id: r.id, level: r.level, rule: r.rule, text: r.text })),
    clients: ledgers.map((l) => ({
      clientId: l.clientId,
      public: l.isPublic,
      verdicts: clientRequirements.map((r) => verdict(l, r.id, r.level)),
    })),
  };
}

/** The failures of one client (status fail), for assertions and exit lines. */
export function clientFailures(report: ClientReport, clientId?: string): { clientId: string; id: string; evidence: string[] }[] {
  return report.clients
    .filter((c) => clientId === undefined || c.clientId === clientId)
    .flatMap((c) => c.verdicts.filter((v) => v.status === 'fail').map((v) => ({ clientId: c.clientId, id: v.id, evidence: v.evidence })));
}
