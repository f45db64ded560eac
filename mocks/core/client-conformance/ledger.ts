/**
 * One client's running tally per client requirement (CL-1..CL-20), kept in fixed arrays so that
 * judging an exchange is a few integer writes; evidence lines are built only for a finding and
 * kept to a handful per requirement. Also the bounded memory the judgements need: recent states
 * and challenges (CL-5, CL-8), refused refresh tokens (CL-19), the token to keep (CL-20).
 */

/** The number of client requirements; `CL-n` is index n of the tallies. */
export const CL_COUNT = 20;
/** An index into the tallies: the n of `CL-n`. */
export type ClIndex = number;

const EVIDENCE_PER_ID = 5;
/** How many states / challenges a client's reuse is checked against (CL-5, CL-8). */
const RECENT = 64;

/** A Set of the last `limit` values: memory stays bounded whatever a client sends. */
export class RecentSet {
  private readonly set = new Set<string>();
  private readonly ring: string[] = [];
  private next = 0;
  constructor(private readonly limit: number) {}

  has(value: string): boolean {
    return this.set.has(value);
  }

  add(value: string): void {
    if (this.set.has(value)) return;
    if (this.ring.length < this.limit) this.ring.push(value);
    else {
      this.set.delete(this.ring[this.next] as string);
      this.ring[this.next] = value;
      this.next = (this.next + 1) % this.limit;
    }
    this.set.add(value);
  }

  clear(): void {
    this.set.clear();
    this.ring.length = 0;
    this.next = 0;
  }
}

/** A value shown in evidence without giving it away: its first 4 characters and its length. */
export function redact(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}

/** A non-secret value (a redirect URI, a client_id) quoted for evidence, cut to a readable length. */
export function quote(value: string, max = 100): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

export class ClientLedger {
  readonly observations = new Uint32Array(CL_COUNT + 1);
  readonly fails = new Uint32Array(CL_COUNT + 1);
  readonly warns = new Uint32Array(CL_COUNT + 1);
  /** Evidence lines per requirement, created on the first finding; `dropped` counts the rest. */
  readonly evidence: (string[] | undefined)[] = [];
  readonly dropped = new Uint32Array(CL_COUNT + 1);
  /** States of this client's recent authorization requests (CL-8). */
  readonly states = new RecentSet(RECENT);
  /** code_challenges of its recent authorization requests: a repeat means a reused verifier (CL-5). */
  readonly challenges = new RecentSet(RECENT);
  /** Refresh tokens answered invalid_grant by the refresh-invalid-grant scenario (CL-19). */
  readonly refusedRefresh = new RecentSet(8);
  /** The refresh token to keep after a response that carried none (CL-20), until it is next used. */
  keptRefresh: string | undefined;

  constructor(
    readonly clientId: string,
    readonly isPublic: boolean,
    /** False for an unregistered client_id that looks like a placeholder (CL-14). */
    readonly registered: boolean,
  ) {}

  pass(id: ClIndex): void {
    this.observations[id]! += 1;
  }

  /** The requirement broken: the report fails a MUST and warns on a SHOULD (report.ts). */
  fail(id: ClIndex, evidence: string): void {
    this.observations[id]! += 1;
    this.fails[id]! += 1;
    this.note(id, evidence);
  }

  /** A warning whatever the level: a MUST's tolerated form (the empty client_secret of CL-10), a weak CL-5 verifier. */
  warn(id: ClIndex, evidence: string): void {
    this.observations[id]! += 1;
    this.warns[id]! += 1;
    this.note(id, evidence);
  }

  private note(id: ClIndex, line: string): void {
    const lines = (this.evidence[id] ??= []);
    if (lines.length < EVIDENCE_PER_ID) lines.push(line);
    else this.dropped[id]! += 1;
  }
}
