/** Turns a validated target spec into a live target: metadata, endpoints, driver, clock. */
import type { HttpClient } from '../http/client.js';
import { loadDriverModule, redirectDriver } from './authorize.js';
import { mockClock, moduleClock } from './clock.js';
import { discover, resolveEndpoints } from './discover.js';
import type { Profile } from '../../specs/index.js';
import type { Target, TargetSpec } from './types.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

/** A run whose every profile is desktop contacts nothing OAuth (and needs no issuer). */
export const isDesktopOnly = (profiles: readonly Profile[]): boolean => profiles.length > 0 && profiles.every((p) => p === 'desktop');

export async function prepareTarget(spec: TargetSpec, http: HttpClient, profiles?: Profile[]): Promise<Target> {
  const desktopOnly = isDesktopOnly(profiles ?? spec.profiles);
  const { metadata, metadataUrl } = desktopOnly ? { metadata: {}, metadataUrl: '' } : await discover(spec, http);
  const authorizeMode = spec.authorize?.mode ?? 'redirect';
  const target: Target = {
    spec,
    issuer: spec.issuer ?? `unix:${spec.desktop?.socket ?? ''}`,
    desktopOnly,
    profiles: profiles ?? spec.profiles,
    metadata,
    metadataUrl,
    endpoints: desktopOnly ? {} : resolveEndpoints(spec, metadata),
    authorize: spec.authorize?.mode === 'module' ? await loadDriverModule(spec.authorize.module) : redirectDriver,
    authorizeMode,
    requestTimeoutMs: spec.timeouts?.request_ms ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  if (spec.clock?.mode === 'mock') target.clock = mockClock(spec.clock.url, http);
  else if (spec.clock?.mode === 'module') target.clock = await moduleClock(spec.clock.module);
  return target;
}
