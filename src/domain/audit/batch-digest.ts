import { createHash } from 'node:crypto';
import { canonicalJson } from './hash-chain.ts';

/**
 * One observation version as stored, every column rendered as text by the database itself (numbers
 * in numeric's own notation, dates as YYYY-MM-DD, the time as UTC with microseconds), so that the
 * same stored row always yields the same bytes on either engine and through either driver — a float
 * conversion would hide an edit in the 17th digit.
 */
export interface StoredObservationFact {
  id: string;
  indicatorId: string;
  unitId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  version: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  origin: string;
  source: string;
  actor: string;
  note: string | null;
  evidenceUrl: string | null;
  reason: string | null;
  recordedAt: string;
}

/** What an ingest batch's audit entry records about the rows the batch itself wrote. */
export interface BatchRowsDigest {
  /** Names the serialisation, so a later format can be told apart from this one. */
  format: typeof BATCH_DIGEST_FORMAT;
  rows: number;
  sha256: string;
}

export const BATCH_DIGEST_FORMAT = 'observation-rows/v1';

/**
 * Digests a batch's rows fed one at a time in ascending id order (ids are integers, so the order
 * depends on no collation): SHA-256 over each row's canonical JSON followed by "\n". Streaming, so a
 * batch of 100 000 rows is never held whole. Rows must come in id order; anything else is a bug in
 * the caller, not tampering, and throws.
 *
 * @example
 * const d = new BatchDigester();
 * for (const row of rowsInIdOrder) d.add(row);
 * d.finish(); // { format: 'observation-rows/v1', rows: 2, sha256: '…64 hex…' }
 */
export class BatchDigester {
  private readonly hash = createHash('sha256');
  private count = 0;
  private lastId: bigint | null = null;

  add(row: StoredObservationFact): void {
    const id = BigInt(row.id);
    if (this.lastId !== null && id <= this.lastId) throw new Error(`batch rows out of id order: ${row.id} after ${this.lastId}`);
    this.lastId = id;
    this.hash.update(canonicalJson(row)).update('\n');
    this.count++;
  }

  finish(): BatchRowsDigest {
    return { format: BATCH_DIGEST_FORMAT, rows: this.count, sha256: this.hash.digest('hex') };
  }
}

/**
 * Reads the digest an audit entry's `after` carries, or null when it has none (entries written before
 * digests existed) or one in a format this code does not know.
 */
export function recordedDigest(after: unknown): BatchRowsDigest | null {
  if (!after || typeof after !== 'object') return null;
  const d = (after as { rowsDigest?: unknown }).rowsDigest;
  if (!d || typeof d !== 'object') return null;
  const { format, rows, sha256 } = d as Record<string, unknown>;
  if (format !== BATCH_DIGEST_FORMAT || typeof rows !== 'number' || typeof sha256 !== 'string') return null;
  return { format, rows, sha256 };
}
