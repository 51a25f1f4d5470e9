import { sql, type Kysely } from 'kysely';

// Scoring frameworks as data, appraisers' points, and the current snapshots the real-time engine keeps
// (target status, unit scores and ranks), so a dashboard reads one row instead of recomputing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scoring_frameworks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    // Only active frameworks are kept current by the real-time engine.
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('scoring_frameworks_version', ['code', 'version'])
    .execute();

  // Append-only: a new assessment of the same criterion supersedes the earlier one, which is kept.
  await db.schema
    .createTable('score_assessments')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('framework_code', 'text', (c) => c.notNull())
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'numeric', (c) => c.notNull())
    .addColumn('evidence_url', 'text')
    .addColumn('note', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('score_assessments_kind', sql`kind in ('self','appraised')`)
    .addCheckConstraint('score_assessments_points', sql`points >= 0`)
    .execute();
  await db.schema
    .createIndex('score_assessments_lookup_idx')
    .on('score_assessments')
    .columns(['framework_code', 'period', 'unit_id', 'criterion', 'kind'])
    .execute();

  await db.schema
    .createTable('target_status_current')
    .addColumn('target_id', 'integer', (c) => c.primaryKey().references('targets.id').onDelete('cascade'))
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current', 'numeric')
    .addColumn('current_period', 'text')
    .addColumn('forecast', 'numeric')
    .addColumn('p_miss', 'numeric', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('unit_scores_current')
    .addColumn('framework_code', 'text', (c) => c.notNull())
    .addColumn('framework_version', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('score', 'numeric', (c) => c.notNull())
    .addColumn('max', 'numeric', (c) => c.notNull())
    .addColumn('self_score', 'numeric', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('groups', 'jsonb', (c) => c.notNull())
    .addColumn('explain', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('unit_scores_current_pk', ['framework_code', 'period', 'kind', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['unit_scores_current', 'target_status_current', 'score_assessments', 'scoring_frameworks']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
