import { sql, type Kysely } from 'kysely';

// Who receives a unit's alert digest by e-mail: an address per unit (the digest covers the unit's
// subtree). Addresses are stored lower-case, so one person is subscribed once per unit. When the last
// digest went out is the notifications table's business (kind "alert.digest"), not this one's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_digest_subscriptions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('alert_digest_subscriptions_unit_email', ['unit_id', 'email'])
    .addCheckConstraint('alert_digest_subscriptions_email_lower', sql`email = lower(btrim(email)) and length(email) between 3 and 320`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_digest_subscriptions').ifExists().execute();
}
