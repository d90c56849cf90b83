import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits 1 s by default: a browser test on a loaded 2-core machine can take longer to re-render
    // after a request, so a poll that would pass fails. A real failure still fails, 10 s later.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Browser tests start a server and Chromium each; keep files from competing for the 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
