import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // Each test file opens its own database (an in-memory PGlite, or a fresh
    // database on the server named by DATABASE_URL); two workers fit two cores.
    maxWorkers: 2,
    globalSetup: ['test/build-cli.global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
