import { globSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'];

/**
 * What marks a test file as one that opens a database (or a server, the CLI or a browser, which
 * open one): it names one of the test helpers that do, or the engine itself.
 */
const OPENS_A_DATABASE = /createTestDatabase|createEmptyPostgresDatabase|startTestServer|runCli|launchBrowser|connectDatabase|testEngine|DATABASE_URL|PGlite|cliEntry/;

const testFiles = TESTS.flatMap((pattern) => globSync(pattern, { exclude: (name) => name === 'node_modules' }));
const databaseTests = testFiles.filter((file) => OPENS_A_DATABASE.test(readFileSync(file, 'utf8')));
const engineFreeTests = testFiles.filter((file) => !databaseTests.includes(file));

/**
 * Two projects. `engine-free`: pure logic (domain rules, parsers, the web's own functions), which
 * no database engine can change — run once. `database`: everything that opens a database, on the
 * embedded PGlite, or on the PostgreSQL server named by DATABASE_URL (each file creates and drops its
 * own database). CI runs both on PGlite, then `database` alone on PostgreSQL
 * (`npm test -- --project database`).
 */
export default defineConfig({
  test: {
    // Two workers fit two cores.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    projects: [
      { test: { name: 'engine-free', include: engineFreeTests, testTimeout: 180_000 } },
      {
        test: {
          name: 'database',
          include: databaseTests,
          // The CLI is compiled once, for the tests that spawn it.
          globalSetup: ['test/build-cli.global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
