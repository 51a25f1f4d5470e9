import type { Kysely } from 'kysely';
import { connectDatabase, type DatabaseHandle, type DatabaseLocation } from './db/connect-database.ts';
import type { Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { sealPlaintextWebhookSecrets } from './use-cases/notifications/seal-plaintext-webhook-secrets.ts';

/** What every use case receives: the database and the clock (tests and the simulator move time). */
export interface AppContext {
  db: Kysely<Database>;
  database: DatabaseHandle;
  now: () => Date;
}

/**
 * Opens and migrates the database, then seals any webhook secret still in plain text when
 * THEODOI_SECRET_KEY is set (a no-op otherwise); the caller closes it with `ctx.database.close()`.
 */
export async function openAppContext(location: DatabaseLocation): Promise<AppContext> {
  const database = await connectDatabase(location);
  await migrateToLatest(database.db);
  const ctx = contextFor(database);
  await sealPlaintextWebhookSecrets(ctx);
  return ctx;
}

export function contextFor(database: DatabaseHandle, now: () => Date = () => new Date()): AppContext {
  return { db: database.db, database, now };
}
