/**
 * The target: what the suites probe. `TargetFile` is the JSON shape (see target.schema.json);
 * `TargetSpec` is a validated file with secrets resolved; `Target` adds discovered metadata,
 * the authorization driver and the clock, ready for the properties.
 */
import type { Profile } from '../../specs/index.js';
import type { AuthorizeDriver } from '../drivers/types.js';

export type EndpointName =
  | 'authorization_endpoint'
  | 'token_endpoint'
  | 'revocation_endpoint'
  | 'introspection_endpoint'
  | 'userinfo_endpoint'
  | 'registration_endpoint'
  | 'jwks_uri';

export interface PublicClientConfig {
  client_id: string;
  redirect_uri: string;
  redirect_uris?: string[];
  scope?: string;
}

export interface ConfidentialClientConfig {
  client_id: string;
  client_secret: string;
  auth_method?: 'client_secret_basic' | 'client_secret_post';
  redirect_uri?: string;
  scope?: string;
}

export interface UsersApiClientConfig {
  client_id: string;
  client_secret: string;
  token_endpoint?: string;
}

export interface SecretClientConfig {
  client_id: string;
  client_secret: string;
}

export type ModeModule = { mode: 'module'; module: string };

export interface TargetFile {
  $schema?: string;
  /** Required unless the only profile claimed is `desktop` (nothing OAuth is then contacted). */
  issuer?: string;
  profiles: Profile[];
  endpoints?: Partial<Record<EndpointName, string>>;
  /** Origins besides the issuer's that discovered metadata may point endpoints at. */
  endpoint_origins?: string[];
  clients?: {
    public?: PublicClientConfig;
    public2?: PublicClientConfig;
    confidential?: ConfidentialClientConfig;
    usersApi?: UsersApiClientConfig;
    inactive?: SecretClientConfig;
  };
  registration?: { endpoint?: string; bearer: string };
  authorize?: { mode: 'redirect' } | ModeModule;
  clock?: { mode: 'mock'; url: string } | ModeModule;
  ttl?: { code?: number; access_token?: number; refresh_token?: number };
  /** `grace_seconds`: the previous refresh token may be presented again for this long after a rotation. */
  rotation?: { grace_seconds?: number };
  desktop?: {
    socket: string;
    /** `envelope` (default): the real channel's framing; `http`: the mock's HTTP dialect. */
    protocol?: 'envelope' | 'http';
    /** By name as shown in the app, UUID, or sign-in address. */
    account?: string;
    /** How the app scopes grants: `process` (default, SDKs) or `terminal` (CLI sessions). */
    scope?: 'process' | 'terminal';
    prompts?: { mode: 'mock'; url: string } | ModeModule;
  };
  timeouts?: { request_ms?: number };
}

/** A validated target file with `env:NAME` secrets resolved and module paths made absolute. */
export interface TargetSpec extends TargetFile {
  /** Directory that relative module paths were resolved against. */
  baseDir: string;
  /** Where the spec came from (a file path, or "inline"). */
  source: string;
  /** Secret values and how to name them in reports instead (`$CONF_SECRET`, `<confidential.client_secret>`). */
  secrets: SecretRef[];
}

export interface SecretRef {
  value: string;
  /** Shown instead of the value in reports and curl commands. */
  placeholder: string;
}

/** Endpoints after discovery and overrides. */
export interface Endpoints {
  authorization_endpoint?: string;
  token_endpoint?: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
  userinfo_endpoint?: string;
  registration_endpoint?: string;
  jwks_uri?: string;
  /** The users-API token endpoint (not in standard metadata). */
  users_token_endpoint?: string;
}

/** Moves (or reads) the target's time. */
export interface TargetClock {
  readonly kind: 'mock' | 'module';
  advance(seconds: number): Promise<void>;
  /** Target time in ms since the epoch, when the clock can tell. */
  now?(): Promise<number>;
}

export interface Target {
  spec: TargetSpec;
  /** The issuer; for a desktop-only run, `unix:<socket>` (nothing OAuth was contacted). */
  issuer: string;
  /** True when every profile of the run is desktop: no discovery, no OAuth endpoint. */
  desktopOnly: boolean;
  profiles: Profile[];
  metadata: Record<string, unknown>;
  /** Where the metadata was found. */
  metadataUrl: string;
  endpoints: Endpoints;
  authorize: AuthorizeDriver;
  authorizeMode: 'redirect' | 'module';
  clock?: TargetClock;
  requestTimeoutMs: number;
}
