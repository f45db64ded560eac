/**
 * The suites run against the real targets (and the negative controls) the way CI runs them:
 * started on loopback, one fixed seed, and for oidc-provider a second instance with very
 * short lifetimes for the rows that must wait for something to expire (it has no clock to
 * move). Used by the *.run.test.ts files and by `npm run matrix -- --compare`.
 */
import { requirements, type RequirementId, type RulesMode } from '../../specs/index.js';
import { runSuites } from '../runner/run.js';
import type { ProgressEvent, Report, RequirementResult } from '../runner/types.js';
import { defineTarget } from '../target/load.js';
import type { TargetFile } from '../target/types.js';
import { mergeResults } from './expected-failures.js';
import type { NegativeControlKind } from './negative.js';
import type { RunningTarget } from './target-file.js';

export interface TargetRun {
  target: string;
  seed: number;
  /** Every row, in catalogue order. */
  results: RequirementResult[];
  reports: Report[];
  durationMs: number;
  /** oidc-provider's own 5xx errors during the run (should stay empty). */
  serverErrors?: unknown[];
}

export interface TargetRunOptions {
  seed: number;
  /** `rfc`: judge RFC and BCP rows only (product-document rows skipped). */
  rules?: RulesMode;
  onProgress?(event: ProgressEvent): void;
}

/** Rows that wait out a lifetime: run against an instance whose lifetimes are a few seconds. */
export const EXPIRY_ROWS: readonly RequirementId[] = requirements.filter((r) => r.id === 'CODE-4' || r.area === 'EXP').map((r) => r.id);

/**
 * Lifetimes of the expiry instance (seconds): short enough that waiting them out costs
 * seconds, long enough that a token is still alive when it is first used on a loaded machine.
 */
export const OIDC_PROVIDER_EXPIRY_TTL = { code: 2, access_token: 4, refresh_token: 4 } as const;

/** Longest wait the expiry run allows (refresh 4 s + 1). */
const EXPIRY_MAX_WAIT_SECONDS = 6;

// Each launcher is loaded when used: importing oidc-provider warns on Node 20 and takes time.
const startOidcProvider = async (...args: Parameters<typeof import('./oidc-provider.js').startOidcProvider>) =>
  (await import('./oidc-provider.js')).startOidcProvider(...args);
const startOauth2MockServer = async () => (await import('./oauth2-mock-server.js')).startOauth2MockServer();
const startNegativeControl = async (kind: NegativeControlKind) => (await import('./negative.js')).startNegativeControl(kind);

async function runOn(running: RunningTarget, name: string, options: TargetRunOptions & { only?: string[]; maxWaitSeconds?: number }): Promise<Report> {
  try {
    const spec = defineTarget(running.target as unknown as TargetFile, { source: name });
    return await runSuites(spec, {
      seed: options.seed,
      ...(options.rules ? { rules: options.rules } : {}),
      ...(options.only ? { only: options.only } : {}),
      ...(options.maxWaitSeconds !== undefined ? { maxWaitSeconds: options.maxWaitSeconds } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    await running.close();
  }
}

export async function runOidcProvider(options: TargetRunOptions): Promise<TargetRun> {
  const t0 = Date.now();
  const others = requirements.map((r) => r.id).filter((id) => !EXPIRY_ROWS.includes(id));
  // Two independent servers, run one after the other (each run is timing-sensitive).
  const main = await startOidcProvider();
  const serverErrors = main.serverErrors;
  const mainReport = await runOn(main, 'oidc-provider', { ...options, only: others });
  const expiry = await startOidcProvider({ ttl: OIDC_PROVIDER_EXPIRY_TTL });
  const expiryReport = await runOn(expiry, 'oidc-provider (short lifetimes)', { ...options, only: [...EXPIRY_ROWS], maxWaitSeconds: EXPIRY_MAX_WAIT_SECONDS });
  serverErrors.push(...expiry.serverErrors);
  return { target: 'oidc-provider', seed: options.seed, results: mergeResults([mainReport, expiryReport]), reports: [mainReport, expiryReport], durationMs: Date.now() - t0, serverErrors };
}

/**
 * The rows where `native-loopback` differs from `public-client` (the loopback port rule) and
 * a code flow through a native client, against oidc-provider's `application_type: native`
 * clients, which let the loopback port vary (RFC 8252 §7.3).
 */
export async function runOidcProviderNativeLoopback(options: TargetRunOptions): Promise<TargetRun> {
  const t0 = Date.now();
  const running = await startOidcProvider({ loopback: 'any' });
  const report = await runOn(running, 'oidc-provider (native clients)', { ...options, only: ['RED', 'PKCE-8'] });
  return { target: 'oidc-provider (native-loopback)', seed: options.seed, results: report.results, reports: [report], durationMs: Date.now() - t0, serverErrors: running.serverErrors };
}

export async function runOauth2MockServer(options: TargetRunOptions): Promise<TargetRun> {
  const t0 = Date.now();
  const report = await runOn(await startOauth2MockServer(), 'oauth2-mock-server', options);
  return { target: 'oauth2-mock-server', seed: options.seed, results: report.results, reports: [report], durationMs: Date.now() - t0 };
}

export async function runNegativeControl(kind: NegativeControlKind, options: TargetRunOptions): Promise<TargetRun> {
  const t0 = Date.now();
  const report = await runOn(await startNegativeControl(kind), `negative control ${kind}`, options);
  return { target: kind, seed: options.seed, results: report.results, reports: [report], durationMs: Date.now() - t0 };
}
