/**
 * The requirement catalogue: every ID of the conformance requirements as typed data.
 * Suites name their properties by these IDs, defects declare them, reports print them.
 */
import { catalogue } from './catalogue.js';
import type { Area, Profile, Requirement, RequirementId } from './types.js';

export * from './types.js';
export { profiles, exclusiveProfiles } from './profiles.js';

/** Every row of the catalogue, server and client requirements alike (`authprobe requirements`). */
export const allRequirements: readonly Requirement[] = catalogue;

/**
 * The server requirements: what a suite run judges, lists and reports. Client rows (area CL)
 * are judged by the mock from a client's traffic, never run against a server.
 */
export const requirements: readonly Requirement[] = allRequirements.filter((r) => r.subject === 'server');

/** The client requirements (area CL), judged by the mock (mocks/core/client-conformance/). */
export const clientRequirements: readonly Requirement[] = allRequirements.filter((r) => r.subject === 'client');

const index = new Map<string, Requirement>(allRequirements.map((r) => [r.id, r]));

export function requirementById(id: string): Requirement | undefined {
  return index.get(id);
}

export function isRequirementId(id: string): id is RequirementId {
  return index.has(id);
}

/**
 * Whether `id` applies under native-loopback and not under public-client (RED-8): only a target
 * that lets loopback redirect ports vary (RFC 8252 §7.3) is judged on it.
 */
export function nativeLoopbackOnly(id: string): boolean {
  const profiles = index.get(id)?.profiles ?? [];
  return profiles.includes('native-loopback') && !profiles.includes('public-client');
}

/** Requirements that apply to a target claiming any of `claimed` (all, when none is given); client rows only for area CL. */
export function requirementsFor(claimed: readonly Profile[] = [], area?: Area): Requirement[] {
  return (area === undefined ? requirements : allRequirements).filter(
    (r) => (claimed.length === 0 || r.profiles.some((p) => claimed.includes(p))) && (!area || r.area === area),
  );
}
