/**
 * The test command of mutation testing (stryker/stryker.config.mjs). Separate from the main
 * vitest.config.ts, whose include does not reach stryker/, so `npm test` never runs it.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['stryker/suites-vs-mock.test.ts'],
    // The suites open real sockets and move the mock's clock: one file, one worker, in order.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
