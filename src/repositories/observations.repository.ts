import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { StoredObservationFact } from '../domain/audit/batch-digest.ts';
import type { Origin, ValidObservation } from '../domain/observations/observation-input.ts';

type Db = Kysely<Database>;

// Namespaces (first key of the two-key advisory locks) so our locks never collide with another area's.
const CELL_LOCK = 4_201;
const IDEMPOTENCY_LOCK = 4_202;

/** A cell: an indicator's value for a unit in a period. */
export interface CellKey {
  indicatorId: number;
  unitId: number;
  period: string;
}

/** A stored version with its provenance, as the API shows it. */
export interface ObservationRecord {
  indicator: string;
  unit: string;
  /** Whether the indicator is classified: callers filter these by the reader's rights. */
  classified: boolean;
  period: string;
  periodStart: string;
  periodEnd: string;
  version: number;
  current: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  origin: Origin;
  source: string;
  actor: string;
  recordedAt: Date;
  note: string | null;
  evidenceUrl: string | null;
  reason: string | null;
}

export interface StoredBatch {
  id: number;
  requestHash: string;
  response: unknown;
}

/** Unit ids by code, for the codes a batch mentions. */
export async function findUnitIdsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, { id: number }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code']).where('code', 'in', [...codes]).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id }]));
}

/** For each unit, its own code followed by its ancestors' codes up to the root. */
export async function unitAncestry(db: Db, unitIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (unitIds.length === 0) return out;
  const rows = await sql<{ start_id: number; code: string }>`
    with recursive up(start_id, id, code, parent_id, depth) as (
      select id, id, code, parent_id, 0 from units where id = any(${[...unitIds]}::int[])
      union all
      select up.start_id, u.id, u.code, u.parent_id, up.depth + 1
      from units u join up on u.id = up.parent_id
      where up.depth < 64
    )
    select start_id, code from up order by start_id, depth`.execute(db);
  for (const r of rows.rows) {
    const list = out.get(r.start_id) ?? [];
    list.push(r.code);
    out.set(r.start_id, list);
  }
  return out;
}

/** Like `unitAncestry`, keyed by unit code (for units named in query results). */
export async function unitAncestryByCodes(db: Db, codes: readonly string[]): Promise<Map<string, string[]>> {
  const ids = await findUnitIdsByCodes(db, codes);
  const chains = await unitAncestry(db, [...ids.values()].map((u) => u.id));
  return new Map([...chains.values()].map((chain) => [chain[0] as string, chain]));
}

/** Ids of every unit in the subtrees rooted at these codes. */
export async function subtreeUnitIds(db: Db, rootCodes: readonly string[]): Promise<number[]> {
  if (rootCodes.length === 0) return [];
  const rows = await sql<{ id: number }>`
    with recursive down(id) as (
      select id from units where code = any(${[...rootCodes]}::text[])
      union
      select u.id from units u join down d on u.parent_id = d.id
    )
    select id from down`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * Serialises requests carrying the same Idempotency-Key until the holder's transaction ends, so two
 * retries arriving together cannot both store the batch.
 */
export async function lockIdempotencyKey(trx: Db, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCK}, ${lockKey(key)})`.execute(trx);
}

export async function findBatchByKey(db: Db, key: string): Promise<StoredBatch | null> {
  const row = await db.selectFrom('ingest_batches').select(['id', 'request_hash', 'response']).where('idempotency_key', '=', key).executeTakeFirst();
  return row ? { id: row.id, requestHash: row.request_hash, response: row.response } : null;
}

export async function insertBatch(
  trx: Db,
  batch: { idempotencyKey: string | null; requestHash: string; source: string; actor: string; response: unknown },
): Promise<number> {
  const row = await trx
    .insertInto('ingest_batches')
    .values({
      idempotency_key: batch.idempotencyKey,
      request_hash: batch.requestHash,
      source: batch.source,
      actor: batch.actor,
      response: JSON.stringify(batch.response),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setBatchResponse(trx: Db, batchId: number, response: unknown): Promise<void> {
  await trx.updateTable('ingest_batches').set({ response: JSON.stringify(response) }).where('id', '=', batchId).execute();
}

/**
 * Takes transaction-scoped locks covering these cells, in one fixed (ascending) order so that two
 * batches touching the same cells queue rather than deadlock; versions are then allocated under them.
 * Cells are hashed into CELL_LOCK_BUCKETS buckets: a lock per cell would exhaust PostgreSQL's shared
 * lock table on a large batch ("out of shared memory"), while a bounded number of buckets keeps every
 * transaction under it. Two batches sharing a bucket but no cell merely wait for each other.
 */
export async function lockCells(trx: Db, cells: readonly CellKey[]): Promise<void> {
  if (cells.length === 0) return;
  const keys = [...new Set(cells.map((c) => cellBucket(c)))].sort((a, b) => a - b);
  // The aggregate consumes the sorted subquery row by row, so locks are taken in ascending key order.
  await sql`select count(pg_advisory_xact_lock(${CELL_LOCK}, k)) from (select k from unnest(${keys}::int[]) as k order by k) s`.execute(trx);
}

/** Bounded: at most this many cell locks per transaction, whatever the batch size. */
export const CELL_LOCK_BUCKETS = 128;

function cellBucket(cell: CellKey): number {
  return (lockKey(cellKey(cell)) >>> 0) % CELL_LOCK_BUCKETS;
}

export function cellKey(cell: CellKey): string {
  return `${cell.indicatorId}:${cell.unitId}:${cell.period}`;
}

export interface NewVersion {
  row: ValidObservation;
  version: number;
}

/** Appends versions in one statement (arrays unnested server-side: one parse, one round trip). */
export async function insertVersions(
  trx: Db,
  versions: readonly NewVersion[],
  provenance: { origin: Origin; source: string; actor: string; batchId: number | null; recordedAt: Date },
): Promise<void> {
  const chunk = 5_000;
  for (let i = 0; i < versions.length; i += chunk) {
    const part = versions.slice(i, i + chunk);
    const col = <T>(pick: (v: NewVersion) => T) => part.map(pick);
    await sql`
      insert into observations
        (indicator_id, unit_id, period, period_start, period_end, version, value, numerator, denominator,
         note, evidence_url, reason, origin, source, actor, batch_id, recorded_at)
      select i, u, p, ps, pe, v, val, num, den, note, ev, rsn, ${provenance.origin}, ${provenance.source}, ${provenance.actor},
             ${provenance.batchId}::bigint, ${provenance.recordedAt}::timestamptz
      from unnest(
        ${col((v) => v.row.indicatorId)}::int[], ${col((v) => v.row.unitId)}::int[], ${col((v) => v.row.period.code)}::text[],
        ${col((v) => v.row.period.start)}::date[], ${col((v) => v.row.period.end)}::date[], ${col((v) => v.version)}::int[],
        ${col((v) => v.row.value)}::numeric[], ${col((v) => v.row.numerator)}::numeric[], ${col((v) => v.row.denominator)}::numeric[],
        ${col((v) => v.row.note)}::text[], ${col((v) => v.row.evidenceUrl)}::text[], ${col((v) => v.row.reason)}::text[]
      ) as t(i, u, p, ps, pe, v, val, num, den, note, ev, rsn)`.execute(trx);
  }
}

/**
 * Up to `limit` versions written by one ingest batch with an id above `afterId`, in id order, every
 * column rendered as text by the database (see StoredObservationFact): what a batch's digest covers.
 * Only the batch's own rows: a later correction is a new version under another batch, never an edit.
 */
export async function batchRowsAfter(db: Db, batchId: number, afterId: string, limit: number): Promise<StoredObservationFact[]> {
  const rows = await sql<StoredObservationFact>`
    select id::text as "id", indicator_id::text as "indicatorId", unit_id::text as "unitId", period,
      to_char(period_start, 'YYYY-MM-DD') as "periodStart", to_char(period_end, 'YYYY-MM-DD') as "periodEnd",
      version::text as "version", value::text as "value", numerator::text as "numerator", denominator::text as "denominator",
      origin, source, actor, note, evidence_url as "evidenceUrl", reason,
      to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "recordedAt"
    from observations
    where batch_id = ${batchId}::bigint and id > ${afterId}::bigint
    -- Qualified: a bare "id" here would be the text alias above, ordering "101" before "11".
    order by observations.id
    limit ${limit}`.execute(db);
  return rows.rows;
}

export interface ObservationFilter {
  indicator?: string | undefined;
  unit?: string | undefined;
  /** Inclusive ISO date bounds on the period. */
  fromDate?: string | undefined;
  toDate?: string | undefined;
  history: boolean;
  /** Units the reader may see; 'all' for no restriction. */
  unitIds: readonly number[] | 'all';
  includeClassified: boolean;
  /** Keyset pagination for exports: only versions with id above this. */
  afterId?: number | undefined;
  limit?: number | undefined;
}

/**
 * Current values (the highest version of each cell), or every version when `history` is set, each
 * with its provenance; ordered by indicator, unit, period and version.
 */
export async function listObservations(db: Db, filter: ObservationFilter): Promise<(ObservationRecord & { id: number })[]> {
  if (filter.unitIds !== 'all' && filter.unitIds.length === 0) return [];
  let query = db
    .selectFrom('observations as o')
    .innerJoin('indicators as i', 'i.id', 'o.indicator_id')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select([
      'o.id', 'i.code as indicator', 'u.code as unit', 'i.classified', 'o.period', 'o.period_start', 'o.period_end', 'o.version', 'o.value',
      'o.numerator', 'o.denominator', 'o.origin', 'o.source', 'o.actor', 'o.recorded_at', 'o.note', 'o.evidence_url', 'o.reason',
      sql<number>`max(o.version) over (partition by o.indicator_id, o.unit_id, o.period)`.as('latest'),
    ]);
  if (filter.indicator !== undefined) query = query.where('i.code', '=', filter.indicator);
  if (filter.unit !== undefined) query = query.where('u.code', '=', filter.unit);
  if (filter.fromDate !== undefined) query = query.where('o.period_start', '>=', filter.fromDate);
  if (filter.toDate !== undefined) query = query.where('o.period_end', '<=', filter.toDate);
  if (filter.unitIds !== 'all') query = query.where(sql<boolean>`o.unit_id = any(${[...filter.unitIds]}::int[])`);
  if (!filter.includeClassified) query = query.where('i.classified', '=', false);
  const inner = query.as('x');
  let outer = db.selectFrom(inner).selectAll();
  if (!filter.history) outer = outer.where(sql<boolean>`x.version = x.latest`);
  if (filter.afterId !== undefined) outer = outer.where('x.id', '>', filter.afterId);
  outer = filter.afterId !== undefined ? outer.orderBy('x.id') : outer.orderBy('x.indicator').orderBy('x.unit').orderBy('x.period_start').orderBy('x.period').orderBy('x.version');
  if (filter.limit !== undefined) outer = outer.limit(filter.limit);
  const rows = await outer.execute();
  return rows.map((r) => ({
    id: r.id,
    indicator: r.indicator,
    unit: r.unit,
    classified: r.classified,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    version: r.version,
    current: r.version === r.latest,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    origin: r.origin,
    source: r.source,
    actor: r.actor,
    recordedAt: r.recorded_at,
    note: r.note,
    evidenceUrl: r.evidence_url,
    reason: r.reason,
  }));
}

/** How many versions are stored in all (tests and benchmarks check nothing was added or lost). */
export async function countVersions(db: Db): Promise<number> {
  const row = await db.selectFrom('observations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A 32-bit key for an advisory lock: the first four bytes of a SHA-1 (collisions only over-serialise). */
function lockKey(text: string): number {
  return createHash('sha1').update(text).digest().readInt32BE(0);
}
