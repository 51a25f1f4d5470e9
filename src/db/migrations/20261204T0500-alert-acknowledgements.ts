import { sql, type Kysely } from 'kysely';

// A leader's "seen, and this is what we are doing" on an open alert: who, when, and a note. An
// alert may be acknowledged more than once (the latest shows); the rows go with the alert. A
// resolved alert that is raised again is a new alert row, so it starts unacknowledged.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_acknowledgements')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('alert_acknowledgements_note', sql`length(btrim(note)) between 1 and 2000`)
    .execute();
  await db.schema.createIndex('alert_acknowledgements_alert_idx').on('alert_acknowledgements').columns(['alert_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_acknowledgements').ifExists().execute();
}
