/**
 * Scenarios queued through the control API: the next N requests to an endpoint answer an OAuth
 * error, are delayed, or have their connection dropped. Adapters ask `take(endpoint)` once per
 * request; when nothing is queued that is one Map read.
 */
import { ERROR_DESCRIPTION_CHARS } from './header-safe.js';

export const SCENARIO_ENDPOINTS = ['token', 'authorize', 'revoke', 'introspect', 'userinfo', 'registration', 'users-token'] as const;
export type ScenarioEndpoint = (typeof SCENARIO_ENDPOINTS)[number];

export type ScenarioAction =
  | { error: string; status?: number; error_description?: string }
  | { delay_ms: number }
  | { drop: true };

export interface Scenario {
  id: number;
  endpoint: ScenarioEndpoint;
  remaining: number;
  action: ScenarioAction;
}

export class ScenarioQueue {
  private readonly queues = new Map<ScenarioEndpoint, Scenario[]>();
  private nextId = 1;

  add(endpoint: ScenarioEndpoint, times: number, action: ScenarioAction): Scenario {
    const s: Scenario = { id: this.nextId++, endpoint, remaining: times, action };
    const q = this.queues.get(endpoint);
    if (q) q.push(s);
    else this.queues.set(endpoint, [s]);
    return s;
  }

  /** The action for this request, counting it; undefined when nothing is queued. */
  take(endpoint: ScenarioEndpoint): ScenarioAction | undefined {
    if (this.queues.size === 0) return undefined;
    const q = this.queues.get(endpoint);
    const s = q?.[0];
    if (!q || !s) return undefined;
    s.remaining -= 1;
    if (s.remaining <= 0) q.shift();
    if (q.length === 0) this.queues.delete(endpoint);
    return s.action;
  }

  /** An id from the same sequence, for the adversarial scenarios kept beside the queue (client-conformance/). */
  allocateId(): number {
    return this.nextId++;
  }

  list(): Scenario[] {
    return [...this.queues.values()].flat().map((s) => ({ ...s }));
  }

  clear(): void {
    this.queues.clear();
  }
}

/** Validates a POST /_mock/scenarios body; returns the scenario or a message saying what to fix. */
export function parseScenario(value: unknown): { endpoint: ScenarioEndpoint; times: number; action: ScenarioAction } | string {
  if (typeof value !== 'object' || value === null) return 'the body must be a JSON object {"endpoint", "times", "action"}';
  const v = value as Record<string, unknown>;
  if (!SCENARIO_ENDPOINTS.includes(v.endpoint as ScenarioEndpoint)) return `endpoint must be one of ${SCENARIO_ENDPOINTS.join(', ')}`;
  const times = v.times === undefined ? 1 : v.times;
  if (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 100000) return 'times must be an integer from 1 to 100000';
  const a = v.action as Record<string, unknown> | undefined;
  if (typeof a !== 'object' || a === null) return 'action must be {"error": CODE, "status"?: N} | {"delay_ms": N} | {"drop": true}';
  let action: ScenarioAction;
  if (typeof a.error === 'string') {
    if (!/^[a-z_]{1,64}$/.test(a.error)) return 'action.error must be an OAuth error code such as invalid_grant';
    if (a.status !== undefined && (!Number.isInteger(a.status) || (a.status as number) < 400 || (a.status as number) > 599))
      return 'action.status must be an integer from 400 to 599';
    if (a.error_description !== undefined && typeof a.error_description !== 'string') return 'action.error_description must be a string';
    // RFC 6749 §5.2's character set: the description may reach WWW-Authenticate, where CR/LF or non-ASCII would break the answer.
    if (typeof a.error_description === 'string' && !ERROR_DESCRIPTION_CHARS.test(a.error_description))
      return 'action.error_description may hold printable ASCII only, without " or \\ (RFC 6749 §5.2); no CR/LF, control or non-ASCII characters';
    action = { error: a.error, ...(a.status !== undefined ? { status: a.status as number } : {}), ...(a.error_description !== undefined ? { error_description: a.error_description as string } : {}) };
  } else if (a.delay_ms !== undefined) {
    if (!Number.isInteger(a.delay_ms) || (a.delay_ms as number) < 0 || (a.delay_ms as number) > 60000) return 'action.delay_ms must be an integer from 0 to 60000';
    action = { delay_ms: a.delay_ms as number };
  } else if (a.drop === true) action = { drop: true };
  else return 'action must be {"error": CODE, "status"?: N} | {"delay_ms": N} | {"drop": true}';
  return { endpoint: v.endpoint as ScenarioEndpoint, times: times as number, action };
}
