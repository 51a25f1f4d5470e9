import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { BatchDigester, type BatchRowsDigest } from '../../domain/audit/batch-digest.ts';
import { batchRowsAfter } from '../../repositories/observations.repository.ts';

const PAGE = 5_000;

/**
 * The digest of the observation versions one ingest batch wrote, as they are stored now. Ingest calls
 * it inside its transaction, after inserting, and records the result in the batch's audit entry; audit
 * verification calls it again later and compares. Reading the rows back (rather than digesting the
 * values in memory) means both sides digest exactly what the database holds, whatever numeric or date
 * notation it uses. Pages through the rows, so memory stays flat for the largest batch.
 */
export async function digestObservationBatch(db: Kysely<Database>, batchId: number): Promise<BatchRowsDigest> {
  const digester = new BatchDigester();
  let afterId = '0';
  for (;;) {
    const page = await batchRowsAfter(db, batchId, afterId, PAGE);
    for (const row of page) digester.add(row);
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    afterId = last.id;
  }
  return digester.finish();
}
