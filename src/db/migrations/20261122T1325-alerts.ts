import { sql, type Kysely } from 'kysely';

// Alerts raised by the early warning and the data-quality rules. One open alert per subject and
// kind: re-running the rules refreshes it (keeping `since`), and resolving it closes it for good.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.references('targets.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('indicator_id', 'integer', (c) => c.references('indicators.id'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('since', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_en', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addCheckConstraint('alerts_kind', sql`kind in ('target_at_risk','task_due_soon','task_overdue','stale_source','outlier')`)
    .addCheckConstraint('alerts_severity', sql`severity in ('info','warning','critical')`)
    .addCheckConstraint('alerts_subject', sql`coalesce(target_id, task_id, unit_id, indicator_id) is not null`)
    .execute();
  await sql`create unique index alerts_open_subject on alerts
    (kind, coalesce(target_id, 0), coalesce(task_id, 0), coalesce(unit_id, 0), coalesce(indicator_id, 0))
    where resolved_at is null`.execute(db);
  await db.schema.createIndex('alerts_unit_idx').on('alerts').column('unit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').ifExists().execute();
}
