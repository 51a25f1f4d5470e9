import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** The PostgreSQL channel on which every instance hears that data changed. */
export const CHANGE_CHANNEL = 'theodoi_changes';

/** A cell whose value changed: an indicator for a unit in a period. */
export interface ObservationChange {
  indicator: string;
  unit: string;
  period: string;
}

export interface ChangeMessage {
  kind: 'observations';
  changes: ObservationChange[];
}

// NOTIFY payloads are limited to 8000 bytes; stay well below it.
const MAX_PAYLOAD = 7000;

/**
 * Announces changed cells on CHANGE_CHANNEL so that every server instance (LISTEN) re-evaluates what
 * they touch. Call it after the writing transaction commits; within a transaction PostgreSQL delivers
 * the notification at commit, so calling it inside is also correct.
 *
 * @example
 * await publishObservationChanges(db, [{ indicator: 'DVC_TOAN_TRINH', unit: 'P_VINH_TUY', period: '2026-03' }]);
 */
export async function publishObservationChanges(db: Kysely<Database>, changes: ObservationChange[]): Promise<void> {
  let chunk: ObservationChange[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const message: ChangeMessage = { kind: 'observations', changes: chunk };
    await sql`select pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify(message)})`.execute(db);
    chunk = [];
    size = 0;
  };
  for (const change of changes) {
    const bytes = Buffer.byteLength(JSON.stringify(change)) + 1;
    if (size + bytes > MAX_PAYLOAD) await flush();
    chunk.push(change);
    size += bytes;
  }
  await flush();
}
