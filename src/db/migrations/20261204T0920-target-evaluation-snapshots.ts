import type { Kysely } from 'kysely';

// Reads answer from the stored evaluation instead of recomputing it: the snapshot keeps the whole
// evaluation (what /evaluation lists), the target as it stood when evaluated (`spec_key`: a changed
// goal, due date or link makes it stale) and the observations it saw (`inputs_version`: a write the
// real-time path has not re-evaluated yet makes it stale).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('target_status_current')
    .addColumn('evaluation', 'jsonb')
    .addColumn('spec_key', 'text')
    .addColumn('inputs_version', 'text')
    .execute();
  await db.schema.createIndex('target_status_current_as_of_idx').on('target_status_current').columns(['as_of', 'inputs_version']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('target_status_current_as_of_idx').execute();
  await db.schema.alterTable('target_status_current').dropColumn('evaluation').dropColumn('spec_key').dropColumn('inputs_version').execute();
}
