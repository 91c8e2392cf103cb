import { defineConfig } from 'vitest/config';

// The browser tests (`npm run e2e`): Debian's Chromium, driven by
// playwright-core, against the real Go server on a fresh database with the
// demo portfolio. The global setup builds and starts the server; each test
// file launches its own browser. Files run one at a time, so that the
// server's data and the machine's CPU are not shared between them.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    // A browser, a Go server and a real database: give them time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
