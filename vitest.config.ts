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
    env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', TZ: 'UTC' },
  },
});
