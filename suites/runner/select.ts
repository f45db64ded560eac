/** Which requirements a run covers: `--only ID|AREA,...` (and `--replay`, parsed in replay.ts). */
import { AREAS, CLIENT_AREAS, isRequirementId, requirementById, requirements, type Area, type Requirement } from '../../specs/index.js';

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
  // Client rows (CL) are judged by the mock from a client's traffic, not run against a server.
  const clientOnly = [...wanted].every((w) => CLIENT_AREAS.includes(w as Area) || requirementById(w)?.subject === 'client');
  if (wanted.size > 0 && clientOnly)
    throw new SelectionError(`--only: ${[...wanted].join(', ')} judge a client, not a server: run \`authprobe serve --client-report FILE\` and point the client at it (GET /_mock/client-report)`);
  return requirements.filter((r) => wanted.has(r.id) || wanted.has(r.area));
}

export { parseReplay } from './replay.js';
