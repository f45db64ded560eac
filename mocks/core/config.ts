/**
 * The mock's configuration: clients, the registration bearer, lifetimes, access-token format,
 * loopback-port policy and users. Validated with ajv; every bad field yields one line saying
 * where it is, what is wrong and what to do.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { checkRedirectUriForRegistration } from './redirect.js';

export type ClientType = 'public' | 'confidential';
export type AuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';
export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface ClientConfig {
  client_id: string;
  client_type: ClientType;
  client_secret?: string;
  token_endpoint_auth_method?: AuthMethod;
  redirect_uris?: string[];
  allowed_scopes?: string[];
  grant_types?: GrantType[];
  status?: 'active' | 'inactive';
  name?: string;
}

export interface UserConfig {
  sub: string;
  name?: string;
  email?: string;
  preferred_username?: string;
}

/** Lifetimes in seconds. */
export interface Lifetimes {
  code: number;
  accessToken: number;
  usersApiAccessToken: number;
  refreshToken: number;
}

export interface MockConfig {
  clients: ClientConfig[];
  /** Bearer credential of the registration API (`POST /api/v1/applications`). */
  registrationToken: string;
  lifetimes: Lifetimes;
  accessTokenFormat: 'jwt' | 'opaque';
  /** `strict`: loopback redirect ports must match (public-client); `any`: RFC 8252 §7.3. */
  loopbackPorts: 'strict' | 'any';
  users: UserConfig[];
  /**
   * Refresh rotation: `grace_seconds` lets the immediately previous refresh token be presented
   * again for that long after a rotation (a retry after a lost response); 0 or absent: never.
   */
  rotation?: { grace_seconds: number };
  /** The desktop channel's section, passed through to it untouched. */
  desktop?: unknown;
}

export const DEFAULT_LIFETIMES: Lifetimes = {
  code: 60,
  accessToken: 3600,
  usersApiAccessToken: 900,
  refreshToken: 30 * 24 * 3600,
};

export const DEFAULT_USERS: UserConfig[] = [
  { sub: 'user-demo-1', name: 'Demo User', email: 'demo@example.com', preferred_username: 'demo' },
];

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'];
const seconds = { type: 'integer', minimum: 1, maximum: 10 * 365 * 24 * 3600 };

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    clients: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['client_id', 'client_type'],
        properties: {
          client_id: { type: 'string', minLength: 1, maxLength: 200 },
          client_type: { enum: ['public', 'confidential'] },
          client_secret: { type: 'string', minLength: 1 },
          token_endpoint_auth_method: { enum: ['none', 'client_secret_basic', 'client_secret_post'] },
          redirect_uris: { type: 'array', items: { type: 'string' } },
          allowed_scopes: { type: 'array', items: { type: 'string', pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$' } },
          grant_types: { type: 'array', items: { enum: GRANTS } },
          status: { enum: ['active', 'inactive'] },
          name: { type: 'string' },
        },
      },
    },
    registrationToken: { type: 'string', minLength: 1 },
    lifetimes: {
      type: 'object',
      additionalProperties: false,
      properties: { code: seconds, accessToken: seconds, usersApiAccessToken: seconds, refreshToken: seconds },
    },
    accessTokenFormat: { enum: ['jwt', 'opaque'] },
    rotation: {
      type: 'object',
      additionalProperties: false,
      properties: { grace_seconds: { type: 'integer', minimum: 0, maximum: 3600 } },
    },
    loopbackPorts: { enum: ['strict', 'any'] },
    users: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sub'],
        properties: {
          sub: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          email: { type: 'string' },
          preferred_username: { type: 'string' },
        },
      },
    },
    desktop: {},
  },
} as const;

// Compiled on the first config parsed, not at import: the demo config needs no check, and
// compiling costs the embedded mock's start tens of milliseconds (issue 18).
let validator: ValidateFunction | undefined;
const validate = (json: unknown): boolean => (validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema))(json);

/** `/clients/0/client_type` -> `clients[0].client_type` */
function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (extra) parts.push(extra);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || '(top level)';
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${fieldPath(e.instancePath, String(p.missingProperty))}: is missing; add it`;
    case 'additionalProperties':
      return `${fieldPath(e.instancePath, String(p.additionalProperty))}: is not a known field; remove it or check its spelling`;
    case 'enum':
      return `${fieldPath(e.instancePath)}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${fieldPath(e.instancePath)}: must be ${p.type === 'integer' ? 'a whole number' : `of type ${String(p.type)}`}`;
    case 'minimum':
    case 'maximum':
      return `${fieldPath(e.instancePath)}: must be ${e.keyword === 'minimum' ? '>=' : '<='} ${String(p.limit)} (seconds)`;
    case 'minLength':
      return `${fieldPath(e.instancePath)}: must not be empty`;
    case 'minItems':
      return `${fieldPath(e.instancePath)}: must list at least ${String(p.limit)} entry`;
    case 'pattern':
      return `${fieldPath(e.instancePath)}: is not a valid scope token (RFC 6749 §3.3: printable ASCII, no space, quote or backslash)`;
    default:
      return `${fieldPath(e.instancePath)}: ${e.message ?? 'is invalid'}`;
  }
}

/** Checks ajv cannot express: per-client consistency and the redirect URI policy. */
function semanticErrors(raw: { clients?: ClientConfig[] }): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(raw.clients)) return errors;
  raw.clients.forEach((c, i) => {
    if (typeof c !== 'object' || c === null) return;
    const at = `clients[${i}]`;
    if (seen.has(c.client_id)) errors.push(`${at}.client_id: '${c.client_id}' is used by an earlier client; client_ids must be unique`);
    seen.add(c.client_id);
    if (c.client_type === 'public') {
      if (c.client_secret !== undefined) errors.push(`${at}.client_secret: a public client has no secret (RFC 6749 §2.1); remove it or make the client confidential`);
      if (c.token_endpoint_auth_method && c.token_endpoint_auth_method !== 'none')
        errors.push(`${at}.token_endpoint_auth_method: a public client authenticates with 'none'; remove it or make the client confidential`);
      if (Array.isArray(c.grant_types) && c.grant_types.includes('client_credentials'))
        errors.push(`${at}.grant_types: a public client cannot use client_credentials (RFC 6749 §4.4); remove it`);
    } else if (c.client_type === 'confidential') {
      if (c.client_secret === undefined) errors.push(`${at}.client_secret: is missing; a confidential client needs a secret`);
      if (c.token_endpoint_auth_method === 'none')
        errors.push(`${at}.token_endpoint_auth_method: a confidential client uses client_secret_basic or client_secret_post`);
    }
    if (!Array.isArray(c.redirect_uris ?? [])) return;
    (c.redirect_uris ?? []).forEach((uri, j) => {
      if (typeof uri !== 'string') return;
      const problem = checkRedirectUriForRegistration(uri);
      if (problem) errors.push(`${at}.redirect_uris[${j}]: ${problem}`);
    });
    const grants = Array.isArray(c.grant_types) ? c.grant_types : defaultGrants(c.client_type);
    if (grants.includes('authorization_code') && (c.redirect_uris ?? []).length === 0)
      errors.push(`${at}.redirect_uris: the authorization_code grant needs at least one redirect URI; add one or remove the grant`);
  });
  return errors;
}

export function defaultGrants(type: ClientType): GrantType[] {
  return type === 'public' ? ['authorization_code', 'refresh_token'] : ['authorization_code', 'refresh_token', 'client_credentials'];
}

export type ParseResult = { ok: true; config: MockConfig } | { ok: false; errors: string[] };

/** Validates a parsed JSON value and fills in defaults. */
export function parseMockConfig(json: unknown): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, errors: ['(top level): must be a JSON object with fields such as "clients", "lifetimes", "users"'] };
  const valid = validate(json);
  const raw = json as Partial<MockConfig> & { clients?: ClientConfig[] };
  const lines = (valid ? [] : (validator?.errors ?? []).map(describe)).concat(semanticErrors(raw));
  if (lines.length > 0) {
    const seen = new Set<string>();
    const errors: string[] = [];
    for (const line of lines) {
      const key = line.slice(0, line.indexOf(':'));
      if (seen.has(key)) continue; // one clear error per field
      seen.add(key);
      errors.push(line);
    }
    return { ok: false, errors };
  }
  return {
    ok: true,
    config: {
      clients: (raw.clients ?? []).map((c) => ({ ...c })),
      registrationToken: raw.registrationToken ?? 'demo-registration-token',
      lifetimes: { ...DEFAULT_LIFETIMES, ...raw.lifetimes },
      accessTokenFormat: raw.accessTokenFormat ?? 'jwt',
      loopbackPorts: raw.loopbackPorts ?? 'strict',
      users: raw.users ?? DEFAULT_USERS,
      ...(raw.rotation ? { rotation: { grace_seconds: raw.rotation.grace_seconds ?? 0 } } : {}),
      ...(raw.desktop !== undefined ? { desktop: raw.desktop } : {}),
    },
  };
}

/** Reads and validates a config file; errors name the file. */
export function loadMockConfig(path: string): ParseResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`${path}: is not valid JSON (${(err as Error).message}); fix the syntax`] };
  }
  const result = parseMockConfig(json);
  return result.ok ? result : { ok: false, errors: result.errors.map((e) => `${path}: ${e}`) };
}
