import { subjectOf, type Area, type IdOf, type Level, type Profile, type RequirementOf, type Rule } from './types.js';

/** [id, rule, level, profiles, source, text] — the ID written out, so that it can be grepped. */
type Row<A extends Area> = readonly [IdOf<A>, Rule, Level, readonly Profile[], string, string];

/** Builds an area's requirements from compact rows; each keeps its literal ID in its type. */
export function defineArea<A extends Area, const Rows extends readonly Row<A>[]>(
  area: A,
  rows: Rows,
): { readonly [K in keyof Rows]: RequirementOf<Rows[K][0]> & { readonly area: A } } {
  return rows.map(([id, rule, level, profiles, source, text]) => ({ id, area, level, profiles, source, rule, text, subject: subjectOf(area) })) as never;
}
