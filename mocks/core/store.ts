/**
 * The mock's state: clients, authorization codes, token families, refresh and access tokens,
 * pending consents. Models are declared with @mswjs/data; look-ups go straight to the
 * database's per-model Map by primary key, because its query API scans every record
 * (O(n) per request, far too slow once the store holds many tokens). Clients are created
 * through @mswjs/data (seeding, few, rare); the token tables, written on every token request,
 * keep their records in sharded Maps of their own with the same refusals (a missing or
 * duplicate primary key), since @mswjs/data's `create` costs 10–20x a Map insert and one Map
 * of a million entries stalls on each rehash (bench/README.md).
 * Expired entries are purged slice by slice (`purgeSlice`), which the server runs off the
 * request path.
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

/*
 * The records, written out: the published declarations of the mock must not reach
 * @mswjs/data's own (which do not compile with skipLibCheck off), and a reader sees the shapes.
 * `definition` above and these interfaces name the same fields; the compiler checks it below.
 */
export interface ClientRecord {
  client_id: string;
  client_type: string;
  client_secret: string | null;
  token_endpoint_auth_method: string;
  redirect_uris: string[];
  allowed_scopes: string[];
  grant_types: string[];
  status: string;
  name: string;
  number: number;
  app_link_url: string | null;
}
export interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  redirectUriSent: boolean;
  scope: string;
  sub: string;
  nonce: string | null;
  challenge: string | null;
  challengeMethod: string | null;
  issuedAt: number;
  expiresAt: number;
  used: boolean;
  familyId: string | null;
}
export interface FamilyRecord {
  id: string;
  clientId: string;
  sub: string;
  scope: string;
  createdAt: number;
  revoked: boolean;
  revokedReason: string | null;
  refreshIssued: number;
  expiresAt: number;
}
export interface RefreshRecord {
  token: string;
  familyId: string;
  clientId: string;
  scope: string;
  issuedAt: number;
  expiresAt: number;
  rotated: boolean;
}
export interface AccessRecord {
  id: string;
  clientId: string;
  sub: string;
  scope: string;
  familyId: string | null;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}
export interface ConsentRecord {
  id: string;
  request: string;
  expiresAt: number;
}

interface Records {
  client: ClientRecord;
  authorizationCode: CodeRecord;
  tokenFamily: FamilyRecord;
  refreshToken: RefreshRecord;
  accessToken: AccessRecord;
  pendingConsent: ConsentRecord;
}
type ModelName = keyof Records;

type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
// A field added to `definition` but not to its interface (or the other way) is a type error here.
const recordsMatchDefinition: { [M in ModelName]: SameKeys<Records[M], (typeof definition)[M]> } = {
  client: true,
  authorizationCode: true,
  tokenFamily: true,
  refreshToken: true,
  accessToken: true,
  pendingConsent: true,
};
void recordsMatchDefinition;

/** The model names and their primary keys, as `definition` declares them. */
export const MODEL_KEYS: Readonly<Record<ModelName, string>> = {
  client: 'client_id',
  authorizationCode: 'code',
  tokenFamily: 'id',
  refreshToken: 'token',
  accessToken: 'id',
  pendingConsent: 'id',
};

interface DatabaseInternals {
  getModel(name: string): Map<string, unknown>;
  delete(name: string, id: string): void;
}

/** What a table reads and writes by key: a Map, or a ShardedMap. */
interface KeyedRecords<R> {
  get(id: string): R | undefined;
  has(id: string): boolean;
  set(id: string, record: R): unknown;
  delete(id: string): boolean;
  values(): IterableIterator<R>;
  readonly size: number;
  clear(): void;
}

/** What a table needs of the database: create through @mswjs/data, its records by key, delete by key. */
interface TableBackend<R> {
  create(values: R): R;
  map: KeyedRecords<R>;
  remove(id: string): void;
}

const SHARDS = 64;

/**
 * One table's records in 64 Maps, picked by the key's last two characters (codes and tokens are
 * random base64url, so they spread evenly). A Map rehashes all its entries at once when it grows
 * past its capacity or shrinks below a quarter of it: at a million entries that is 60–120 ms in
 * one insert or delete, which a purge of a million expired tokens would hit on its way down
 * (bench/scale.ts). Shards keep each rehash to a 64th of the table.
 */
export class ShardedMap<R> implements KeyedRecords<R> {
  private readonly shards = Array.from({ length: SHARDS }, () => new Map<string, R>());
  private count = 0;
  private shard(id: string): Map<string, R> {
    const n = id.length;
    return this.shards[((id.charCodeAt(n - 1) * 31 + id.charCodeAt(n - 2)) | 0) & (SHARDS - 1)] as Map<string, R>;
  }
  get(id: string): R | undefined {
    return this.shard(id).get(id);
  }
  has(id: string): boolean {
    return this.shard(id).has(id);
  }
  set(id: string, record: R): this {
    const m = this.shard(id);
    if (!m.has(id)) this.count++;
    m.set(id, record);
    return this;
  }
  delete(id: string): boolean {
    const gone = this.shard(id).delete(id);
    if (gone) this.count--;
    return gone;
  }
  /** Shard after shard; deleting the entry just visited is safe, as with a Map. */
  *values(): IterableIterator<R> {
    for (const m of this.shards) yield* m.values();
  }
  get size(): number {
    return this.count;
  }
  clear(): void {
    for (const m of this.shards) m.clear();
    this.count = 0;
  }
}

/** One model: create through @mswjs/data or straight into its records, read and delete by primary key in O(1). */
export class Table<M extends ModelName> {
  private readonly backend: TableBackend<Records[M]>;
  constructor(
    backend: { create(values: never): unknown; map: KeyedRecords<unknown>; remove(id: string): void },
    readonly primaryKey: string,
    /** Insert straight into the records (the token tables' hot path) rather than through @mswjs/data's `create`. */
    private readonly direct = false,
  ) {
    this.backend = backend as unknown as TableBackend<Records[M]>;
  }
  insert(values: Records[M]): Records[M] {
    if (!this.direct) return this.backend.create(values);
    const id = (values as unknown as Record<string, unknown>)[this.primaryKey];
    if (typeof id !== 'string' || id === '') throw new Error(`store: a record without its primary key "${this.primaryKey}"`);
    if (this.backend.map.has(id)) throw new Error(`store: a record with the same primary key "${this.primaryKey}" already exists`);
    const record = { ...values };
    this.backend.map.set(id, record);
    return record;
  }
  get(id: string): Records[M] | undefined {
    return this.backend.map.get(id);
  }
  delete(id: string): void {
    if (this.backend.map.has(id)) this.backend.remove(id);
  }
  values(): IterableIterator<Records[M]> {
    return this.backend.map.values();
  }
  get size(): number {
    return this.backend.map.size;
  }
  clear(): void {
    this.backend.map.clear();
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
    const table = <M extends ModelName>(model: M) => {
      // Clients through @mswjs/data; the token tables in their own sharded Maps (see ShardedMap).
      if (model === 'client')
        return new Table<M>(
          {
            create: (values: never) => (db[model].create as unknown as (v: unknown) => unknown)(values),
            map: database.getModel(model),
            remove: (id: string) => database.delete(model, id),
          },
          MODEL_KEYS[model],
        );
      const map = new ShardedMap<unknown>();
      return new Table<M>({ create: () => { throw new Error('unused'); }, map, remove: (id: string) => map.delete(id) }, MODEL_KEYS[model], true);
    };
    this.clients = table('client');
    this.codes = table('authorizationCode');
    this.families = table('tokenFamily');
    this.refreshTokens = table('refreshToken');
    this.accessTokens = table('accessToken');
    this.consents = table('pendingConsent');
  }

  /** Drops everything whose lifetime ended before `now`, in one go; returns how many entries went. */
  purgeExpired(now: number): number {
    let purged = 0;
    for (;;) {
      const slice = this.purgeSlice(now, Number.MAX_SAFE_INTEGER);
      purged += slice.purged;
      if (slice.done) return purged;
    }
  }

  private sweep: { now: number; tables: Table<ModelName>[]; walking: IterableIterator<unknown> | undefined } | undefined;

  /**
   * One slice of a purge: looks at `max` entries at most, then returns, so that purging a million
   * expired tokens never blocks the event loop for long (the server runs slices one per tick).
   * A purge in progress goes on where it stopped; `done` when every table was walked.
   */
  purgeSlice(now: number, max = 2_000): { purged: number; done: boolean } {
    this.sweep ??= { now, tables: [this.codes, this.refreshTokens, this.accessTokens, this.consents, this.families] as Table<ModelName>[], walking: undefined };
    const sweep = this.sweep;
    let looked = 0;
    let purged = 0;
    while (sweep.tables.length > 0) {
      const table = sweep.tables[0] as Table<ModelName>;
      sweep.walking ??= table.values();
      // Deleting the entry just visited is safe while a Map is being iterated.
      for (let next = sweep.walking.next(); !next.done; next = sweep.walking.next()) {
        const e = next.value as Record<string, unknown>;
        if ((e.expiresAt as number) <= sweep.now) {
          table.delete(e[table.primaryKey] as string);
          purged++;
        }
        if (++looked >= max) return { purged, done: false };
      }
      sweep.tables.shift();
      sweep.walking = undefined;
    }
    this.sweep = undefined;
    return { purged, done: true };
  }

  /** Forgets all state except the clients (which `reset` reloads from config). */
  clear(): void {
    for (const t of [this.clients, this.codes, this.families, this.refreshTokens, this.accessTokens, this.consents]) t.clear();
  }
}
