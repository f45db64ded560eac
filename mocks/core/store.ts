/**
 * The mock's state: clients, authorization codes, token families, refresh and access tokens,
 * pending consents. Models are declared with @mswjs/data; look-ups go straight to the
 * database's per-model Map by primary key, because its query API scans every record
 * (O(n) per request, far too slow once the store holds many tokens). Expired entries are
 * purged by `purgeExpired`, which the server runs off the request path.
 */
import { factory, nullable, primaryKey } from '@mswjs/data';

const definition = {
  client: {
    client_id: primaryKey(String),
    client_type: String,
    client_secret: nullable(String),
    token_endpoint_auth_method: String,
    redirect_uris: Array<string>,
    allowed_scopes: Array<string>,
    grant_types: Array<string>,
    status: String,
    name: String,
    /** Registration API number (`id` in its answers); 0 for configured clients. */
    number: Number,
    app_link_url: nullable(String),
  },
  authorizationCode: {
    code: primaryKey(String),
    clientId: String,
    /** The redirect URI the code was issued to, and whether the request named it (RFC 6749 §4.1.3). */
    redirectUri: String,
    redirectUriSent: Boolean,
    scope: String,
    sub: String,
    nonce: nullable(String),
    challenge: nullable(String),
    challengeMethod: nullable(String),
    issuedAt: Number,
    expiresAt: Number,
    used: Boolean,
    familyId: nullable(String),
  },
  tokenFamily: {
    id: primaryKey(String),
    clientId: String,
    sub: String,
    scope: String,
    createdAt: Number,
    revoked: Boolean,
    revokedReason: nullable(String),
    refreshIssued: Number,
    /** Latest expiry of anything in the family; purge after it. */
    expiresAt: Number,
  },
  refreshToken: {
    token: primaryKey(String),
    familyId: String,
    clientId: String,
    scope: String,
    issuedAt: Number,
    expiresAt: Number,
    rotated: Boolean,
  },
  /**
   * Opaque access tokens by value; JWT access tokens by jti when they belong to a family or
   * were revoked (a stateless client_credentials JWT needs no record until then).
   */
  accessToken: {
    id: primaryKey(String),
    clientId: String,
    sub: String,
    scope: String,
    familyId: nullable(String),
    issuedAt: Number,
    expiresAt: Number,
    revoked: Boolean,
  },
  pendingConsent: {
    id: primaryKey(String),
    /** The validated authorization request, JSON. */
    request: String,
    expiresAt: Number,
  },
};

type Db = ReturnType<typeof factory<typeof definition>>;
type ModelName = keyof typeof definition;
type Entity<M extends ModelName> = NonNullable<ReturnType<Db[M]['findFirst']>>;
export type ClientRecord = Entity<'client'>;
export type CodeRecord = Entity<'authorizationCode'>;
export type FamilyRecord = Entity<'tokenFamily'>;
export type RefreshRecord = Entity<'refreshToken'>;
export type AccessRecord = Entity<'accessToken'>;
export type ConsentRecord = Entity<'pendingConsent'>;

interface DatabaseInternals {
  getModel(name: string): Map<string, unknown>;
  delete(name: string, id: string): void;
}

/** One model: create through @mswjs/data, read and delete by primary key in O(1). */
export class Table<M extends ModelName> {
  private readonly map: Map<string, Entity<M>>;
  constructor(
    private readonly db: Db,
    private readonly database: DatabaseInternals,
    private readonly model: M,
    readonly primaryKey: string,
  ) {
    this.map = database.getModel(model) as Map<string, Entity<M>>;
  }
  insert(values: Parameters<Db[M]['create']>[0]): Entity<M> {
    return (this.db[this.model].create as unknown as (v: typeof values) => Entity<M>)(values);
  }
  get(id: string): Entity<M> | undefined {
    return this.map.get(id);
  }
  delete(id: string): void {
    if (this.map.has(id)) this.database.delete(this.model, id);
  }
  values(): IterableIterator<Entity<M>> {
    return this.map.values();
  }
  get size(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
}

export class Store {
  readonly clients: Table<'client'>;
  readonly codes: Table<'authorizationCode'>;
  readonly families: Table<'tokenFamily'>;
  readonly refreshTokens: Table<'refreshToken'>;
  readonly accessTokens: Table<'accessToken'>;
  readonly consents: Table<'pendingConsent'>;

  constructor() {
    const db = factory(definition);
    const symbol = Object.getOwnPropertySymbols(db).find((s) => s.description === 'databaseInstance');
    const database = (db as unknown as Record<symbol, DatabaseInternals>)[symbol as symbol];
    if (!database) throw new Error('@mswjs/data: database instance not found');
    this.clients = new Table(db, database, 'client', 'client_id');
    this.codes = new Table(db, database, 'authorizationCode', 'code');
    this.families = new Table(db, database, 'tokenFamily', 'id');
    this.refreshTokens = new Table(db, database, 'refreshToken', 'token');
    this.accessTokens = new Table(db, database, 'accessToken', 'id');
    this.consents = new Table(db, database, 'pendingConsent', 'id');
  }

  /** Drops everything whose lifetime ended before `now`; returns how many entries went. */
  purgeExpired(now: number): number {
    let purged = 0;
    for (const table of [this.codes, this.refreshTokens, this.accessTokens, this.consents, this.families] as Table<ModelName>[]) {
      for (const e of [...table.values()] as unknown as Record<string, unknown>[]) {
        if ((e.expiresAt as number) <= now) {
          table.delete(e[table.primaryKey] as string);
          purged++;
        }
      }
    }
    return purged;
  }

  /** Forgets all state except the clients (which `reset` reloads from config). */
  clear(): void {
    for (const t of [this.clients, this.codes, this.families, this.refreshTokens, this.accessTokens, this.consents]) t.clear();
  }
}
