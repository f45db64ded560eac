import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{specs,mocks,suites,fixtures,bin,openapi,bench}/**/*.test.ts', 'examples/clients/**/*.test.ts'],
    // Suites and mocks open real sockets; keep the run deterministic on a 2-core CI machine.
    pool: 'forks',
    // Two files at a time (vitest's default is cores - 1, one on CI's 2 cores): most files wait
    // on sockets, child processes and a browser, not on the CPU.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Under CI, also a JSON summary that .ci/run turns into a plain "N passed, N failed" line.
    // And each file's time with its hooks, slowest first, in .ci/file-timings.txt.
    ...(process.env.CI ? { reporters: ['default', 'json', './.ci/file-timings.ts'], outputFile: { json: '.ci/vitest-report.json' } } : {}),
  },
});
