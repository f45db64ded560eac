/**
 * authprobe/suites: the property-based conformance suites.
 * - `runSuites(target, options) -> Report`: run them (what `authprobe test` does);
 * - `conformance(target, options)`: register them as vitest tests in another project;
 * - `loadTarget(path)` / `defineTarget(object)`: read and validate a target;
 * - the reporters, and the types.
 */
export * from './api.js';
export { conformance, type ConformanceOptions, type TargetInput } from './vitest.js';
