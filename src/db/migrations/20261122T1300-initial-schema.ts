import { sql, type Kysely } from 'kysely';

// The whole domain of DESIGN.md in one first step, so that keys and relations are right from the
// start; later migrations add columns and tables beside these, never rewrite them.
export async function up(db: Kysely<unknown>): Promise<void> {
  // ── Units: the administrative tree, with validity intervals and successors ──
  await db.schema
    .createTable('units')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('units_validity', sql`valid_to is null or valid_from is null or valid_to >= valid_from`)
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();

  await db.schema
    .createTable('unit_aliases')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_aliases_pk', ['unit_id', 'alias'])
    .execute();

  // A merger or split: the predecessor's series continue in the successor from `effective_on`.
  await db.schema
    .createTable('unit_successions')
    .addColumn('predecessor_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('successor_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_successions_pk', ['predecessor_id', 'successor_id'])
    .addCheckConstraint('unit_successions_distinct', sql`predecessor_id <> successor_id`)
    .execute();

  // ── Identity and access ──
  await db.schema
    .createTable('users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A role applies to the subtree rooted at `unit_id`.
  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'unit_id', 'role'])
    .addCheckConstraint('user_roles_role', sql`role in ('viewer','reporter','approver','unit_admin','system_admin')`)
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('api_tokens_role', sql`role in ('viewer','reporter','approver','unit_admin','system_admin')`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // ── Plans, their versions and their section trees ──
  await db.schema
    .createTable('plans')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('issued_on', 'date')
    .addColumn('owner_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('parent_plan_id', 'integer', (c) => c.references('plans.id'))
    .addColumn('classified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addUniqueConstraint('plan_versions_no', ['plan_id', 'version_no'])
    .addUniqueConstraint('plan_versions_hash', ['plan_id', 'content_hash'])
    .addCheckConstraint('plan_versions_status', sql`status in ('draft','published','superseded')`)
    .execute();

  await db.schema
    .createTable('plan_sections')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_version_id', 'integer', (c) => c.notNull().references('plan_versions.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('plan_sections.id').onDelete('cascade'))
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  // ── Indicators: what is measured, defined once ──
  await db.schema
    .createTable('indicators')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('up'))
    .addColumn('aggregation', 'text', (c) => c.notNull().defaultTo('sum'))
    .addColumn('numerator', 'text')
    .addColumn('denominator', 'text')
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('monthly'))
    .addColumn('source_system', 'text')
    .addColumn('classified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('indicators_direction', sql`direction in ('up','down')`)
    .addCheckConstraint('indicators_aggregation', sql`aggregation in ('sum','mean','ratio','min','max','last')`)
    .execute();

  // ── Targets and tasks, from plans or entered directly ──
  await db.schema
    .createTable('targets')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('plan_version_id', 'integer', (c) => c.references('plan_versions.id'))
    .addColumn('section_id', 'integer', (c) => c.references('plan_sections.id'))
    .addColumn('seq', 'integer')
    .addColumn('indicator_id', 'integer', (c) => c.references('indicators.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('measure', 'text')
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('value', 'numeric')
    .addColumn('goal_raw', 'text')
    .addColumn('baseline', 'numeric')
    .addColumn('scope_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('scope_kind', 'text')
    .addColumn('start_on', 'date')
    .addColumn('due_on', 'date')
    .addColumn('due_raw', 'text')
    .addColumn('basis', 'text')
    .addColumn('source_line', 'integer')
    .addColumn('classified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('targets_op', sql`op in ('>=','>','<=','<','=','top','qualitative')`)
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('plan_version_id', 'integer', (c) => c.references('plan_versions.id'))
    .addColumn('section_id', 'integer', (c) => c.references('plan_sections.id'))
    .addColumn('seq', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('product', 'text')
    .addColumn('due_kind', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('due_start', 'date')
    .addColumn('due_end', 'date')
    .addColumn('due_raw', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_started'))
    .addColumn('progress', 'numeric', (c) => c.notNull().defaultTo(0))
    .addColumn('source_line', 'integer')
    .addColumn('classified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('tasks_status', sql`status in ('not_started','in_progress','done','overdue','cancelled')`)
    .execute();

  // Who monitors, leads and supports an item. `unit_id` is null for a collective or unresolved name,
  // which is kept as written so nothing the plan says is lost.
  for (const item of ['target', 'task'] as const) {
    await db.schema
      .createTable(`${item}_responsibilities`)
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn(`${item}_id`, 'integer', (c) => c.notNull().references(`${item}s.id`).onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('collective', 'boolean', (c) => c.notNull().defaultTo(false))
      .addCheckConstraint(`${item}_responsibilities_role`, sql`role in ('monitor','lead','partner')`)
      .execute();
  }

  // ── Observations: append-only versions of an indicator's value for a unit and period ──
  await db.schema
    .createTable('ingest_batches')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('observations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('value', 'numeric')
    .addColumn('numerator', 'numeric')
    .addColumn('denominator', 'numeric')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('reason', 'text')
    .addColumn('batch_id', 'bigint', (c) => c.references('ingest_batches.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('observations_version', ['indicator_id', 'unit_id', 'period', 'version'])
    .addCheckConstraint('observations_origin', sql`origin in ('system','connector','manual','import')`)
    .execute();
  await db.schema
    .createIndex('observations_unit_period_idx')
    .on('observations')
    .columns(['unit_id', 'period_start'])
    .execute();

  // ── Reporting obligations and submissions ──
  await db.schema
    .createTable('reporting_obligations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'integer', (c) => c.references('plans.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('recipient_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('due_day', 'integer')
    .addColumn('due_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('reporting_obligations_cycle', sql`cycle in ('monthly','quarterly','half_yearly','yearly','ad_hoc')`)
    .execute();

  await db.schema
    .createTable('report_submissions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('obligation_id', 'integer', (c) => c.notNull().references('reporting_obligations.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('report_submissions_period', ['obligation_id', 'period'])
    .addCheckConstraint('report_submissions_state', sql`state in ('draft','submitted','returned','approved')`)
    .execute();

  await db.schema
    .createTable('report_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('report_submissions.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // ── Audit: append-only, each entry chaining the hash of the one before ──
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log', 'report_events', 'report_submissions', 'reporting_obligations', 'observations',
    'ingest_batches', 'task_responsibilities', 'target_responsibilities', 'tasks', 'targets',
    'indicators', 'plan_sections', 'plan_versions', 'plans', 'sessions', 'api_tokens', 'user_roles',
    'users', 'unit_successions', 'unit_aliases', 'units',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
