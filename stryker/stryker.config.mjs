// @ts-check
/**
 * Mutation testing of the mock's security-critical core (docs/mutation.md). `npm run mutate`.
 * The test command is the conformance suites run in-process against the mutated mock
 * (stryker/suites-vs-mock.test.ts, one vitest test per requirement ID); a mutant the suites do
 * not notice is a flaw the suites would pass on a real server.
 *
 * Run one file: npm run mutate -- --mutate mocks/core/pkce.ts
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
/** Per-batch reports (stryker/mutate-batches.sh) go to reports/mutation/<batch>/. */
const REPORT_DIR = process.env.AUTHPROBE_MUTATE_REPORT_DIR ?? 'reports/mutation';

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.config.ts', related: false },
  mutate: [
    // Redirect URI policy: registration checks (RFC 8252 §7, §8.4) and exact matching (RFC 6749 §3.1.2.3, RFC 8252 §7.3).
    'mocks/core/redirect.ts',
    // PKCE: challenge required for public clients, S256 only, verifier format and match (RFC 7636, RFC 9700 §2.1.1).
    'mocks/core/pkce.ts',
    // Client authentication at token/revoke/introspect: one method, registered method, secret, public-client downgrade defence.
    'mocks/core/client-auth.ts',
    // Token endpoint dispatch: grant_type checks, public clients refused client_credentials, client_credentials scopes.
    'mocks/core/token-endpoint.ts',
    // authorization_code grant: client binding, single use, replay revokes, expiry, PKCE, redirect_uri (RFC 6749 §4.1.3).
    'mocks/core/code-grant.ts',
    // refresh_token grant: client binding, rotation, reuse detection, scope narrowing (RFC 6749 §6, RFC 9700 §4.14.2).
    'mocks/core/refresh-grant.ts',
    // Revocation (RFC 7009) and introspection (RFC 7662); lines 97+ are userinfo, no requirement of ours probes it.
    'mocks/core/token-resources.ts:1-96',
    // Application registration API: bearer auth, client_type, redirect URI checks, no secret for public clients.
    'mocks/core/registration.ts',
    // Desktop grants: idle limit (DSK-5), hard limit (DSK-12), session views.
    'mocks/core/desktop/grant.ts',
    // Grant store: one grant per process and account, client ids bound to the calling process (DSK-4), ending a grant.
    'mocks/core/desktop/grants.ts',
    // Desktop authorization prompts: what the prompt names (DSK-1, DSK-2) and its deadline.
    'mocks/core/desktop/prompt.ts',
    // Prompt lifecycle: opened by init_client, approve/deny, policy, timeout, hang-up (DSK-1..DSK-3).
    'mocks/core/desktop/prompts.ts',
    // init_client / invoke / release_client: prompting, idle restart on use (DSK-5), integration off (DSK-8).
    'mocks/core/desktop/clients.ts',
    // Lock ends every session; unlock revives none (DSK-6).
    'mocks/core/desktop/lock.ts',
    // The integration switch (DSK-8), approval policy, rate-limit scenario, reset.
    'mocks/core/desktop/switches.ts',
    // The clock's work: expired prompts and grants end (DSK-3, DSK-5, DSK-12).
    'mocks/core/desktop/sweep.ts',
  ],
  // Message texts and defect-switch names are equivalent by construction: stryker/ignore-equivalent.mjs.
  appendPlugins: ['./stryker/ignore-equivalent.mjs'],
  ignorers: ['authprobe-equivalent'],
  coverageAnalysis: 'perTest',
  // 2 shared cores: one test runner; the suites themselves open sockets and move the mock's clock.
  concurrency: 1,
  // A mutant run takes 0.5-3 s; an infinite loop or a hung request is a timeout (counted as detected).
  timeoutMS: 10_000,
  timeoutFactor: 1.5,
  incremental: true,
  incrementalFile: process.env.AUTHPROBE_MUTATE_INCREMENTAL ?? 'stryker/incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['reports', 'dist', 'bench', 'examples', '.ci', '.authprobe'],
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: `${REPORT_DIR}/mutation.json` },
  htmlReporter: { fileName: `${REPORT_DIR}/index.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: null },
};
