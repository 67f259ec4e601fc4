import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Store tests open real databases; PostgreSQL tests use one schema per file, so files may run in parallel.
    pool: 'forks',
    // The CLI tests start the real CLI, compiled once per run (test/setup/compile-cli.ts).
    globalSetup: ['test/setup/compile-cli.ts'],
  },
});
