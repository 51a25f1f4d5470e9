import type { Kysely } from 'kysely';

// Ingest digests the rows it just wrote, and `audit verify` digests every batch's rows again, paging
// by id: without this index each page would scan the whole observations table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('observations_batch_idx').on('observations').columns(['batch_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('observations_batch_idx').execute();
}
