import type { Kysely } from 'kysely';
import { connectDatabase, type DatabaseHandle, type DatabaseLocation } from './db/connect-database.ts';
import type { Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

/** What every use case receives: the database and the clock (tests and the simulator move time). */
export interface AppContext {
  db: Kysely<Database>;
  database: DatabaseHandle;
  now: () => Date;
}

/** Opens and migrates the database; the caller closes it with `ctx.database.close()`. */
export async function openAppContext(location: DatabaseLocation): Promise<AppContext> {
  const database = await connectDatabase(location);
  await migrateToLatest(database.db);
  return contextFor(database);
}

export function contextFor(database: DatabaseHandle, now: () => Date = () => new Date()): AppContext {
  return { db: database.db, database, now };
}
