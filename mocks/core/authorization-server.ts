/**
 * The reference authorization server as one object over the core functions: what both the
 * node:http server and the msw handlers call. Holds the state (store), the key, the clock and
 * the defects of one mock instance.
 */
import type { Answer } from './answer.js';
import { authorize, decideConsent, type AuthorizeOutcome } from './authorize.js';
import { ClientConformance } from './client-conformance/conformance.js';
import type { ClientReport } from './client-conformance/report.js';
import type { Clock } from './clock.js';
import { defaultGrants, type MockConfig } from './config.js';
import type { CoreContext } from './context.js';
import { asDefectSet, type DefectSet } from './defects.js';
import type { OAuthError } from './errors.js';
import { createSigningKey, type SigningKey } from './keys.js';
import { jwks, openidConfiguration, serverMetadata } from './metadata.js';
import { registrationEndpoint, type RegistrationRequest } from './registration.js';
import type { EndpointRequest } from './request.js';
import { ObservedRequests } from './observed-requests.js';
import { ScenarioQueue } from './scenarios.js';
import { Store } from './store.js';
import { introspectEndpoint, revokeEndpoint, userinfoEndpoint } from './token-resources.js';
import { tokenEndpoint } from './token-endpoint.js';
import { usersTokenEndpoint } from './users-token.js';

export interface AuthorizationServerOptions {
  issuer: string;
  config: MockConfig;
  clock: Clock;
  defects?: readonly string[] | DefectSet;
  consent?: 'page' | 'auto';
  /** Reuse a key (e.g. one mock answering over msw and a socket with the same JWKS). */
  key?: SigningKey;
}

export class AuthorizationServer {
  readonly ctx: CoreContext;
  readonly scenarios = new ScenarioQueue();
  /** The last requests answered, for the dashboard at /_mock/ (a fixed ring; the router records). */
  readonly observed = new ObservedRequests();
  readonly consent: 'page' | 'auto';

  private constructor(ctx: CoreContext, consent: 'page' | 'auto') {
    this.ctx = ctx;
    this.consent = consent;
    this.loadClients();
  }

  static async create(o: AuthorizationServerOptions): Promise<AuthorizationServer> {
    const defects = asDefectSet(o.defects);
    const key = o.key ?? (await createSigningKey());
    const ctx: CoreContext = { issuer: o.issuer, config: o.config, clock: o.clock, defects, store: new Store(), key, clientConformance: new ClientConformance() };
    return new AuthorizationServer(ctx, o.consent ?? 'page');
  }

  get issuer(): string {
    return this.ctx.issuer;
  }

  private loadClients(): void {
    for (const c of this.ctx.config.clients) {
      this.ctx.store.clients.insert({
        client_id: c.client_id,
        client_type: c.client_type,
        client_secret: c.client_secret ?? null,
        token_endpoint_auth_method: c.token_endpoint_auth_method ?? (c.client_type === 'public' ? 'none' : 'client_secret_basic'),
        redirect_uris: [...(c.redirect_uris ?? [])],
        allowed_scopes: [...(c.allowed_scopes ?? ['openid', 'profile', 'email', 'offline_access'])],
        grant_types: [...(c.grant_types ?? defaultGrants(c.client_type))],
        status: c.status ?? 'active',
        name: c.name ?? c.client_id,
        number: 0,
        app_link_url: null,
      });
    }
  }

  metadata(): Record<string, unknown> {
    return serverMetadata(this.ctx);
  }
  openidConfiguration(): Record<string, unknown> {
    return openidConfiguration(this.ctx);
  }
  jwks(): { keys: unknown[] } {
    return jwks(this.ctx);
  }
  authorize(query: string, forcedError?: OAuthError): AuthorizeOutcome {
    return authorize(this.ctx, query, this.consent, forcedError);
  }
  decide(body: string): AuthorizeOutcome {
    return decideConsent(this.ctx, body);
  }
  token(req: EndpointRequest): Promise<Answer> {
    return tokenEndpoint(this.ctx, req);
  }
  usersToken(req: EndpointRequest): Promise<Answer> {
    return usersTokenEndpoint(this.ctx, req);
  }
  revoke(req: EndpointRequest): Promise<Answer> {
    return revokeEndpoint(this.ctx, req);
  }
  introspect(req: EndpointRequest): Promise<Answer> {
    return introspectEndpoint(this.ctx, req);
  }
  userinfo(req: EndpointRequest): Promise<Answer> {
    return userinfoEndpoint(this.ctx, req);
  }
  registration(req: RegistrationRequest): Answer {
    return registrationEndpoint(this.ctx, req);
  }

  /** Control API views: no secrets. */
  clients(): Record<string, unknown>[] {
    return [...this.ctx.store.clients.values()].map((c) => ({
      client_id: c.client_id,
      client_type: c.client_type,
      token_endpoint_auth_method: c.token_endpoint_auth_method,
      redirect_uris: c.redirect_uris,
      allowed_scopes: c.allowed_scopes,
      grant_types: c.grant_types,
      status: c.status,
      name: c.name,
    }));
  }

  families(): Record<string, unknown>[] {
    const latest = new Map<string, number>();
    for (const r of this.ctx.store.refreshTokens.values())
      if (!r.rotated) latest.set(r.familyId, Math.max(latest.get(r.familyId) ?? 0, r.expiresAt));
    return [...this.ctx.store.families.values()].map((f) => ({
      id: f.id,
      client_id: f.clientId,
      sub: f.sub,
      scope: f.scope,
      status: f.revoked ? 'revoked' : 'active',
      revoked_reason: f.revokedReason,
      created_at: f.createdAt,
      refresh_tokens_issued: f.refreshIssued,
      refresh_expires_at: latest.get(f.id) ?? null,
    }));
  }

  /** POST /_mock/reset: forget every code, token, family, registration and scenario. */
  reset(): void {
    this.ctx.store.clear();
    this.scenarios.clear();
    this.ctx.clientConformance.reset();
    this.loadClients();
  }

  /** GET /_mock/client-report: each client's verdicts on the client requirements (CL-*). */
  clientReport(): ClientReport {
    return this.ctx.clientConformance.report(Date.now());
  }

  purgeExpired(): number {
    return this.ctx.store.purgeExpired(this.ctx.clock.now());
  }

  /** One bounded slice of a purge (see Store.purgeSlice); `done` when the purge is complete. */
  purgeSlice(max?: number): { purged: number; done: boolean } {
    return this.ctx.store.purgeSlice(this.ctx.clock.now(), max);
  }
}
