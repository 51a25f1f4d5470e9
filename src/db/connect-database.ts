import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { assertPgliteDataDirFormat } from './pglite-data-dir-format.ts';
import type { BackoffPolicy } from '../domain/realtime/backoff.ts';
import type { Database } from './database.ts';
import { listenWithReconnect, type ListenHooks } from './reconnecting-listener.ts';

export type { ListenHooks } from './reconnecting-listener.ts';

/**
 * Where the data lives: a real PostgreSQL (`url`) or an embedded PGlite directory (`dataDir`, or memory
 * when absent). `loadDataDir` starts a PGlite from a dumped data directory (`dumpDataDir`) instead of an
 * empty one: the tests clone one migrated database this way rather than migrating each time.
 */
export type DatabaseLocation = { url: string } | { dataDir: string | null; loadDataDir?: Blob };

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: 'postgres' | 'pglite';
  /**
   * Runs `listener` for every NOTIFY on `channel`; returns an unsubscribe function. On PostgreSQL a
   * lost connection is re-established with backoff, and `hooks` hear of the loss and of the re-listen
   * (notifications sent in between are lost: catch up then). PGlite runs in-process and never loses it.
   */
  listen(channel: string, listener: (payload: string) => void, hooks?: ListenHooks): Promise<() => Promise<void>>;
  /** PGlite only: the whole data directory as a gzipped tarball (backup.ts); PostgreSQL uses pg_dump. */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

// The same value types on both engines: bigint and numeric come back as JS numbers
// (our figures fit in a double), dates as 'YYYY-MM-DD' strings, timestamps as Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/**
 * Opens the database. With a URL it uses a pool of connections to PostgreSQL; otherwise an
 * embedded PGlite, persisted under `dataDir` or held in memory (tests). A PGlite directory is locked
 * while open (`data-dir-lock.ts`): a second process throws `DataDirLockedError` instead of sharing it.
 *
 * @example
 * const { db, close } = await connectDatabase({ dataDir: './data' });
 */
export async function connectDatabase(location: DatabaseLocation, options: ConnectOptions = {}): Promise<DatabaseHandle> {
  if ('url' in location) return connectPostgres(location.url, options);
  return connectPglite(location.dataDir, location.loadDataDir);
}

export interface ConnectOptions {
  /** How soon a lost LISTEN connection is re-opened (LISTEN_BACKOFF by default); fault tests slow it down. */
  listenBackoff?: BackoffPolicy;
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.THEODOI_DB_POOL ?? 10) });
  // An idle connection the server closes (a restart, an administrator's terminate) is dropped from the
  // pool and replaced on next use; without a listener the pool would throw it at the process instead.
  pool.on('error', (err) => {
    process.stderr.write(`theodoi: idle database connection lost: ${err.message}\n`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async listen(channel, listener, hooks) {
      return listenWithReconnect({
        onNotification: listener,
        ...(hooks ? { hooks } : {}),
        ...(options.listenBackoff ? { backoff: options.listenBackoff } : {}),
        async open(onNotification, onLost) {
          // keepAlive: a silently dead peer (a cut network, not a restart) is noticed, not waited on forever.
          const client = new pg.Client({ connectionString: url, keepAlive: true });
          // Without an 'error' listener a lost connection would be thrown at the process.
          client.on('error', (err) => onLost(err));
          client.on('end', () => onLost(null));
          client.on('notification', (msg) => {
            if (msg.channel === channel) onNotification(msg.payload ?? '');
          });
          try {
            await client.connect();
            await client.query(`LISTEN ${quoteIdent(channel)}`);
          } catch (error) {
            await client.end().catch(() => undefined);
            throw error;
          }
          return { close: () => client.end() };
        },
      });
    },
    async close() {
      await db.destroy();
    },
  };
}

async function connectPglite(dataDir: string | null, loadDataDir?: Blob): Promise<DatabaseHandle> {
  // One process per data directory (PGlite cannot share one): refuse when another holds it.
  const lock = dataDir ? acquireDataDirLock(dataDir) : null;
  let client: PGlite;
  try {
    if (dataDir) assertPgliteDataDirFormat(dataDir);
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: client }) });
  return {
    db,
    engine: 'pglite',
    async listen(channel, listener) {
      return client.listen(channel, listener);
    },
    dumpDataDir: () => client.dumpDataDir('gzip'),
    async close() {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
