import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node against the real duckdb-wasm engine (no mocks).
// The browser end-to-end tests have their own config: test/e2e/vitest.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
