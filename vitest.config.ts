import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts an embedded Postgres only when a selected test file uses test/support/postgres.ts.
    globalSetup: ['test/support/postgres-server.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker (cores − 1); most files wait on sockets and
    // child processes rather than the CPU, so two run side by side in about half the time.
    maxWorkers: Number(process.env['VITEST_MAX_WORKERS'] ?? 2),
    env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', TZ: 'UTC' },
  },
});
