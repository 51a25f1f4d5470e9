import { createHash } from 'node:crypto';
import { message, type Message } from '../messages/message.ts';

/** The fields of an audit entry that its hash covers. */
export interface AuditContent {
  id: number;
  /** ISO-8601 UTC with milliseconds, e.g. "2026-11-22T13:07:00.000Z". */
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface ChainedEntry extends AuditContent {
  prevHash: string | null;
  hash: string;
}

export interface ChainVerdict {
  ok: boolean;
  /** Entries checked: all of them when whole, else up to and including the first bad one. */
  entries: number;
  /** The first entry whose hash or link does not hold; null when the chain is whole. */
  firstBadId: number | null;
  /** Why it does not hold, worded at the edge in the reader's language (`auditVerdictIn`). */
  reason: Message | null;
}

/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so that the same value
 * always serialises to the same bytes — also after a round trip through PostgreSQL's jsonb, which
 * reorders keys.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }); // '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}

/**
 * Normalises a before/after value to what jsonb will give back (dates as ISO strings, no undefined,
 * no functions), so the hash computed at write time matches the one recomputed when verifying.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(canonicalJson(value)) as unknown;
}

/**
 * hash = hex SHA-256 of (previous entry's hash, or "" for the first entry) followed by the entry's
 * canonical JSON `{"action","actor","after","at","before","entity","entityId","id"}`.
 *
 * @example
 * entryHash(null, { id: 1, at: '2026-11-22T13:07:00.000Z', actor: 'cli:root', action: 'create',
 *   entity: 'user', entityId: '1', before: null, after: { username: 'lan' } }); // 64 hex chars
 */
export function entryHash(prevHash: string | null, content: AuditContent): string {
  const { id, at, actor, action, entity, entityId, before, after } = content;
  const canonical = canonicalJson({ id, at, actor, action, entity, entityId, before, after });
  return createHash('sha256')
    .update(prevHash ?? '')
    .update(canonical)
    .digest('hex');
}

/**
 * Checks a run of entries in id order, continuing from `previous` (the entry before the run, or null
 * at the start of the log). Stops at the first entry that was edited (its hash no longer matches its
 * content), re-linked, or whose predecessor was removed (its `prevHash` no longer names the entry
 * before it).
 */
export function verifyRun(previous: ChainedEntry | null, run: readonly ChainedEntry[]): { bad: ChainedEntry; reason: Message } | null {
  let prev = previous;
  for (const entry of run) {
    const expectedPrev = prev?.hash ?? null;
    if (entry.prevHash !== expectedPrev) {
      return {
        bad: entry,
        reason: prev
          ? message('audit.chain.unlinked', { entry: String(entry.id), previous: String(prev.id) })
          : message('audit.chain.start_removed', { entry: String(entry.id) }),
      };
    }
    if (entryHash(entry.prevHash, entry) !== entry.hash) {
      return { bad: entry, reason: message('audit.chain.altered', { entry: String(entry.id) }) };
    }
    prev = entry;
  }
  return null;
}
