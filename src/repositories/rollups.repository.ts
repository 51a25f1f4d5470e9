import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { CellValue } from '../domain/rollup/aggregate.ts';

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

/** A current cell: the latest version of an indicator's value for a unit and period. */
export interface CurrentCell extends CellValue {
  indicatorId: number;
  unitId: number;
  period: string;
}

const MONTH_CODE = '^[0-9]{4}-[0-9]{2}$';

/**
 * The current (latest-version) monthly cells of some indicators between two dates, optionally only
 * for some units. Corrections are new versions, so "current" is the highest version per cell.
 *
 * @example
 * await currentMonthlyCells(db, { indicatorIds: [3], from: '2026-01-01', to: '2026-12-31' });
 */
export async function currentMonthlyCells(
  db: Kysely<Database>,
  filter: { indicatorIds: readonly number[]; from?: string | null; to?: string | null; unitIds?: readonly number[] | null; periods?: readonly string[] },
): Promise<CurrentCell[]> {
  if (filter.indicatorIds.length === 0) return [];
  let query = db
    .selectFrom('observations as o')
    .select(['o.indicator_id', 'o.unit_id', 'o.period', 'o.value', 'o.numerator', 'o.denominator'])
    // Epoch milliseconds parse faster than timestamps, and `last` only compares them.
    .select(sql<number>`(extract(epoch from o.recorded_at) * 1000)::float8`.as('recorded_ms'))
    // Byte order ("C") sorts period codes the same and far faster than the database's collation.
    .distinctOn(['o.indicator_id', 'o.unit_id', sql`o.period collate "C"`])
    .where('o.indicator_id', 'in', [...filter.indicatorIds])
    .where(sql<boolean>`o.period ~ ${MONTH_CODE}`)
    .orderBy('o.indicator_id')
    .orderBy('o.unit_id')
    .orderBy(sql`o.period collate "C"`)
    .orderBy('o.version', 'desc');
  if (filter.from) query = query.where('o.period_start', '>=', filter.from);
  if (filter.to) query = query.where('o.period_end', '<=', filter.to);
  if (filter.periods) {
    if (filter.periods.length === 0) return [];
    query = query.where('o.period', 'in', [...filter.periods]);
  }
  if (filter.unitIds) {
    if (filter.unitIds.length === 0) return [];
    query = query.where('o.unit_id', 'in', [...filter.unitIds]);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    unitId: r.unit_id,
    period: r.period,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    recordedAt: r.recorded_ms,
  }));
}

/**
 * The same cells as `currentMonthlyCells` (latest version per indicator, unit and month, up to
 * `to`), fetched as one row per indicator × unit with its months packed in a JSON array. A whole
 * city's history is tens of thousands of cells; one row each costs far more in the driver (PGlite
 * most of all) than parsing a few hundred JSON arrays, so the evaluation of every target reads them
 * this way. Ordered by indicator, unit and month like `currentMonthlyCells`.
 *
 * @example
 * await currentMonthlyCellsPacked(db, { indicatorIds: [3, 4], to: '2026-06-30', unitIds: [1, 2, 3] });
 */
export async function currentMonthlyCellsPacked(
  db: Kysely<Database>,
  filter: { indicatorIds: readonly number[]; to: string; unitIds: readonly number[] },
): Promise<CurrentCell[]> {
  if (filter.indicatorIds.length === 0 || filter.unitIds.length === 0) return [];
  type Packed = [period: string, value: number | string | null, numerator: number | string | null, denominator: number | string | null, recordedMs: number];
  const { rows } = await sql<{ indicator_id: number; unit_id: number; cells: string }>`
    select c.indicator_id, c.unit_id,
           json_agg(json_build_array(c.period, c.value, c.numerator, c.denominator, c.recorded_ms) order by c.period collate "C")::text as cells
    from (
      select distinct on (o.indicator_id, o.unit_id, o.period collate "C")
             o.indicator_id, o.unit_id, o.period, o.value, o.numerator, o.denominator,
             (extract(epoch from o.recorded_at) * 1000)::float8 as recorded_ms
      from observations o
      where o.indicator_id in (${sql.join([...filter.indicatorIds])})
        and o.unit_id in (${sql.join([...filter.unitIds])})
        and o.period ~ ${MONTH_CODE}
        and o.period_end <= ${filter.to}
      order by o.indicator_id, o.unit_id, o.period collate "C", o.version desc
    ) c
    group by c.indicator_id, c.unit_id
    order by c.indicator_id, c.unit_id`.execute(db);
  // numeric comes back as text elsewhere and is turned into a number the same way (Number(text)).
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const out: CurrentCell[] = [];
  for (const r of rows) {
    for (const [period, value, numerator, denominator, recordedMs] of JSON.parse(r.cells) as Packed[]) {
      out.push({ indicatorId: Number(r.indicator_id), unitId: Number(r.unit_id), period, value: num(value), numerator: num(numerator), denominator: num(denominator), recordedAt: recordedMs });
    }
  }
  return out;
}

/**
 * A cheap token that changes whenever observations are added: the table is append-only (a
 * correction is a new version), so its row count and highest id say whether anything was written.
 */
export async function observationsFingerprint(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('observations')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}:${Number(row?.last ?? 0)}`;
}
