import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../db/connect-database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database
 * created on the PostgreSQL server named by `DATABASE_URL` (dropped again on close). The suite runs
 * on both engines this way, and no test sees another's rows.
 *
 * Migrating is done once, into a template, and each test database is a copy of it: PostgreSQL's
 * `CREATE DATABASE … TEMPLATE`, or a PGlite started from the template's dumped data directory. The
 * template is named by a digest of the migrations (and PGlite's version), so a new migration makes a
 * new one and a stale template is never used.
 *
 * @example
 * const t = await createTestDatabase();
 * afterAll(() => t.close());
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url: string | null }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await connectDatabase({ dataDir: null, loadDataDir: await pgliteTemplate() });
    return { ...handle, url: null };
  }
  const template = await postgresTemplate(serverUrl);
  const name = `theodoi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (c) => retryWhileInUse(() => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)));
  const url = databaseUrl(serverUrl, name);
  const handle = await connectDatabase({ url });
  return {
    ...handle,
    url,
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
  return { url: databaseUrl(serverUrl, name), drop: () => withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** Which engine the suite runs on, for test names. */
export const testEngine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Digest of what a migrated database depends on: every migration's name and text, and PGlite's version. */
function schemaFingerprint(): string {
  const dir = path.join(root, 'src/db/migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    hash.update(file).update('\0').update(readFileSync(path.join(dir, file))).update('\0');
  }
  const pglite = JSON.parse(readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  hash.update(`pglite@${pglite.version}`);
  return hash.digest('hex').slice(0, 16);
}

let pgliteTemplateOnce: Promise<Blob> | null = null;

/**
 * The migrated PGlite data directory as a tarball: read from the temporary directory when an earlier
 * worker made it, else made here (written under a unique name, then renamed, so a concurrent worker
 * never reads half a file).
 */
function pgliteTemplate(): Promise<Blob> {
  pgliteTemplateOnce ??= (async () => {
    const file = path.join(tmpdir(), `theodoi-test-template-${schemaFingerprint()}.tar.gz`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return new Blob([cached]);
    const handle = await connectDatabase({ dataDir: null });
    let dump: Blob;
    try {
      await migrateToLatest(handle.db);
      dump = await handle.dumpDataDir!();
    } finally {
      await handle.close();
    }
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  })();
  return pgliteTemplateOnce;
}

let postgresTemplateOnce: Promise<string> | null = null;

/**
 * The migrated template database on the test server, made by whichever worker gets there first: an
 * advisory lock serialises the makers, and the template appears under its final name only once
 * migrated (built under another name, then renamed), so a clone never starts from half a schema.
 * It is kept for later runs with the same migrations.
 */
function postgresTemplate(serverUrl: string): Promise<string> {
  postgresTemplateOnce ??= (async () => {
    const name = `theodoi_tpl_${schemaFingerprint()}`;
    await withAdminClient(serverUrl, async (c) => {
      // Session-level: released when this client ends, also if the process dies midway.
      await c.query(`SELECT pg_advisory_lock(hashtext('theodoi test template'))`);
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_${process.pid}`;
      await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${building}`);
      const handle = await connectDatabase({ url: databaseUrl(serverUrl, building) });
      try {
        await migrateToLatest(handle.db);
      } finally {
        await handle.close();
      }
      await retryWhileInUse(() => c.query(`ALTER DATABASE ${building} RENAME TO ${name}`));
    });
    return name;
  })();
  return postgresTemplateOnce;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * PostgreSQL refuses to copy or rename a database while a session is connected to it (55006); a pool
 * just closed may still be ending its sessions, so wait a little and try again.
 */
async function retryWhileInUse<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function withAdminClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
