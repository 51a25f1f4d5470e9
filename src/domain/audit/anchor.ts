import { InputError, problem } from '../errors.ts';
import { message, type Message } from '../messages/message.ts';

export const ANCHOR_FORMAT = 'theodoi-audit-anchor/v1';

/**
 * The chain's head as an operator keeps it outside the database (docs/security.md). Deleting the newest
 * entries leaves a shorter chain that still verifies; only a copy of a head kept elsewhere tells.
 * `id`, `hash` and `at` are null for an empty log.
 */
export interface AuditAnchor {
  format: typeof ANCHOR_FORMAT;
  /** The head entry's id (its sequence number in the chain). */
  id: number | null;
  hash: string | null;
  /** When the head entry was written (ISO-8601 UTC). */
  at: string | null;
  /** When the anchor was taken. */
  takenAt: string;
}

export interface AnchorCheck {
  id: number | null;
  hash: string | null;
  ok: boolean;
  reason: Message | null;
}

/**
 * @example
 * makeAnchor({ id: 42, hash: 'ab…', at: '2026-12-01T02:00:00.000Z' }, new Date('2026-12-01T17:00:00Z'));
 * // { format: 'theodoi-audit-anchor/v1', id: 42, hash: 'ab…', at: '2026-12-01T02:00:00.000Z', takenAt: '2026-12-01T17:00:00.000Z' }
 */
export function makeAnchor(head: { id: number; hash: string; at: string } | null, takenAt: Date): AuditAnchor {
  return { format: ANCHOR_FORMAT, id: head?.id ?? null, hash: head?.hash ?? null, at: head?.at ?? null, takenAt: takenAt.toISOString() };
}

/** Reads an anchor file's text; names what is wrong with it rather than checking against garbage. */
export function parseAnchor(text: string): AuditAnchor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(message('audit.anchor_file_not_json'));
  }
  const problems = [];
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (v.format !== ANCHOR_FORMAT) problems.push(problem({ field: 'format' }, message('audit.must', { ANCHOR_FORMAT })));
  const empty = v.id === null && v.hash === null;
  if (!empty && !(typeof v.id === 'number' && Number.isSafeInteger(v.id) && v.id > 0)) problems.push(problem({ field: 'id' }, message('audit.must_positive_integer')));
  if (!empty && !(typeof v.hash === 'string' && /^[0-9a-f]{64}$/.test(v.hash))) problems.push(problem({ field: 'hash' }, message('audit.must_lowercase_hex_digits')));
  if (problems.length) throw new InputError(message('audit.invalid_anchor_file'), problems);
  return {
    format: ANCHOR_FORMAT,
    id: empty ? null : (v.id as number),
    hash: empty ? null : (v.hash as string),
    at: typeof v.at === 'string' ? v.at : null,
    takenAt: typeof v.takenAt === 'string' ? v.takenAt : '',
  };
}

/**
 * Whether the log still holds the anchored entry with the anchored hash. Together with a chain that
 * verifies, that proves nothing up to the anchor was removed or rewritten (each hash covers every
 * entry before it). Entries after the anchor are covered only by the next anchor.
 *
 * @param storedHash the hash the log now holds for entry `anchor.id` (null when it is gone)
 * @param headId the id of the log's newest entry now (null when empty)
 */
export function checkAnchor(anchor: AuditAnchor, storedHash: string | null, headId: number | null): AnchorCheck {
  const base = { id: anchor.id, hash: anchor.hash };
  if (anchor.id === null) return { ...base, ok: true, reason: null };
  if (storedHash === null) {
    const entry = String(anchor.id);
    return { ...base, ok: false, reason: headId === null ? message('audit.anchor.gone_log_empty', { entry }) : message('audit.anchor.gone', { entry, head: String(headId) }) };
  }
  if (storedHash !== anchor.hash) {
    return { ...base, ok: false, reason: message('audit.anchor.rewritten', { entry: String(anchor.id) }) };
  }
  return { ...base, ok: true, reason: null };
}
