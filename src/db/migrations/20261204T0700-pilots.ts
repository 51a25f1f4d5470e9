import { sql, type Kysely } from 'kysely';

// Pilots with comparison ("thí điểm có đối chứng"): which units try a change (treated), which carry on
// as before (comparison), from which month, measured by which KPI indicators. Units and indicators
// are kept by code and checked against the registry when written (a pilot names them as officials
// do); `problem_code` points at the problems registry built apart, so it has no foreign key yet.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pilots')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem_code', 'text')
    .addColumn('indicator_codes', sql`text[]`, (c) => c.notNull())
    .addColumn('treated_units', sql`text[]`, (c) => c.notNull())
    .addColumn('comparison_units', sql`text[]`, (c) => c.notNull())
    .addColumn('start_period', 'text', (c) => c.notNull())
    .addColumn('end_period', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('pilots_state', sql`state in ('planned', 'running', 'finished')`)
    .addCheckConstraint('pilots_groups', sql`cardinality(indicator_codes) >= 1 and cardinality(treated_units) >= 1 and cardinality(comparison_units) >= 1`)
    .addCheckConstraint('pilots_disjoint', sql`not (treated_units && comparison_units)`)
    .addCheckConstraint('pilots_periods', sql`start_period ~ '^[0-9]{4}-[0-9]{2}$' and (end_period is null or (end_period ~ '^[0-9]{4}-[0-9]{2}$' and end_period >= start_period))`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pilots').ifExists().execute();
}
