import { sql, type Kysely } from 'kysely';

// Pilots and the problems registry landed apart; now a pilot's `problem_code` must name a problem
// (problems.code, unique). Rows written before the link may name a problem that does not exist: the
// value is kept in `unlinked_problem_ref` (so nothing an official typed is lost) and the link set to
// null, then the foreign key is added. Codes are rewritten once at insert ("pending-…" → "BT-…"),
// hence ON UPDATE CASCADE. A transition to "scaled" keeps the evidence it cites (pilot code and the
// pilot's effect estimate) in `evidence`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pilots').addColumn('unlinked_problem_ref', 'text').execute();
  await sql`update pilots set unlinked_problem_ref = problem_code, problem_code = null
            where problem_code is not null and not exists (select 1 from problems p where p.code = pilots.problem_code)`.execute(db);
  await db.schema
    .alterTable('pilots')
    .addForeignKeyConstraint('pilots_problem_code_fk', ['problem_code'], 'problems', ['code'], (c) => c.onUpdate('cascade').onDelete('set null'))
    .execute();
  await db.schema.createIndex('pilots_problem_code_idx').on('pilots').column('problem_code').execute();
  await db.schema.alterTable('problem_transitions').addColumn('evidence', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('problem_transitions').dropColumn('evidence').execute();
  await db.schema.dropIndex('pilots_problem_code_idx').ifExists().execute();
  await db.schema.alterTable('pilots').dropConstraint('pilots_problem_code_fk').execute();
  await sql`update pilots set problem_code = unlinked_problem_ref where problem_code is null and unlinked_problem_ref is not null`.execute(db);
  await db.schema.alterTable('pilots').dropColumn('unlinked_problem_ref').execute();
}
