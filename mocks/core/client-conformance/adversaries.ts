/**
 * Adversarial answers a client must survive (queued through POST /_mock/scenarios with
 * `{"action": {"adversary": NAME}}`), and what the mock handed out in each, so that the report
 * can say whether the client then used what it should have rejected.
 */
import type { ClIndex } from './ledger.js';

export const ADVERSARIES = ['wrong-state', 'wrong-iss', 'missing-iss', 'foreign-code', 'refresh-invalid-grant', 'no-new-refresh-token'] as const;
export type Adversary = (typeof ADVERSARIES)[number];

/** The endpoint whose answer each adversary changes, and the client requirement it tests. */
export const ADVERSARY: Readonly<Record<Adversary, { endpoint: 'authorize' | 'token'; id: ClIndex; what: string }>> = {
  'wrong-state': { endpoint: 'authorize', id: 15, what: 'an authorization response whose state does not match the request' },
  'wrong-iss': { endpoint: 'authorize', id: 16, what: 'an authorization response whose iss is another issuer' },
  'missing-iss': { endpoint: 'authorize', id: 17, what: 'an authorization response without iss' },
  'foreign-code': { endpoint: 'authorize', id: 18, what: 'an authorization response carrying a code issued to another client' },
  'refresh-invalid-grant': { endpoint: 'token', id: 19, what: 'invalid_grant on a refresh' },
  'no-new-refresh-token': { endpoint: 'token', id: 20, what: 'a refresh response without a new refresh token' },
};

/** The issuer a wrong-iss response names: a reserved name (RFC 6761 §6.4) no server has. */
export const MIX_UP_ISSUER = 'https://mix-up.invalid';
/** The client a foreign code is bound to; never registered. */
export const OTHER_CLIENT = 'authprobe-other-client';

export interface ArmedAdversary {
  id: number;
  adversary: Adversary;
  remaining: number;
  /** Only this client's requests, when set. */
  clientId?: string;
}

/** A code handed out by an adversarial authorization response. */
export interface Taint {
  adversary: Adversary;
  clientId: string;
  redemptions: number;
}

/** Codes remembered per server; the oldest goes first beyond this. */
const TAINTS = 256;

export class AdversaryQueue {
  private readonly armed: ArmedAdversary[] = [];
  private readonly taints = new Map<string, Taint>();

  arm(a: ArmedAdversary): ArmedAdversary {
    this.armed.push(a);
    return a;
  }

  /** The adversary to play on this request, counting it; one length check when none is armed. */
  take(endpoint: 'authorize' | 'token', clientId: string): Adversary | undefined {
    if (this.armed.length === 0) return undefined;
    const i = this.armed.findIndex((a) => ADVERSARY[a.adversary].endpoint === endpoint && (a.clientId === undefined || a.clientId === clientId));
    const a = this.armed[i];
    if (!a) return undefined;
    a.remaining -= 1;
    if (a.remaining <= 0) this.armed.splice(i, 1);
    return a.adversary;
  }

  list(): ArmedAdversary[] {
    return this.armed.map((a) => ({ ...a }));
  }

  taint(code: string, adversary: Adversary, clientId: string): void {
    if (this.taints.size >= TAINTS) this.taints.delete(this.taints.keys().next().value as string);
    this.taints.set(code, { adversary, clientId, redemptions: 0 });
  }

  /** The taint of a code being redeemed; one size check when no adversarial code is out. */
  tainted(code: string): Taint | undefined {
    return this.taints.size === 0 ? undefined : this.taints.get(code);
  }

  clearArmed(): void {
    this.armed.length = 0;
  }

  clear(): void {
    this.armed.length = 0;
    this.taints.clear();
  }
}

/**
 * Validates the action of a POST /_mock/scenarios body that names an adversary:
 * `{"endpoint": "authorize"|"token", "times"?: N, "action": {"adversary": NAME, "client_id"?: ID}}`.
 * Returns the parts to arm, or a message saying what to fix.
 */
export function parseAdversary(value: Record<string, unknown>): { adversary: Adversary; times: number; clientId?: string } | string {
  const a = value.action as Record<string, unknown>;
  const adversary = a.adversary as Adversary;
  if (!ADVERSARIES.includes(adversary)) return `action.adversary must be one of ${ADVERSARIES.join(', ')}`;
  const endpoint = ADVERSARY[adversary].endpoint;
  if (value.endpoint !== endpoint) return `the ${adversary} scenario changes the answer of the ${endpoint} endpoint: send "endpoint": "${endpoint}"`;
  const times = value.times === undefined ? 1 : value.times;
  if (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 1000) return 'times must be an integer from 1 to 1000';
  if (a.client_id !== undefined && (typeof a.client_id !== 'string' || a.client_id === '' || a.client_id.length > 200))
    return 'action.client_id must be a non-empty string of at most 200 characters';
  const extra = Object.keys(a).filter((k) => k !== 'adversary' && k !== 'client_id');
  if (extra.length > 0) return `action may hold only adversary and client_id, not ${extra.join(', ').slice(0, 80)}`;
  return { adversary, times: times as number, ...(typeof a.client_id === 'string' ? { clientId: a.client_id } : {}) };
}

/** An armed adversary as GET /_mock/scenarios lists it, beside the queued scenarios. */
export function adversaryScenario(a: ArmedAdversary): { id: number; endpoint: 'authorize' | 'token'; remaining: number; action: { adversary: Adversary; client_id?: string } } {
  return { id: a.id, endpoint: ADVERSARY[a.adversary].endpoint, remaining: a.remaining, action: { adversary: a.adversary, ...(a.clientId !== undefined ? { client_id: a.clientId } : {}) } };
}
