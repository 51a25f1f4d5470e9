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

// The PostgreSQL server the database tests also run on, when one is named.
const postgresUrl = process.env.DATABASE_URL ?? '';

/** The tests that open a database, on one engine (an empty DATABASE_URL means PGlite). */
const onEngine = (name: string, databaseUrl: string) => ({
  test: {
    name,
    include: databaseTests,
    env: { DATABASE_URL: databaseUrl },
    // The CLI is compiled once per run (the setup remembers it), for the tests that spawn it.
    globalSetup: ['test/build-cli.global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});

/**
 * `engine-free`: pure logic (domain rules, parsers, the web's own functions), which no database
 * engine can change — run once. `pglite`: everything that opens a database, on the embedded PGlite
 * (each file its own in-memory database). `postgres`, when DATABASE_URL names a server: the same
 * files again on PostgreSQL (each file creates and drops its own database), in the same run — as
 * Kysely's own tests loop over dialects. So `DATABASE_URL=… npm test` runs all three in one pass.
 */
export default defineConfig({
  test: {
    // Two workers fit two cores.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    projects: [
      { test: { name: 'engine-free', include: engineFreeTests, testTimeout: 180_000 } },
      onEngine('pglite', ''),
      ...(postgresUrl ? [onEngine('postgres', postgresUrl)] : []),
    ],
  },
});
