import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fixtures open real loopback sockets; forks keep each file's mock in its own process.
    pool: 'forks',
  },
});
