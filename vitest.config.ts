import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser tests start a server and Chromium each; keep files from competing for the 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
