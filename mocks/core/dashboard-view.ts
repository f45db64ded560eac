/**
 * What the OAuth dashboard (`/_mock/`) shows, as plain data built from the core's state:
 * clients, token families as chains of events, the recent requests with their verdicts, the
 * clock, the defects and the queued scenarios. No token or secret leaves here: tokens appear
 * as a short prefix only, clients without their secrets.
 */
import type { AuthorizationServer } from './authorization-server.js';
import { adversaryScenario } from './client-conformance/adversaries.js';
import type { ClientReport } from './client-conformance/report.js';
import { defectByName } from './defects.js';
import type { ObservedRequest } from './observed-requests.js';
import { REUSE_REVOKED } from './refresh-grant.js';
import { SCENARIO_ENDPOINTS, type Scenario } from './scenarios.js';
import type { FamilyRecord } from './store.js';

/** Enough to tell tokens apart on the page, far too little to use one. */
export const tokenPrefix = (token: string): string => `${token.slice(0, 6)}…`;

export type ChainEventKind = 'issued' | 'rotated' | 'reused' | 'revoked';

export interface ChainEvent {
  kind: ChainEventKind;
  /** Mock time (ms); null when the core does not record it (the moment of a revocation). */
  at: number | null;
  /** The refresh token the event is about, as a prefix. */
  token: string | null;
  /** For a refresh token: current (the one that refreshes), rotated (spent), expired, or revoked with its family. */
  state?: 'current' | 'rotated' | 'expired' | 'revoked';
  expires_at?: number;
  detail?: string;
}

export interface AccessTokenView {
  token: string;
  issued_at: number;
  expires_at: number;
  state: 'active' | 'expired' | 'revoked';
}

export interface FamilyView {
  id: string;
  client_id: string;
  sub: string;
  scope: string;
  /** `reused`: ended because a rotated-out refresh token came back (RFC 9700 §4.14.2). */
  state: 'active' | 'revoked' | 'reused';
  revoked_reason: string | null;
  created_at: number;
  chain: ChainEvent[];
  access_tokens: AccessTokenView[];
}

export interface DashboardView {
  issuer: string;
  now: number;
  iso: string;
  clients: Record<string, unknown>[];
  families: FamilyView[];
  /** How many families the store holds; `families` shows the newest. */
  family_count: number;
  requests: ObservedRequest[];
  requests_total: number;
  defects: { fixed_at_start: true; on: { name: string; breaks: readonly string[]; summary: string }[] };
  /** Queued scenarios, then the armed adversarial answers (CL-15..CL-20). */
  scenarios: (Scenario | ReturnType<typeof adversaryScenario>)[];
  scenario_endpoints: readonly string[];
  /** Each client's verdicts on the client requirements (CL-*), as GET /_mock/client-report has them. */
  client_conformance: ClientReport;
}

export interface DashboardLimits {
  families: number;
  requests: number;
  /** Access tokens shown per family, newest first. */
  accessTokens: number;
}

const LIMITS: DashboardLimits = { families: 30, requests: 50, accessTokens: 5 };

function familyState(f: FamilyRecord): FamilyView['state'] {
  if (!f.revoked) return 'active';
  return f.revokedReason === REUSE_REVOKED ? 'reused' : 'revoked';
}

/**
 * One pass over the refresh and access tokens (the store indexes them by value, not by family):
 * O(tokens) per call, which is why the event stream coalesces changes before it builds a view.
 */
export function dashboardView(server: AuthorizationServer, limits: DashboardLimits = LIMITS): DashboardView {
  const { store, clock, defects } = server.ctx;
  const now = clock.now();
  const all = [...store.families.values()];
  const shown = all.sort((a, b) => b.createdAt - a.createdAt).slice(0, limits.families);
  const refresh = new Map<string, { token: string; issuedAt: number; expiresAt: number; rotated: boolean }[]>();
  const access = new Map<string, AccessTokenView[]>();
  for (const f of shown) { refresh.set(f.id, []); access.set(f.id, []); }
  for (const r of store.refreshTokens.values()) refresh.get(r.familyId)?.push(r);
  for (const a of store.accessTokens.values()) {
    if (a.familyId === null) continue;
    access.get(a.familyId)?.push({
      token: tokenPrefix(a.id), issued_at: a.issuedAt, expires_at: a.expiresAt,
      state: a.revoked ? 'revoked' : a.expiresAt <= now ? 'expired' : 'active',
    });
  }

  const families = shown.map((f): FamilyView => {
    const state = familyState(f);
    const tokens = refresh.get(f.id)!.sort((a, b) => a.issuedAt - b.issuedAt);
    const chain: ChainEvent[] = tokens.map((t, i) => ({
      kind: i === 0 ? 'issued' : 'rotated',
      at: t.issuedAt,
      token: tokenPrefix(t.token),
      state: t.rotated ? 'rotated' : f.revoked ? 'revoked' : t.expiresAt <= now ? 'expired' : 'current',
      expires_at: t.expiresAt,
    }));
    if (state === 'reused') chain.push({ kind: 'reused', at: null, token: null, detail: 'a rotated-out refresh token was presented again (RFC 9700 §4.14.2)' });
    if (f.revoked) chain.push({ kind: 'revoked', at: null, token: null, detail: f.revokedReason ?? 'revoked' });
    const tokensOut = access.get(f.id)!.sort((a, b) => b.issued_at - a.issued_at).slice(0, limits.accessTokens);
    // A revoked family's access tokens stop working with it (RFC 9700 §4.14.2).
    if (f.revoked) for (const a of tokensOut) if (a.state === 'active') a.state = 'revoked';
    return {
      id: f.id, client_id: f.clientId, sub: f.sub, scope: f.scope, state,
      revoked_reason: f.revokedReason, created_at: f.createdAt, chain, access_tokens: tokensOut,
    };
  });

  return {
    issuer: server.issuer,
    now,
    iso: new Date(now).toISOString(),
    clients: server.clients(),
    families,
    family_count: all.length,
    requests: server.observed.recent(limits.requests),
    requests_total: server.observed.total,
    // The DefectSet is built once at start-up; nothing switches a defect at run time.
    defects: {
      fixed_at_start: true,
      on: defects.names.map((name) => {
        const d = defectByName(name);
        return { name, breaks: d?.breaks ?? [], summary: d?.summary ?? '' };
      }),
    },
    scenarios: [...server.scenarios.list(), ...server.ctx.clientConformance.adversaries.list().map(adversaryScenario)],
    scenario_endpoints: SCENARIO_ENDPOINTS,
    client_conformance: server.clientReport(),
  };
}
