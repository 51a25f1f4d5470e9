import { sql, type Kysely } from 'kysely';

// The city's registry of governance problems ("bài toán", action plan 2026 Appendix III–IV): ward
// proposals (Mẫu 01) and the consolidated catalogue in one table — a consolidated problem keeps the
// proposals it merges as origins —, the area type the city gives each ward, KPIs that are real
// targets (so evaluation and alerts cover them), solution proposals (Mẫu 02) with the proposer's
// consent, and every state change with who and why.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unit_area_types')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id').onDelete('cascade'))
    .addColumn('area_type', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('unit_area_types_type', sql`area_type in ('urban_core', 'peri_urban', 'rural')`)
    .execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fields', sql`text[]`, (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('current_handling', 'text', (c) => c.notNull())
    .addColumn('management_need', 'text', (c) => c.notNull())
    .addColumn('pilot_scope', 'text', (c) => c.notNull())
    .addColumn('data_available', 'text')
    // Step 3 (appraisal): what the city provides, what a solution must deliver, under which conditions.
    .addColumn('data_inputs', 'text')
    .addColumn('output_standards', 'text')
    .addColumn('sandbox_conditions', 'text')
    .addColumn('resources', 'text')
    .addColumn('proposing_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('receiving_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // Personal data (Decree 13/2023): kept here only, never in the audit chain or the public catalogue.
    .addColumn('contact_name', 'text')
    .addColumn('contact_title', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('scale_class', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('area_type', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('problems.id'))
    .addColumn('classified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('problems_state', sql`state in ('proposed', 'consolidated', 'appraised', 'published', 'in_pilot', 'evaluated', 'scaled', 'closed')`)
    .addCheckConstraint('problems_fields', sql`cardinality(fields) between 1 and 2`)
    .addCheckConstraint('problems_scale', sql`scale_class is null or scale_class in ('small_test', 'extended_pilot', 'wide_rollout')`)
    .addCheckConstraint('problems_priority', sql`priority in ('high', 'normal')`)
    .addCheckConstraint('problems_area_type', sql`area_type is null or area_type in ('urban_core', 'peri_urban', 'rural')`)
    .execute();
  await db.schema.createIndex('problems_state_idx').on('problems').columns(['state', 'id']).execute();
  await db.schema.createIndex('problems_proposing_idx').on('problems').columns(['proposing_unit_id']).execute();

  await db.schema
    .createTable('problem_origins')
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('origin_id', 'integer', (c) => c.notNull().references('problems.id'))
    .addPrimaryKeyConstraint('problem_origins_pk', ['problem_id', 'origin_id'])
    .addCheckConstraint('problem_origins_not_self', sql`problem_id <> origin_id`)
    .execute();

  await db.schema
    .createTable('problem_transitions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('problem_transitions_problem_idx').on('problem_transitions').columns(['problem_id', 'id']).execute();

  await db.schema
    .createTable('problem_kpis')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('target_id', 'integer', (c) => c.notNull().unique().references('targets.id'))
    .execute();

  await db.schema
    .createTable('problem_solutions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('organisation_name', 'text', (c) => c.notNull())
    .addColumn('organisation_type', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_title', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('consent_purpose', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'timestamptz', (c) => c.notNull())
    .addColumn('capability', 'text', (c) => c.notNull())
    .addColumn('approach', 'text', (c) => c.notNull())
    .addColumn('readiness', 'text')
    .addColumn('kpi_commitment', 'text', (c) => c.notNull())
    .addColumn('time_commitment', 'text', (c) => c.notNull())
    .addColumn('cost_commitment', 'text')
    .addColumn('conditions', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('submitted'))
    .addColumn('reviewer_note', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('problem_solutions_type', sql`organisation_type in ('university', 'institute', 'company')`)
    .addCheckConstraint('problem_solutions_state', sql`state in ('submitted', 'shortlisted', 'selected', 'rejected')`)
    .execute();
  await db.schema.createIndex('problem_solutions_problem_idx').on('problem_solutions').columns(['problem_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['problem_solutions', 'problem_kpis', 'problem_transitions', 'problem_origins', 'problems', 'unit_area_types']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
