/**
 * The last requests the mock answered, for the dashboard at /_mock/: method, path, status and
 * the OAuth `error` code. Recording is on the token endpoint's hot path, so it is a fixed ring
 * of parallel arrays written in place: no allocation, no parsing, no copy per request. The
 * answer body of a refusal and the Location of a redirect are kept by reference and read
 * (for their `error` code only) when someone looks; a success body (tokens) is never kept.
 * Token-endpoint request bodies are kept by reference too, read only for `grant_type`.
 */

export interface ObservedRequest {
  /** Mock time (ms). */
  time: number;
  method: string;
  path: string;
  /** 0: the connection was dropped (a scenario). */
  status: number;
  /** The OAuth `error` of a refusal or an error redirect, else null. */
  error: string | null;
  /** `grant_type` of a token request, else null. */
  grant_type: string | null;
}

const CODE = /^[\x21-\x7e]{1,80}$/;

function errorCode(status: number, body: string | null, location: string | null): string | null {
  if (status === 0) return 'dropped';
  if (location !== null) {
    const q = location.indexOf('?');
    if (q < 0) return null;
    const e = new URLSearchParams(location.slice(q + 1)).get('error');
    return e !== null && CODE.test(e) ? e : null;
  }
  if (body === null || body[0] !== '{') return null;
  try {
    const e = (JSON.parse(body) as { error?: unknown }).error;
    return typeof e === 'string' && CODE.test(e) ? e : null;
  } catch {
    return null;
  }
}

function grantType(body: string | null): string | null {
  if (body === null) return null;
  const g = new URLSearchParams(body).get('grant_type');
  return g !== null && CODE.test(g) ? g : null;
}

export class ObservedRequests {
  private readonly times: Float64Array;
  private readonly statuses: Uint16Array;
  private readonly methods: string[];
  private readonly paths: string[];
  private readonly bodies: (string | null)[];
  private readonly locations: (string | null)[];
  private readonly forms: (string | null)[];
  /** Requests recorded since the start (the next slot is `count % capacity`). */
  private count = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly capacity = 100) {
    this.times = new Float64Array(capacity);
    this.statuses = new Uint16Array(capacity);
    this.methods = new Array<string>(capacity).fill('');
    this.paths = new Array<string>(capacity).fill('');
    this.bodies = new Array<string | null>(capacity).fill(null);
    this.locations = new Array<string | null>(capacity).fill(null);
    this.forms = new Array<string | null>(capacity).fill(null);
  }

  /**
   * `body` is the answer body (kept only for refusals), `location` the redirect target,
   * `form` the request body of a token request (kept only on token paths).
   */
  record(time: number, method: string, path: string, status: number, body: string | null, location: string | null, form: string | null): void {
    const i = this.count % this.capacity;
    this.count += 1;
    this.times[i] = time;
    this.statuses[i] = status;
    this.methods[i] = method;
    this.paths[i] = path.length > 200 ? path.slice(0, 200) : path;
    this.bodies[i] = status >= 400 ? body : null;
    this.locations[i] = status >= 300 && status < 400 ? location : null;
    this.forms[i] = form;
    if (this.listeners.size > 0) for (const l of this.listeners) l();
  }

  /** How many requests were recorded since the start. */
  get total(): number {
    return this.count;
  }

  /** The most recent first, at most `limit`. */
  recent(limit = this.capacity): ObservedRequest[] {
    const out: ObservedRequest[] = [];
    const n = Math.min(this.count, this.capacity, limit);
    for (let k = 0; k < n; k++) {
      const i = (this.count - 1 - k) % this.capacity;
      const status = this.statuses[i]!;
      out.push({
        time: this.times[i]!,
        method: this.methods[i]!,
        path: this.paths[i]!,
        status,
        error: errorCode(status, this.bodies[i]!, this.locations[i]!),
        grant_type: grantType(this.forms[i]!),
      });
    }
    return out;
  }

  /** Called after every recorded request; returns what unsubscribes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
