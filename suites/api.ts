/**
 * The suites' API without vitest (what the CLI loads): see index.ts.
 * - `runSuites(target, options) -> Report`: run them (what `authprobe test` does);
 * - `conformance(target, options)`: register them as vitest tests in another project;
 * - `loadTarget(path)` / `defineTarget(object)`: read and validate a target;
 * - the reporters, and the types.
 */
export { runSuites, evaluateRequirement } from './runner/run.js';
export { DEFAULT_CONCURRENCY } from './runner/concurrency.js';
export { allSuites } from './runner/registry.js';
export { parseReplay, selectRequirements, SelectionError } from './runner/select.js';
export { PropertyFailure, PropertySkip } from './runner/failure.js';
export type {
  AreaSuite,
  ConformanceProperty,
  Need,
  ProgressEvent,
  PropertyContext,
  Replay,
  Report,
  RequirementResult,
  RunOptions,
  Status,
} from './runner/types.js';
export { loadTarget, defineTarget } from './target/load.js';
export { initTarget } from './target/init.js';
export { validateTarget, targetSchema } from './target/validate.js';
export { TargetConfigError, TargetUnreachableError, type TargetFieldProblem, type UnreachableKind } from './target/errors.js';
export type { Target, TargetFile, TargetSpec, TargetClock, Endpoints } from './target/types.js';
export { HttpClient, TransportError } from './http/client.js';
export { toCurl, type Exchange } from './http/exchange.js';
export { consoleProgress, formatReport } from './report/console.js';
export { toJson, reportSchema } from './report/json.js';
export { toJUnit } from './report/junit.js';
export { toHtml } from './report/html.js';
export { mergeReports, MergeError } from './report/merge.js';
export { applyBaseline, baselineFromReport, type BaselineOutcome } from './baseline/apply.js';
export { loadBaseline, parseBaseline, BaselineError, type Baseline, type BaselineEntry } from './baseline/file.js';
export { parseShard, shardOf, assignShards, ShardFormatError, type Shard } from './runner/shard.js';
export { githubAnnotations } from './report/github.js';
export type { AuthorizeDriver, DriverFetch } from './drivers/types.js';
