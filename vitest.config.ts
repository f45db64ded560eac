import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{specs,mocks,suites,fixtures,bin,openapi,bench}/**/*.test.ts'],
    // Suites and mocks open real sockets; keep the run deterministic on a 2-core CI machine.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Under CI, also a JSON summary that .ci/run turns into a plain "N passed, N failed" line.
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: '.ci/vitest-report.json' } } : {}),
  },
});
