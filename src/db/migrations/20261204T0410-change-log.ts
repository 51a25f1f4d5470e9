import { sql, type Kysely } from 'kysely';

// Every announced change also gets a row here, numbered by a bigserial. NOTIFY is fire-and-forget: a
// listener whose connection is down (a PostgreSQL restart) never hears what was announced meanwhile.
// After it listens again, it reads the rows numbered above the last one it applied and catches up,
// and the number in each notification lets it skip what it has already applied (exactly once).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('change_log')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('observations', 'assessments')`))
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Old rows are pruned by age (pruneChangeLog).
  await db.schema.createIndex('change_log_recorded_at').on('change_log').column('recorded_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('change_log').execute();
}
