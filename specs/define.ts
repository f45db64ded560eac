import type { Area, Level, Profile, Requirement, RequirementId } from './types.js';

type Row = readonly [number, Level, readonly Profile[], string, string];

/** Builds an area's requirements from compact rows: [number, level, profiles, source, text]. */
export function defineArea(area: Area, rows: readonly Row[]): readonly Requirement[] {
  return rows.map(([n, level, profiles, source, text]) => ({
    id: `${area}-${n}` as RequirementId,
    area,
    level,
    profiles,
    source,
    text,
  }));
}
