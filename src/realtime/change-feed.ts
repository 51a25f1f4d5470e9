import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { LIVE_EVENT_TYPES, type LiveEvent } from './event-bus.ts';

/** The PostgreSQL channel on which every instance hears that data changed. */
export const CHANGE_CHANNEL = 'theodoi_changes';

/**
 * The channel on which the instance that applied a batch announces the resulting live events, so that
 * every instance's dashboards receive them — whichever instance stored the snapshots first.
 */
export const LIVE_EVENT_CHANNEL = 'theodoi_events';

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
  await publishChunked(db, CHANGE_CHANNEL, changes, (chunk) => ({ kind: 'observations', changes: chunk }));
}

/**
 * Announces new assessment points, so scores and ranks of the framework are recomputed everywhere.
 *
 * @example
 * await publishAssessmentChanges(trx, [{ framework: 'HN-DTI', unit: 'P_VINH_TUY', period: '2026' }]);
 */
export async function publishAssessmentChanges(db: Kysely<Database>, changes: AssessmentChange[]): Promise<void> {
  await publishChunked(db, CHANGE_CHANNEL, changes, (chunk) => ({ kind: 'assessments', changes: chunk }));
}

/** Sends live events to every instance (LIVE_EVENT_CHANNEL), in as many notifications as their size needs. */
export async function publishLiveEvents(db: Kysely<Database>, events: LiveEvent[]): Promise<void> {
  await publishChunked(db, LIVE_EVENT_CHANNEL, events, (chunk) => ({ events: chunk }));
}

/** The live events of one notification; anything malformed is dropped. */
export function parseLiveEventMessage(payload: string): LiveEvent[] {
  try {
    const raw = JSON.parse(payload) as { events?: unknown };
    if (!Array.isArray(raw.events)) return [];
    return raw.events.filter(
      (e): e is LiveEvent => typeof e === 'object' && e !== null && LIVE_EVENT_TYPES.includes((e as { type?: unknown }).type as LiveEvent['type']),
    );
  } catch {
    return [];
  }
}

async function publishChunked<T>(db: Kysely<Database>, channel: string, changes: T[], wrap: (chunk: T[]) => object): Promise<void> {
  let chunk: T[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await sql`select pg_notify(${channel}, ${JSON.stringify(wrap(chunk))})`.execute(db);
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
