/**
 * The registration API as the REG properties call it (public-clients: POST /api/v1/applications
 * with a bearer credential, the fields wrapped in `application`; GET/PATCH/PUT on
 * /api/v1/applications/{client_id}).
 */
import type { HttpResponse } from './http/client.js';
import type { PositiveControls } from './oauth/baseline.js';
import { CaseFindings, check, evidence } from './runner/failure.js';
import type { PropertyContext } from './runner/types.js';

export function registrationHeaders(ctx: PropertyContext, authorization?: string | null): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const auth = authorization === undefined ? `Bearer ${ctx.target.spec.registration?.bearer ?? ''}` : authorization;
  if (auth !== null) headers.authorization = auth;
  return headers;
}

export const collectionUrl = (ctx: PropertyContext): string => ctx.target.endpoints.registration_endpoint as string;
export const applicationUrl = (ctx: PropertyContext, clientId: string): string => `${collectionUrl(ctx)}/${encodeURIComponent(clientId)}`;

export function register(ctx: PropertyContext, application: Record<string, unknown>, authorization?: string | null): Promise<HttpResponse> {
  return ctx.http.send({ method: 'POST', url: collectionUrl(ctx), headers: registrationHeaders(ctx, authorization), body: JSON.stringify({ application }) });
}

export const app = (client_type: string, redirect_uris: string[]) => ({ name: 'authprobe probe', client_type, redirect_uris, allowed_scopes: ['openid'] });

export function registered(res: HttpResponse): boolean {
  return (res.status === 200 || res.status === 201) && typeof (res.json as { client_id?: unknown } | undefined)?.client_id === 'string';
}

/** A redirect URI the rule refuses, beside its twin that differs only in the offending part. */
export interface UriCase {
  kind: string;
  accepted: string;
  refused: string;
}

/**
 * Each case: the public-client registration with `accepted` is granted (its positive control),
 * and the same registration with `refused` is refused with a 4xx. Every case runs; the failure
 * names the worst one and counts the others.
 */
export async function refusesEachUri(ctx: PropertyContext, control: PositiveControls, cases: readonly UriCase[]): Promise<void> {
  const findings = new CaseFindings();
  for (const { kind, accepted, refused } of cases) {
    await control(`registering a public client with redirect URI ${JSON.stringify(accepted)}`, `${kind} ${JSON.stringify(refused)}`, async () => {
      const res = await register(ctx, app('public', [accepted]));
      check(registered(res), () => `registering it answered ${evidence(res)}`);
    });
    await findings.attempt(async () => {
      const res = await register(ctx, app('public', [refused]));
      check(!registered(res) && res.status >= 400 && res.status < 500, () => `${kind} redirect URI ${JSON.stringify(refused)} was not refused: ${evidence(res)}`);
    });
  }
  findings.settle();
}
