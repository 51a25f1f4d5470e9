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

/** An assessed criterion got new self or appraised points. */
export interface AssessmentChange {
  framework: string;
  unit: string;
  period: string;
}

export type ChangeMessage =
  | { kind: 'observations'; changes: ObservationChange[] }
  | { kind: 'assessments'; changes: AssessmentChange[] };

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
  await publishChunked(db, 'observations', changes);
}

/**
 * Announces new assessment points, so scores and ranks of the framework are recomputed everywhere.
 *
 * @example
 * await publishAssessmentChanges(trx, [{ framework: 'HN-DTI', unit: 'P_VINH_TUY', period: '2026' }]);
 */
export async function publishAssessmentChanges(db: Kysely<Database>, changes: AssessmentChange[]): Promise<void> {
  await publishChunked(db, 'assessments', changes);
}

async function publishChunked<T>(db: Kysely<Database>, kind: ChangeMessage['kind'], changes: T[]): Promise<void> {
  let chunk: T[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await sql`select pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify({ kind, changes: chunk })})`.execute(db);
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

/** Reads a NOTIFY payload; anything that is not one of our messages gives null (and is ignored). */
export function parseChangeMessage(payload: string): ChangeMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { kind, changes } = raw as { kind?: unknown; changes?: unknown };
  if (!Array.isArray(changes)) return null;
  const strings = (c: unknown, keys: string[]) => typeof c === 'object' && c !== null && keys.every((k) => typeof (c as Record<string, unknown>)[k] === 'string');
  if (kind === 'observations') {
    return { kind, changes: changes.filter((c): c is ObservationChange => strings(c, ['indicator', 'unit', 'period'])) };
  }
  if (kind === 'assessments') {
    return { kind, changes: changes.filter((c): c is AssessmentChange => strings(c, ['framework', 'unit', 'period'])) };
  }
  return null;
}
