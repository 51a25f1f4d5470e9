import { sql, type Kysely } from 'kysely';

// Reporting cycles gain what the initial schema left implicit (a label, the content in scope, who
// may edit), and the job queue and notification channels ride on PostgreSQL beside them: no Redis.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reporting_obligations')
    .addColumn('title', 'text')
    .addColumn('scope', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"targetIds":[],"taskIds":[]}'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Creating obligations from a plan twice must not double them.
  await db.schema
    .createIndex('reporting_obligations_plan_unit_cycle')
    .on('reporting_obligations')
    .columns(['plan_id', 'unit_id', 'cycle'])
    .unique()
    .execute();
  await db.schema
    .alterTable('report_submissions')
    .addColumn('first_submitted_at', 'timestamptz')
    .addColumn('number', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('report_events_submission_idx').on('report_events').column('submission_id').execute();

  // A job runs once per dedupe key, ever: the key outlives the job so a reminder is never re-sent.
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('jobs_state', sql`state in ('queued','running','done','failed')`)
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at']).execute();

  // The in-app inbox: one row per unit (and optionally user) per event, deduplicated by key.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_unit_idx').on('notifications').columns(['unit_id', 'created_at']).execute();

  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('events', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The delivery log: every attempt's outcome for every channel and address.
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('notification_id', 'bigint', (c) => c.notNull().references('notifications.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('notification_deliveries_once', ['notification_id', 'channel', 'address'])
    .addCheckConstraint('notification_deliveries_channel', sql`channel in ('email','webhook')`)
    .addCheckConstraint('notification_deliveries_state', sql`state in ('pending','delivered','failed')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification_deliveries', 'webhook_subscriptions', 'notifications', 'jobs']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropIndex('reporting_obligations_plan_unit_cycle').ifExists().execute();
  await db.schema.alterTable('report_submissions').dropColumn('first_submitted_at').dropColumn('number').dropColumn('created_at').execute();
  await db.schema.alterTable('reporting_obligations').dropColumn('title').dropColumn('scope').dropColumn('active').dropColumn('updated_at').execute();
}
