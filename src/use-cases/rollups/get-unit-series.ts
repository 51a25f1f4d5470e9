import type { AppContext } from '../../app-context.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { monthPeriod, parsePeriod } from '../../domain/periods/period.ts';
import type { AggregateOptions, CellValue, RolledValue } from '../../domain/rollup/aggregate.ts';
import { unitSeries, type SeriesPeriod } from '../../domain/rollup/rollup.ts';
import type { UnitTree } from '../../domain/rollup/unit-tree.ts';
import { readCurrentValues, type CurrentValue } from '../../repositories/current-values.repository.ts';
import { findIndicatorsByCode, type IndicatorForRollup } from '../../repositories/rollups.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { message } from '../../domain/messages/message.ts';

export interface UnitSeriesQuery {
  /** Indicator code. */
  indicator: string;
  /** Unit code. */
  unit: string;
  /** Period codes ("2026-01", "2026-Q1", "2026"); the series covers the months from the start of `from` to the end of `to`. */
  from?: string;
  to?: string;
  /**
   * Whether the caller may see classified items at this unit. A classified indicator is then
   * answered as if it did not exist (the same 422 as an unknown code), so asking does not reveal it.
   * Absent: trusted callers (the evaluation, the CLI) see everything.
   */
  classifiedVisible?: boolean;
}

/** One month of a unit's series; `source` says whether it was observed or rolled up from `count` cells. */
export interface UnitSeriesPoint {
  period: string;
  value: number | null;
  source: RolledValue['source'];
  count: number;
}

/**
 * The unit's monthly series of current values (latest version per cell): its own observations where
 * present, else rolled up from its subtree as the tree stood at the end of each month, by the
 * indicator's aggregation rule (ratio = Σnumerator ÷ Σdenominator). A predecessor merged into the unit
 * counts toward it from the effective date; before that date it counts toward its old parent. Without
 * `from`/`to` the series spans the months that have any observation of the indicator.
 *
 * Pass `reuse.tree` to share one loaded tree across many calls (the evaluation of every target).
 *
 * @example
 * await getUnitSeries(ctx, { indicator: 'DVC_TOAN_TRINH', unit: 'HN', from: '2026-01', to: '2026-06' });
 * // → [{ period: '2026-01', value: 71.2, source: 'rollup', count: 126 }, …]
 */
export async function getUnitSeries(ctx: AppContext, query: UnitSeriesQuery, reuse: { tree?: UnitTree } = {}): Promise<UnitSeriesPoint[]> {
  const problems: Problem[] = [];
  const from = query.from ? parsePeriod(query.from) : null;
  const to = query.to ? parsePeriod(query.to) : null;
  if (query.from && !from) problems.push(problem({ field: 'from' }, message('rollup.invalid_period', { from: query.from })));
  if (query.to && !to) problems.push(problem({ field: 'to' }, message('rollup.invalid_period_again', { to: query.to })));
  const [found] = await findIndicatorsByCode(ctx.db, [query.indicator]);
  const indicator = found && (!found.classified || query.classifiedVisible !== false) ? found : undefined;
  if (!indicator) problems.push(problem({ field: 'indicator' }, message('target.unknown_indicator', { indicator: query.indicator })));
  const tree = reuse.tree ?? (await loadUnitTree(ctx.db));
  const unit = tree.byCode.get(query.unit);
  if (!unit) problems.push(problem({ field: 'unit' }, message('evaluation.unknown_unit_again', { unit: query.unit })));
  if (from && to && from.start > to.end) problems.push(problem({ field: 'from' }, message('rollup.from_after_to')));
  if (problems.length || !indicator || !unit) throw new InputError(message('rollup.invalid_series_query'), problems);

  // Without a range, the series spans the months that have data in the unit's subtree: one query.
  const cells = await readCurrentValues(ctx.db, { indicatorIds: [indicator.id], unitIds: relatedUnitIds(tree, unit.id), periods: { kind: 'month', from: from?.start ?? null, to: to?.end ?? null } });
  return seriesFromCells(tree, unit.id, indicator, cells, { start: from?.start ?? null, end: to?.end ?? null });
}

/**
 * The series `getUnitSeries` returns, from cells already loaded: `cells` must be the indicator's
 * current monthly cells of the unit's related units (`relatedUnitIds`) within the range. Without a
 * start or end, the range is taken from the months present. Shared by the single-cell query and the
 * bulk evaluation of many targets, so both give the same figures.
 *
 * @example
 * seriesFromCells(tree, cityId, indicator, cells, { start: null, end: '2026-06-30' });
 */
export function seriesFromCells(
  tree: UnitTree,
  unitId: number,
  indicator: Pick<IndicatorForRollup, 'aggregation' | 'measure'>,
  cells: readonly CurrentValue[],
  range: { start: string | null; end: string | null },
): UnitSeriesPoint[] {
  let start = range.start;
  let end = range.end;
  if (!start || !end) {
    if (cells.length === 0) return [];
    const months = cells.map((c) => c.period).sort();
    start ??= `${months[0] as string}-01`;
    end ??= parsePeriod(months[months.length - 1] as string)?.end ?? null;
    if (!end || start > end) return [];
  }
  const periods = monthsBetween(start, end);
  const byPeriod = new Map<string, Map<number, CellValue>>();
  for (const c of cells) {
    let m = byPeriod.get(c.period);
    if (!m) byPeriod.set(c.period, (m = new Map<number, CellValue>()));
    m.set(c.unitId, c);
  }
  return unitSeries(tree, unitId, periods, byPeriod, indicator.aggregation, aggregateOptionsFor(indicator)).map((p) => ({
    period: p.period,
    value: p.value,
    source: p.source,
    count: p.count,
  }));
}

/** Percentages roll up as percentages: Σnumerator ÷ Σdenominator × 100. */
export function aggregateOptionsFor(indicator: Pick<IndicatorForRollup, 'measure'>): AggregateOptions {
  return indicator.measure.includes('%') ? { ratioScale: 100 } : {};
}

/** Every month from the one containing `start` to the one containing `end`. */
export function monthsBetween(start: string, end: string): SeriesPeriod[] {
  const out: SeriesPeriod[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  const lastYear = Number(end.slice(0, 4));
  const lastMonth = Number(end.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const p = monthPeriod(year, month);
    out.push({ code: p.code, end: p.end });
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return out;
}

/** Every unit that could ever count toward the given units: their descendants and predecessors, whatever the date. */
export function relatedUnitIds(tree: UnitTree, ...unitIds: number[]): number[] {
  const seen = new Set<number>(unitIds);
  const stack = [...unitIds];
  const childrenOf = new Map<number, number[]>();
  for (const u of tree.units.values()) {
    if (u.parentId === null) continue;
    const list = childrenOf.get(u.parentId) ?? [];
    list.push(u.id);
    childrenOf.set(u.parentId, list);
  }
  while (stack.length) {
    const id = stack.pop() as number;
    for (const next of [...(childrenOf.get(id) ?? []), ...tree.predecessors(id).map((p) => p.id)]) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return [...seen];
}
