import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.ts';

/*
 * The one way to read current values: the latest version of each observation cell (indicator ×
 * unit × period). Corrections are new versions and the table is append-only, so "current" is the
 * highest version per cell. Before this file there were separate queries, each with its own period
 * filter (issue #13); what each one was and what it became:
 *
 *   rollups.currentMonthlyCells          months only; period_start >= from, period_end <= to, optional
 *                                        period codes           → readCurrentValues (month, from/to/codes)
 *   rollups.currentMonthlyCellsPacked    months only; period_end <= to; packed as JSON per cell
 *                                        (the evaluation of every target)  → readCurrentValues (month, to)
 *   evaluation.ownMonthlySeries(Bulk)    months only; period_START <= asOf → readCurrentValues (month,
 *                                        to = end of asOf's month: the same months, as a month starts on
 *                                        or before asOf exactly when it ends by the end of asOf's month)
 *   reporting.monthlySeries              months only; period_end <= until, with id, source, origin,
 *                                        recorded_at           → readCurrentValues (month, to, provenance)
 *   observations.currentVersions         exact cells, any period kind, with version (ingest, under the
 *                                        cell locks)           → readCurrentValues (cells, any)
 *   observations.countCurrentByOrigin    any period kind, units' cells, by origin → readCurrentValues
 *                                        (any, provenance), counted by origin in get-data-share
 *   score-inputs.reduceOwnMonthlyInputs  months in a list AND period_start >= from AND period_end <= to,
 *                                        reduced in SQL → reduces `currentCellsSql` (the same selection
 *                                        and period rule) so a full recompute still returns one row per
 *                                        unit × input rather than every cell
 *
 * Not moved here: observations.listObservations, the observation list/export, which pages through
 * versions by id and can show every version (history); it marks the current one with a window.
 *
 * THE PERIOD RULE. A cell counts when its period lies wholly inside [from, to]: period_start >= from
 * and period_end <= to, each bound optional (ISO dates). `kind: 'month'` keeps only month codes
 * ('YYYY-MM'): every series, roll-up and score is monthly, and quarters or years reported as such are
 * not months of it; `kind: 'any'` keeps every period kind (quarters, halves, years). `codes`, when
 * given, keeps only those period codes as well.
 */

/** Which current cells to read. Empty id or cell lists select nothing (never "everything"). */
export interface CurrentValuesFilter {
  indicatorIds?: readonly number[] | null;
  unitIds?: readonly number[] | null;
  /** Exactly these cells (ingest checks the cells of a batch). */
  cells?: readonly { indicatorId: number; unitId: number; period: string }[] | null;
  periods: { kind: 'month' | 'any'; from?: string | null; to?: string | null; codes?: readonly string[] | null };
  /** Also return each cell's observation id, source and origin (reports quote them). */
  provenance?: boolean;
}

/** A current cell: the latest version of an indicator's value for a unit and period. */
export interface CurrentValue {
  indicatorId: number;
  unitId: number;
  period: string;
  version: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Epoch milliseconds (fractional): parsed faster than timestamps, and `last` only compares them. */
  recordedAt: number;
}

export interface CurrentValueWithProvenance extends CurrentValue {
  observationId: number;
  source: string;
  origin: string;
}

const MONTH_CODE = '^[0-9]{4}-[0-9]{2}$';

/** True when the filter can select nothing, so no query is needed. */
export function selectsNothing(filter: CurrentValuesFilter): boolean {
  return filter.indicatorIds?.length === 0 || filter.unitIds?.length === 0 || filter.cells?.length === 0 || filter.periods.codes?.length === 0;
}

/**
 * The current cells as a subquery (`distinct on` the cell, highest version first), with columns
 * indicator_id, unit_id, period, version, value, numerator, denominator, recorded_ms, id, source,
 * origin. Exported only so that `reduceOwnMonthlyInputs` reduces the very same selection in the
 * database; everything else reads through `readCurrentValues`. Callers check `selectsNothing` first
 * (an empty `in ()` is not valid SQL).
 */
export function currentCellsSql(filter: CurrentValuesFilter): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (filter.indicatorIds) where.push(sql`o.indicator_id in (${sql.join([...filter.indicatorIds])})`);
  if (filter.unitIds) where.push(sql`o.unit_id in (${sql.join([...filter.unitIds])})`);
  const p = filter.periods;
  if (p.kind === 'month') where.push(sql`o.period ~ ${MONTH_CODE}`);
  if (p.from) where.push(sql`o.period_start >= ${p.from}`);
  if (p.to) where.push(sql`o.period_end <= ${p.to}`);
  if (p.codes) where.push(sql`o.period in (${sql.join([...p.codes])})`);
  const cells = filter.cells
    ? sql`join unnest(${filter.cells.map((c) => c.indicatorId)}::int[], ${filter.cells.map((c) => c.unitId)}::int[], ${filter.cells.map((c) => c.period)}::text[])
            as k(indicator_id, unit_id, period)
            on o.indicator_id = k.indicator_id and o.unit_id = k.unit_id and o.period = k.period`
    : sql``;
  // Byte order ("C") sorts period codes the same and far faster than the database's collation.
  return sql`
    select distinct on (o.indicator_id, o.unit_id, o.period collate "C")
           o.indicator_id, o.unit_id, o.period, o.version, o.value, o.numerator, o.denominator,
           (extract(epoch from o.recorded_at) * 1000)::float8 as recorded_ms, o.id, o.source, o.origin
    from observations o ${cells}
    where ${sql.join(where, sql` and `)}
    order by o.indicator_id, o.unit_id, o.period collate "C", o.version desc`;
}

/**
 * The current cells matching the filter (see THE PERIOD RULE above), ordered by indicator, unit and
 * period. They are fetched as one row per indicator × unit with its periods packed in a JSON array:
 * a whole city's history is tens of thousands of cells, and one row each costs far more in the driver
 * (PGlite most of all) than parsing a few hundred JSON arrays.
 *
 * @example
 * await readCurrentValues(db, { indicatorIds: [3], unitIds: [1, 2], periods: { kind: 'month', to: '2026-06-30' } });
 * // → [{ indicatorId: 3, unitId: 1, period: '2026-01', version: 1, value: 71.2, … }, …]
 */
export async function readCurrentValues(db: Kysely<Database>, filter: CurrentValuesFilter & { provenance: true }): Promise<CurrentValueWithProvenance[]>;
export async function readCurrentValues(db: Kysely<Database>, filter: CurrentValuesFilter): Promise<CurrentValue[]>;
export async function readCurrentValues(db: Kysely<Database>, filter: CurrentValuesFilter): Promise<CurrentValue[] | CurrentValueWithProvenance[]> {
  if (selectsNothing(filter)) return [];
  const extra = filter.provenance ? sql`, c.id, c.source, c.origin` : sql``;
  const { rows } = await sql<{ indicator_id: number; unit_id: number; cells: string }>`
    select c.indicator_id, c.unit_id,
           json_agg(json_build_array(c.period, c.version, c.value, c.numerator, c.denominator, c.recorded_ms ${extra}) order by c.period collate "C")::text as cells
    from (${currentCellsSql(filter)}) c
    group by c.indicator_id, c.unit_id
    order by c.indicator_id, c.unit_id`.execute(db);
  type Packed = [string, number, number | string | null, number | string | null, number | string | null, number, number?, string?, string?];
  // numeric comes back as text elsewhere and is turned into a number the same way (Number(text)).
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const out: CurrentValueWithProvenance[] = [];
  for (const r of rows) {
    const indicatorId = Number(r.indicator_id);
    const unitId = Number(r.unit_id);
    for (const [period, version, value, numerator, denominator, recordedMs, id, source, origin] of JSON.parse(r.cells) as Packed[]) {
      const cell: CurrentValue = { indicatorId, unitId, period, version: Number(version), value: num(value), numerator: num(numerator), denominator: num(denominator), recordedAt: recordedMs };
      out.push(filter.provenance ? { ...cell, observationId: Number(id), source: source as string, origin: origin as string } : (cell as CurrentValueWithProvenance));
    }
  }
  return out;
}
