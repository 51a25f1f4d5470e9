import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../db/connect-database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database
 * created on the PostgreSQL server named by `DATABASE_URL` (dropped again on close). The suite runs
 * on both engines this way, and no test sees another's rows.
 *
 * @example
 * const t = await createTestDatabase();
 * afterAll(() => t.close());
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url: string | null }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await connectDatabase({ dataDir: null });
    await migrateToLatest(handle.db);
    return { ...handle, url: null };
  }
  const name = `theodoi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ url: url.toString() });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * An empty, unmigrated PostgreSQL database on the test server (restore tests); dropped by `drop`.
 * Only when the suite runs on PostgreSQL.
 */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('createEmptyPostgresDatabase needs DATABASE_URL');
  const name = `theodoi_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** Which engine the suite runs on, for test names. */
export const testEngine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

async function withAdminClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
