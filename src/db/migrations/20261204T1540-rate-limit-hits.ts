import { sql, type Kysely } from 'kysely';

// Counters of the limits that must hold across every instance (sign-in attempts, the public proposal
// form): with two instances behind a proxy, a per-process counter gives an attacker one budget per
// instance. One row per key and window; expired rows are pruned by the counting statement itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index rate_limit_hits_window_start on rate_limit_hits (window_start)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute();
}
