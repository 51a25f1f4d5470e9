import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface IndicatorForRollup {
  id: number;
  code: string;
  measure: string;
  direction: 'up' | 'down';
  aggregation: 'sum' | 'mean' | 'ratio' | 'min' | 'max' | 'last';
  classified: boolean;
}

export async function findIndicatorsByCode(db: Kysely<Database>, codes: readonly string[]): Promise<IndicatorForRollup[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('indicators')
    .select(['id', 'code', 'measure', 'direction', 'aggregation', 'classified'])
    .where('code', 'in', [...codes])
    .execute();
}

export async function findIndicatorsById(db: Kysely<Database>, ids: readonly number[]): Promise<IndicatorForRollup[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('indicators')
    .select(['id', 'code', 'measure', 'direction', 'aggregation', 'classified'])
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * A cheap token that changes whenever observations are added: the table is append-only (a
 * correction is a new version, nothing is updated or deleted), so its highest id and the number of
 * rows among the last OUT_OF_ORDER_WINDOW ids say whether anything was written — the count catches a
 * transaction that took its ids before another one committed but committed after it. Counting the
 * whole table instead would scan millions of rows at national scale on every read.
 */
export async function observationsFingerprint(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ last: number | string | null; n: number | string }>`
    with m as (select coalesce(max(id), 0) as last from observations)
    select m.last, (select count(*) from observations o where o.id > m.last - ${OUT_OF_ORDER_WINDOW}) as n from m`.execute(db);
  const row = rows[0];
  return `${Number(row?.last ?? 0)}:${Number(row?.n ?? 0)}`;
}

/** The highest observation id a fingerprint saw (null for one not written by observationsFingerprint). */
export function lastObservationIdOf(fingerprint: string | null): number | null {
  const last = fingerprint === null ? NaN : Number(fingerprint.split(':')[0]);
  return Number.isInteger(last) ? last : null;
}

/** The cells (indicator, unit, end of period) of the observations written after id `afterId`. */
export async function observedCellsAfter(db: Kysely<Database>, afterId: number): Promise<{ indicatorId: number; unitId: number; periodEnd: string }[]> {
  const rows = await db.selectFrom('observations').select(['indicator_id', 'unit_id', 'period_end']).distinct().where('id', '>', afterId).execute();
  return rows.map((r) => ({ indicatorId: r.indicator_id, unitId: r.unit_id, periodEnd: r.period_end }));
}

/** How far below the highest id a late commit is still noticed: ids are taken as rows are written, so a late transaction's last ids sit just below those committed after it. */
const OUT_OF_ORDER_WINDOW = 10_000;
