import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contextFor, openAppContext, type AppContext } from '../app-context.ts';
import type { CliTarget } from './run-cli.ts';
import { createTestDatabase, testEngine } from './test-database.ts';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * A database for tests that drive the spawned CLI, on whichever engine the suite runs: the test's
 * own PostgreSQL database, or a PGlite data directory the CLI opens. PGlite lets one process hold a
 * directory at a time, so in-process work (seeding, SQL "as an operator would") opens it and closes
 * it again before the next command runs.
 *
 * @example
 * const db = cliDatabase('theodoi-audit-cli-');
 * beforeAll(() => db.open(seedObservationFixtures));
 * afterAll(() => db.close());
 * it('…', async () => { await runCli(['audit', 'verify'], db.target); });
 */
export interface CliDatabase {
  /** A scratch directory for the test's files, removed by `close`. */
  readonly dir: string;
  /** Where the spawned CLI finds the database (after `open`). */
  readonly target: CliTarget;
  /** Creates the database and seeds it in-process. */
  open(seed?: (ctx: AppContext) => Promise<unknown>): Promise<void>;
  /** Works on the CLI's database in this process. */
  withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function cliDatabase(prefix: string): CliDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const dataDir = path.join(dir, 'data');
  // On PostgreSQL the test's own database; on PGlite none is needed in-process (the CLI's is the directory).
  let postgres: TestDatabase | null = null;
  let isOpen = false;
  const databaseUrl = (): string | null => {
    if (!isOpen) throw new Error('cliDatabase: call open() first (in beforeAll)');
    return postgres?.url ?? null;
  };
  const withContext = async <T>(work: (ctx: AppContext) => Promise<T>): Promise<T> => {
    if (databaseUrl() && postgres) return work(contextFor(postgres));
    const ctx = await openAppContext({ dataDir });
    try {
      return await work(ctx);
    } finally {
      await ctx.database.close();
    }
  };
  return {
    dir,
    get target() {
      return { databaseUrl: databaseUrl(), dataDir };
    },
    async open(seed) {
      if (testEngine === 'postgres') postgres = await createTestDatabase();
      isOpen = true;
      if (seed) await withContext(seed);
    },
    withContext,
    async close() {
      await postgres?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
