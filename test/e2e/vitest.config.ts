import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer (dist/renderer) served on 127.0.0.1, driven by
// playwright-core in Debian's Chromium with WebGL through SwiftShader. Run by `npm run test:e2e`.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.ts', 'test/security/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
