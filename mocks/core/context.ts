/** Everything a core function needs, passed explicitly: config, clock, defects, store, key. */
import type { ClientConformance } from './client-conformance/conformance.js';
import type { Clock } from './clock.js';
import type { MockConfig } from './config.js';
import type { DefectSet } from './defects.js';
import type { SigningKey } from './keys.js';
import type { Store } from './store.js';

export interface CoreContext {
  readonly issuer: string;
  readonly config: MockConfig;
  readonly clock: Clock;
  readonly defects: DefectSet;
  readonly store: Store;
  readonly key: SigningKey;
  /** Judges each client's side of its exchanges (CL-*), per client_id. */
  readonly clientConformance: ClientConformance;
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);

/** Scope strings (RFC 6749 §3.3): space-delimited, order irrelevant. */
export function scopeList(scope: string | undefined): string[] {
  return scope === undefined ? [] : scope.split(' ').filter((s) => s.length > 0);
}
