/**
 * Reading the mock's judgement of a client: `GET /_mock/client-report`, one verdict per CL
 * requirement and client id.
 */

import type { ClientReport } from '../../fixtures/index.js';

export type { ClientReport };
export type ClientVerdict = ClientReport['clients'][number]['verdicts'][number];
export type ClientVerdictStatus = ClientVerdict['status'];

export async function fetchClientReport(issuer: string): Promise<ClientReport> {
  const res = await fetch(`${issuer}/_mock/client-report`);
  if (!res.ok) throw new Error(`GET ${issuer}/_mock/client-report answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as ClientReport;
}

/** The verdicts of one client as `{ 'CL-1': 'pass', ... }`, in catalogue order; `{}` when the mock never saw it. */
export async function verdictsOf(issuer: string, clientId: string): Promise<Record<string, ClientVerdictStatus>> {
  const report = await fetchClientReport(issuer);
  const client = report.clients.find((c) => c.clientId === clientId);
  return Object.fromEntries((client?.verdicts ?? []).map((v) => [v.id, v.status]));
}

/** One client's verdicts with their evidence, for a failure message a person can act on. */
export async function evidenceOf(issuer: string, clientId: string): Promise<string> {
  const report = await fetchClientReport(issuer);
  const client = report.clients.find((c) => c.clientId === clientId);
  if (!client) return `the mock reports nothing for client '${clientId}' (clients seen: ${report.clients.map((c) => c.clientId).join(', ') || 'none'})`;
  return client.verdicts.filter((v) => v.status !== 'pass' && v.status !== 'not-observed').map((v) => `${v.id} ${v.status}: ${v.evidence.join('; ')}`).join('\n');
}

/** The IDs with a given status, e.g. every `fail` of a client. */
export const idsWith = (verdicts: Record<string, ClientVerdictStatus>, status: ClientVerdictStatus): string[] =>
  Object.entries(verdicts).filter(([, s]) => s === status).map(([id]) => id);
