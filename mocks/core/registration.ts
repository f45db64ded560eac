/**
 * The application registration API of the public-clients document:
 * POST /api/v1/applications and GET/PATCH/PUT /api/v1/applications/{client_id}.
 */
import { errorAnswer, json, type Answer } from './answer.js';
import type { CoreContext } from './context.js';
import { InvalidClientMetadata, InvalidRedirectUri, InvalidToken, OAuthError } from './errors.js';
import { bearerToken } from './form.js';
import { checkRedirectUriForRegistration } from './redirect.js';
import { constantTimeEqual, randomClientId, randomToken } from './secrets.js';
import type { ClientRecord } from './store.js';

export interface RegistrationRequest {
  method: string;
  /** `/api/v1/applications` or `/api/v1/applications/<client_id>` */
  clientId: string | null;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

interface Fields {
  name?: unknown;
  client_type?: unknown;
  redirect_uris?: unknown;
  allowed_scopes?: unknown;
  app_link_url?: unknown;
}

let nextNumber = 1;

function view(c: ClientRecord, secret?: string): Record<string, unknown> {
  return {
    id: c.number,
    client_id: c.client_id,
    ...(secret !== undefined ? { client_secret: secret } : {}),
    client_type: c.client_type,
    token_endpoint_auth_method: c.token_endpoint_auth_method,
    name: c.name,
    redirect_uris: c.redirect_uris,
    allowed_scopes: c.allowed_scopes,
    grant_types: c.grant_types,
    app_link_url: c.app_link_url,
    status: c.status === 'active' ? 'approved' : 'inactive',
  };
}

function readFields(body: string): Fields {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidClientMetadata('the body must be JSON: {"application": {"name", "client_type", "redirect_uris", ...}}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidClientMetadata('the body must be a JSON object');
  const wrapped = (value as { application?: unknown }).application;
  const fields = wrapped === undefined ? value : wrapped;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new InvalidClientMetadata('application must be an object');
  return fields as Fields;
}

function checkRedirectUris(ctx: CoreContext, v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((u) => typeof u === 'string'))
    throw new InvalidRedirectUri('redirect_uris must be a non-empty array of strings');
  for (const uri of v as string[]) {
    const problem = checkRedirectUriForRegistration(uri, ctx.defects);
    if (problem) throw new InvalidRedirectUri(problem);
  }
  return [...(v as string[])];
}

function checkScopes(v: unknown): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s)))
    throw new InvalidClientMetadata('allowed_scopes must be an array of scope tokens (RFC 6749 §3.3)');
  return [...(v as string[])];
}

function optionalString(v: unknown, field: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new InvalidClientMetadata(`${field} must be a string or null`);
  return v;
}

export function registrationEndpoint(ctx: CoreContext, req: RegistrationRequest): Answer {
  try {
    const token = bearerToken(req.authorization);
    if ((!token || !constantTimeEqual(token, ctx.config.registrationToken)) && !ctx.defects.on('reg-no-auth')) // defect: breaks REG-6
      throw new InvalidToken('registration needs Authorization: Bearer <registration token>');
    if (req.clientId === null) {
      if (req.method !== 'POST') return json(405, { error: 'method_not_allowed', error_description: 'use POST' }, { allow: 'POST' });
      return register(ctx, readFields(req.body));
    }
    const client = ctx.store.clients.get(req.clientId);
    if (!client) return json(404, { error: 'not_found', error_description: `no application '${req.clientId.slice(0, 80)}'` });
    if (req.method === 'GET') return json(200, view(client));
    if (req.method !== 'PATCH' && req.method !== 'PUT')
      return json(405, { error: 'method_not_allowed', error_description: 'use GET, PATCH or PUT' }, { allow: 'GET, PATCH, PUT' });
    return update(ctx, client, readFields(req.body));
  } catch (err) {
    return errorAnswer(err instanceof OAuthError ? err : new InvalidClientMetadata('the request could not be processed'));
  }
}

function register(ctx: CoreContext, f: Fields): Answer {
  if (f.client_type !== 'public' && f.client_type !== 'confidential')
    throw new InvalidClientMetadata('client_type is required: public or confidential');
  const redirectUris = checkRedirectUris(ctx, f.redirect_uris);
  const scopes = f.allowed_scopes === undefined ? ['openid'] : checkScopes(f.allowed_scopes);
  const name = optionalString(f.name, 'name') ?? 'Unnamed application';
  const isPublic = f.client_type === 'public';
  // RFC 6749 §2.1: a public client gets no secret at all
  const secret = isPublic && !ctx.defects.on('reg-public-secret-issued') ? undefined : randomToken(); // defect: breaks REG-4
  const client = ctx.store.clients.insert({
    client_id: randomClientId(),
    client_type: f.client_type,
    client_secret: isPublic ? null : (secret as string),
    token_endpoint_auth_method: secret === undefined ? 'none' : 'client_secret_basic',
    redirect_uris: redirectUris,
    allowed_scopes: scopes,
    grant_types: isPublic ? ['authorization_code', 'refresh_token'] : ['authorization_code', 'refresh_token', 'client_credentials'],
    status: 'active',
    name,
    number: nextNumber++,
    app_link_url: optionalString(f.app_link_url, 'app_link_url'),
  });
  if (isPublic) client.token_endpoint_auth_method = 'none';
  const body = view(client, secret);
  if (secret !== undefined && isPublic) body.token_endpoint_auth_method = 'client_secret_basic';
  return json(201, body);
}

function update(ctx: CoreContext, client: ClientRecord, f: Fields): Answer {
  if (ctx.defects.on('reg-refused-update-applied') && typeof f.name === 'string') client.name = f.name; // defect: breaks REG-10
  // Validate everything first: a refused update changes nothing.
  const typeChange = f.client_type !== undefined && f.client_type !== client.client_type;
  if (typeChange && (!ctx.defects.on('reg-client-type-mutable') || (f.client_type !== 'public' && f.client_type !== 'confidential'))) // defect: breaks REG-5
    throw new InvalidClientMetadata('client_type cannot be changed after registration; register a new application instead');
  const redirectUris = f.redirect_uris !== undefined ? checkRedirectUris(ctx, f.redirect_uris) : client.redirect_uris;
  const scopes = f.allowed_scopes !== undefined ? checkScopes(f.allowed_scopes) : client.allowed_scopes;
  const name = f.name !== undefined ? (optionalString(f.name, 'name') ?? client.name) : client.name;
  const appLink = f.app_link_url !== undefined ? optionalString(f.app_link_url, 'app_link_url') : client.app_link_url;
  if (typeChange) {
    client.client_type = f.client_type as string;
    client.token_endpoint_auth_method = f.client_type === 'public' ? 'none' : 'client_secret_basic';
  }
  client.redirect_uris = redirectUris;
  client.allowed_scopes = scopes;
  client.name = name;
  client.app_link_url = appLink;
  return json(200, view(client));
}
