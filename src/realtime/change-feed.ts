import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendChange, type LoggedChange } from '../repositories/change-log.repository.ts';
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

/**
 * One announced batch. `seq` is its number in the change log: a listener applies each number once, and
 * after a lost connection catches up on the numbers it missed. A message without one (sent by an older
 * version during a rolling upgrade) is applied as it comes.
 */
export type ChangeMessage =
  | { kind: 'observations'; changes: ObservationChange[]; seq?: number }
  | { kind: 'assessments'; changes: AssessmentChange[]; seq?: number };

// NOTIFY payloads are limited to 8000 bytes; stay well below it.
const MAX_PAYLOAD = 7000;

/**
 * Records changed cells in the change log and announces them on CHANGE_CHANNEL, so that every server
 * instance (LISTEN) re-evaluates what they touch — and one that was not listening catches up from the
 * log. Call it after the writing transaction commits; within a transaction both the row and the
 * notification take effect at commit, so calling it inside is also correct.
 *
 * @example
 * await publishObservationChanges(db, [{ indicator: 'DVC_TOAN_TRINH', unit: 'P_VINH_TUY', period: '2026-03' }]);
 */
export async function publishObservationChanges(db: Kysely<Database>, changes: ObservationChange[]): Promise<void> {
  await publishChunked(changes, (chunk) => appendChange(db, CHANGE_CHANNEL, 'observations', JSON.stringify(chunk)));
}

/**
 * Announces new assessment points, so scores and ranks of the framework are recomputed everywhere.
 *
 * @example
 * await publishAssessmentChanges(trx, [{ framework: 'HN-DTI', unit: 'P_VINH_TUY', period: '2026' }]);
 */
export async function publishAssessmentChanges(db: Kysely<Database>, changes: AssessmentChange[]): Promise<void> {
  await publishChunked(changes, (chunk) => appendChange(db, CHANGE_CHANNEL, 'assessments', JSON.stringify(chunk)));
}

/** Sends live events to every instance (LIVE_EVENT_CHANNEL), in as many notifications as their size needs. */
export async function publishLiveEvents(db: Kysely<Database>, events: LiveEvent[]): Promise<void> {
  // Live events are not logged: they are consequences, and a listener that catches up re-derives them.
  await publishChunked(events, async (chunk) => {
    await sql`select pg_notify(${LIVE_EVENT_CHANNEL}, ${JSON.stringify({ events: chunk })})`.execute(db);
  });
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

async function publishChunked<T>(changes: T[], send: (chunk: T[]) => Promise<unknown>): Promise<void> {
  let chunk: T[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await send(chunk);
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
  return toChangeMessage(raw);
}

/** A change-log row as the message its notification carried (null when the row is not one of ours). */
export function changeMessageFromLog(row: LoggedChange): ChangeMessage | null {
  return toChangeMessage({ seq: row.seq, kind: row.kind, changes: row.changes });
}

function toChangeMessage(raw: unknown): ChangeMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { kind, changes, seq: rawSeq } = raw as { kind?: unknown; changes?: unknown; seq?: unknown };
  if (!Array.isArray(changes)) return null;
  const seq = typeof rawSeq === 'number' && Number.isSafeInteger(rawSeq) && rawSeq > 0 ? { seq: rawSeq } : {};
  const strings = (c: unknown, keys: string[]) => typeof c === 'object' && c !== null && keys.every((k) => typeof (c as Record<string, unknown>)[k] === 'string');
  if (kind === 'observations') {
    return { kind, changes: changes.filter((c): c is ObservationChange => strings(c, ['indicator', 'unit', 'period'])), ...seq };
  }
  if (kind === 'assessments') {
    return { kind, changes: changes.filter((c): c is AssessmentChange => strings(c, ['framework', 'unit', 'period'])), ...seq };
  }
  return null;
}
