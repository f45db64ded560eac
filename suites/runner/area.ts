/**
 * An area's properties, keyed by requirement ID: a property missing from the record, or keyed by
 * an ID the catalogue does not have, is a type error, and a key that is not its property's ID
 * fails as soon as the module loads.
 */
import type { Area, RequirementId } from '../../specs/index.js';
import type { AreaSuite, ConformanceProperty } from './types.js';

/** The IDs of one area, e.g. `'PKCE-1' | … | 'PKCE-9'`. */
export type AreaIds<A extends Area> = Extract<RequirementId, `${A}-${number}`>;

export type AreaProperties<A extends Area> = { readonly [Id in AreaIds<A>]: ConformanceProperty };

export function areaSuite<A extends Area>(area: A, properties: AreaProperties<A>): AreaSuite {
  const list = Object.entries(properties) as Array<[string, ConformanceProperty]>;
  for (const [id, property] of list) {
    if (property.id !== id) throw new Error(`suites: the ${area} property keyed ${id} says it is ${property.id}`);
  }
  return { area, properties: list.map(([, p]) => p) };
}
