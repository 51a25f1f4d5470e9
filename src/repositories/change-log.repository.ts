import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export type ChangeKind = 'observations' | 'assessments';

export interface LoggedChange {
  seq: number;
  kind: ChangeKind;
  changes: unknown;
}

/**
 * Records one batch in the change log and announces it on `channel` with its sequence number, in one
 * statement: inside a transaction both happen at commit or not at all, and outside one there is no
 * moment where the row exists but the notification was never sent.
 *
 * @returns the sequence number of the batch.
 */
export async function appendChange(db: Kysely<Database>, channel: string, kind: ChangeKind, changesJson: string): Promise<number> {
  // json (not jsonb) in the payload keeps the caller's compact text, so the size it measured holds.
  const { rows } = await sql<{ seq: number }>`
    with appended as (insert into change_log (kind, changes) values (${kind}, ${changesJson}::jsonb) returning seq)
    select seq, pg_notify(${channel}, json_build_object('seq', seq, 'kind', ${kind}::text, 'changes', ${changesJson}::json)::text) from appended`.execute(db);
  const seq = rows[0]?.seq;
  if (seq === undefined) throw new Error('change_log: insert returned no sequence number');
  return Number(seq);
}

/** The highest sequence number recorded so far, or 0 when the log is empty. */
export async function readLatestChangeSeq(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return row?.seq == null ? 0 : Number(row.seq);
}

/** Batches numbered above `afterSeq`, in sequence order, at most `limit` of them. */
export async function readChangesAfter(db: Kysely<Database>, afterSeq: number, limit: number): Promise<LoggedChange[]> {
  const rows = await db.selectFrom('change_log').select(['seq', 'kind', 'changes']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, changes: r.changes }));
}

/** Deletes batches recorded before `before`; returns how many. */
export async function pruneChangeLog(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('change_log').where('recorded_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
