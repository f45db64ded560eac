/** Which requirements a run covers: `--only ID|AREA,...` and `--replay ID:SEED:PATH`. */
import { AREAS, isRequirementId, requirements, type Requirement } from '../../specs/index.js';
import type { Replay } from './types.js';

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

/** `PKCE-5:1234:0:1:0` -> {id, seed, path}. */
export function parseReplay(text: string): Replay {
  const m = /^([A-Za-z]+-\d+):(-?\d+):([\d:]*)$/.exec(text.trim());
  const id = m?.[1]?.toUpperCase();
  if (!m || !id || !isRequirementId(id)) {
    throw new SelectionError(`--replay: "${text}" is not ID:SEED:PATH (e.g. PKCE-5:1234:0:1), as printed in the report`);
  }
  return { id, seed: Number(m[2]), path: m[3] ?? '' };
}
