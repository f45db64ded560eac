/**
 * The /_mock control API: clock, reset, clients, families and scenarios. Only loopback callers
 * may use it, unless a control token is configured, then only holders of that token.
 */
import { json, type Answer } from '../core/answer.js';
import type { AuthorizationServer } from '../core/authorization-server.js';
import { bearerToken } from '../core/form.js';
import { adversaryScenario, parseAdversary } from '../core/client-conformance/adversaries.js';
import { parseScenario } from '../core/scenarios.js';
import { constantTimeEqual } from '../core/secrets.js';

export interface ControlOptions {
  controlToken?: string | undefined;
  /** Extra work of `POST /_mock/reset`, e.g. the desktop channel's reset. */
  onReset?: (() => void) | undefined;
}

/** Returns the refusal, or null when the caller may use the control plane. */
export function guardControl(o: ControlOptions, loopback: boolean, authorization: string | undefined): Answer | null {
  if (o.controlToken !== undefined) {
    const token = bearerToken(authorization);
    if (token !== null && constantTimeEqual(token, o.controlToken)) return null;
    return json(401, { error: 'invalid_token', error_description: 'the control API needs Authorization: Bearer <control token>' }, { 'www-authenticate': 'Bearer realm="authprobe-control"' });
  }
  if (loopback) return null;
  return json(403, { error: 'forbidden', error_description: 'the control API answers loopback callers only; configure a control token for remote use' });
}

function clockState(server: AuthorizationServer): Answer {
  const now = server.ctx.clock.now();
  return json(200, { now, iso: new Date(now).toISOString() }, { 'cache-control': 'no-store' });
}

const bad = (description: string) => json(400, { error: 'invalid_request', error_description: description });
const notAllowed = (allow: string) => json(405, { error: 'method_not_allowed', error_description: `use ${allow}` }, { allow });

function readJson(body: string): { ok: true; value: unknown } | { ok: false } {
  if (body === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

export function control(server: AuthorizationServer, o: ControlOptions, method: string, path: string, body: string): Answer {
  switch (path) {
    case '/_mock/clock': {
      if (method === 'GET') return clockState(server);
      if (method !== 'POST') return notAllowed('GET, POST');
      const parsed = readJson(body);
      const seconds = parsed.ok ? (parsed.value as { advance_seconds?: unknown } | null)?.advance_seconds : undefined;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 10 * 365 * 86400)
        return bad('send {"advance_seconds": N} with N a non-negative number of seconds; the clock only moves forward');
      server.ctx.clock.advance(seconds * 1000);
      return clockState(server);
    }
    case '/_mock/reset':
      if (method !== 'POST') return notAllowed('POST');
      server.reset();
      server.ctx.clock.reset();
      o.onReset?.();
      return json(200, { reset: true });
    case '/_mock/client-report':
      // Each client's verdicts on the client requirements (CL-*); DELETE starts over.
      if (method === 'GET') return json(200, server.clientReport(), { 'cache-control': 'no-store' });
      if (method !== 'DELETE') return notAllowed('GET, DELETE');
      server.ctx.clientConformance.reset();
      return json(200, server.clientReport(), { 'cache-control': 'no-store' });
    case '/_mock/clients':
      return method === 'GET' ? json(200, { clients: server.clients() }) : notAllowed('GET');
    case '/_mock/families':
      return method === 'GET' ? json(200, { families: server.families() }) : notAllowed('GET');
    case '/_mock/scenarios': {
      const adversaries = server.ctx.clientConformance.adversaries;
      if (method === 'GET') return json(200, { scenarios: [...server.scenarios.list(), ...adversaries.list().map(adversaryScenario)] });
      if (method === 'DELETE') {
        server.scenarios.clear();
        adversaries.clearArmed();
        return json(200, { scenarios: [] });
      }
      if (method !== 'POST') return notAllowed('GET, POST, DELETE');
      const parsed = readJson(body);
      if (!parsed.ok) return bad('the body must be JSON {"endpoint", "times", "action"}');
      const v = parsed.value as Record<string, unknown> | null;
      if (typeof v === 'object' && v !== null && typeof v.action === 'object' && v.action !== null && 'adversary' in v.action) {
        // An adversarial answer a client must survive (CL-15..CL-20), judged in the client report.
        const a = parseAdversary(v);
        if (typeof a === 'string') return bad(a);
        return json(201, adversaryScenario(adversaries.arm({ id: server.scenarios.allocateId(), adversary: a.adversary, remaining: a.times, ...(a.clientId !== undefined ? { clientId: a.clientId } : {}) })));
      }
      const s = parseScenario(parsed.value);
      if (typeof s === 'string') return bad(s);
      return json(201, server.scenarios.add(s.endpoint, s.times, s.action));
    }
    default:
      return json(404, { error: 'not_found', error_description: `no control route ${path.slice(0, 100)}` });
  }
}
