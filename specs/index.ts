/**
 * The requirement catalogue: every ID of the conformance requirements as typed data.
 * Suites name their properties by these IDs, defects declare them, reports print them.
 */
import { catalogue } from './catalogue.js';
import type { Area, Profile, Requirement, RequirementId } from './types.js';

export * from './types.js';
export { profiles, exclusiveProfiles } from './profiles.js';

export const requirements: readonly Requirement[] = catalogue;

const index = new Map<string, Requirement>(requirements.map((r) => [r.id, r]));

export function requirementById(id: string): Requirement | undefined {
  return index.get(id);
}

export function isRequirementId(id: string): id is RequirementId {
  return index.has(id);
}

/** Requirements that apply to a target claiming any of `claimed` (all, when none is given). */
export function requirementsFor(claimed: readonly Profile[] = [], area?: Area): Requirement[] {
  return requirements.filter(
    (r) => (claimed.length === 0 || r.profiles.some((p) => claimed.includes(p))) && (!area || r.area === area),
  );
}
