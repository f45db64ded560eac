/** Which requirements a run covers: `--only ID|AREA,...` (and `--replay`, parsed in replay.ts). */
import { AREAS, isRequirementId, requirements, type Requirement } from '../../specs/index.js';

export class SelectionError extends Error {
  override name = 'SelectionError';
}

export function selectRequirements(only?: readonly string[]): Requirement[] {
  if (!only || only.length === 0) return [...requirements];
  const wanted = new Set<string>();
  for (const raw of only.flatMap((o) => o.split(','))) {
    const item = raw.trim().toUpperCase();
    if (!item) continue;
    if ((AREAS as readonly string[]).includes(item) || isRequirementId(item)) wanted.add(item);
    else throw new SelectionError(`--only: "${raw}" is neither a requirement ID (e.g. PKCE-2) nor an area (${AREAS.join(', ')})`);
  }
  return requirements.filter((r) => wanted.has(r.id) || wanted.has(r.area));
}

export { parseReplay } from './replay.js';
