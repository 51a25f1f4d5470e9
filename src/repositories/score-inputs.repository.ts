import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Over } from '../domain/scoring/framework.ts';
import { currentCellsSql, selectsNothing } from './current-values.repository.ts';

/** One figure a criterion needs: an indicator reduced over a period with `over`. */
export interface ScoreInputRequest {
  indicatorId: number;
  over: Over;
  /** What numerator ÷ denominator is multiplied by when a cell carries only the parts (100 for %). */
  ratioScale: number;
}

/** A unit's own months of one indicator, reduced in the database. */
export interface ReducedOwnInput {
  indicatorId: number;
  over: Over;
  unitId: number;
  value: number;
  /** Months with a value that the reduction read (1 for `last`). */
  months: number;
  /** The last of those months (period code). */
  lastPeriod: string;
}

/**
 * Reduces each unit's OWN current monthly cells (latest version per month) of the requested
 * indicators over `months` in the database, so that one row per unit × indicator × `over` leaves it
 * instead of every monthly cell. Only valid for units whose series is their own cells (no children,
 * no predecessors): the caller rolls up the others itself.
 *
 * The arithmetic matches `reduce` in compute-scores exactly: float8 (the same IEEE doubles as JS),
 * sums added in month order (`sum(… order by period)`), a mean as that sum ÷ count, and a cell with
 * only a numerator and a positive denominator valued as numerator ÷ denominator × scale.
 *
 * @example
 * await reduceOwnMonthlyInputs(db, { inputs: [{ indicatorId: 3, over: 'sum', ratioScale: 1 }], months: ['2026-01', '2026-02'], from: '2026-01-01', to: '2026-02-28' });
 * // → [{ indicatorId: 3, over: 'sum', unitId: 7, value: 41, months: 2, lastPeriod: '2026-02' }, …]
 */
export async function reduceOwnMonthlyInputs(
  db: Kysely<Database>,
  filter: { inputs: readonly ScoreInputRequest[]; months: readonly string[]; from: string; to: string; unitIds?: readonly number[] | null },
): Promise<ReducedOwnInput[]> {
  if (filter.inputs.length === 0) return [];
  // The cells are the ones `readCurrentValues` would return for this filter (one selection, one period rule).
  const current = { indicatorIds: [...new Set(filter.inputs.map((i) => i.indicatorId))], unitIds: filter.unitIds ?? null, periods: { kind: 'month' as const, from: filter.from, to: filter.to, codes: filter.months } };
  if (selectsNothing(current)) return [];
  const wanted = filter.inputs.map((i) => sql`(${i.indicatorId}::int, ${i.over}::text, ${i.ratioScale}::float8)`);
  const { rows } = await sql<{ indicator_id: number; over: Over; unit_id: number; value: number; months: number; last_period: string }>`
    with wanted(indicator_id, over, scale) as (values ${sql.join(wanted)}),
    cells as (${currentCellsSql(current)}),
    valued as (
      select c.indicator_id, c.unit_id, c.period collate "C" as period, w.over,
             coalesce(c.value::float8,
                      case when c.numerator is not null and c.denominator > 0
                           then (c.numerator::float8 / c.denominator::float8) * w.scale end) as v
      from cells c join wanted w on w.indicator_id = c.indicator_id
    )
    select indicator_id, over, unit_id,
           case over
             when 'sum' then sum(v order by period)
             when 'mean' then sum(v order by period) / count(v)::float8
             when 'max' then max(v)
             when 'min' then min(v)
             else (array_agg(v order by period desc))[1]
           end as value,
           case when over = 'last' then 1 else count(v)::int end as months,
           max(period) as last_period
    from valued
    where v is not null
    group by indicator_id, over, unit_id`.execute(db);
  return rows.map((r) => ({ indicatorId: r.indicator_id, over: r.over, unitId: r.unit_id, value: Number(r.value), months: Number(r.months), lastPeriod: r.last_period }));
}
