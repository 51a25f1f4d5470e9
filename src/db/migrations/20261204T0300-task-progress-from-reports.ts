import type { Kysely } from 'kysely';

// An approved report is what a task's progress is, from then on: the register keeps the evidence the
// unit gave and when the progress was last reported, so screens can say where the figure came from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('evidence', 'text')
    .addColumn('progress_reported_at', 'timestamptz')
    .addColumn('progress_report_id', 'integer')
    .execute();
}
