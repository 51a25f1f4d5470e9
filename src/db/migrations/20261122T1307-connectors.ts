import { sql, type Kysely } from 'kysely';

// Connector state lives in the database rather than in a process, so every instance (and the CLI)
// sees the same last success, last error and the lease that keeps runs of one connector apart.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connectors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_error_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('indicators', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('running_since', 'timestamptz')
    .addColumn('run_token', 'text')
    .execute();
  // No extra index on observations: the unique (indicator_id, unit_id, period, version) already serves
  // "latest version of a cell", and every index more slows ingest.
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('connectors').ifExists().execute();
}
