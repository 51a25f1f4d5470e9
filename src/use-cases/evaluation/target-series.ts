import type { AppContext } from '../../app-context.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import type { SeriesPoint } from '../../domain/forecasting/forecast.ts';
import type { UnitTree } from '../../domain/rollup/unit-tree.ts';
import { readCurrentValues, type CurrentValue } from '../../repositories/current-values.repository.ts';
import { findIndicatorsById, observationsFingerprint } from '../../repositories/rollups.repository.ts';
import type { TargetForEvaluation } from '../../repositories/targets.repository.ts';
import { relatedUnitIds, seriesFromCells } from '../rollups/get-unit-series.ts';

/** The cell a target is measured on: its indicator at its scope unit. */
export function cellKey(t: Pick<TargetForEvaluation, 'indicatorId' | 'scopeUnitId'>): string {
  return `${t.indicatorId}|${t.scopeUnitId}`;
}

const isSet = (t: TargetForEvaluation) => (t.scopeKind ?? '').startsWith('set:');

/**
 * The monthly series, up to the month of `asOf`, of every cell the targets are measured on, keyed by
 * `cellKey`: the cell's own observations when a single-unit target on it has any, else the roll-up of
 * its subtree by the indicator's rule (sets such as "every ward" are evaluated on the roll-up) —
 * the same figures as `getUnitSeries`, which it shares `seriesFromCells` with.
 *
 * Why one pass: evaluating a whole city used to query and roll up each set target on its own. Here
 * the current cells of every indicator involved, for every unit that can count toward the targets'
 * units, are read in one query, grouped once, and each roll-up is computed in memory.
 *
 * @example
 * const series = await loadTargetSeries(ctx, tree, targets, '2026-06-30');
 * series.get(cellKey(targets[0])) // → [{ period: '2026-01', value: 71.2 }, …]
 */
export async function loadTargetSeries(ctx: AppContext, tree: UnitTree, targets: readonly TargetForEvaluation[], asOf: string): Promise<Map<string, SeriesPoint[]>> {
  const out = new Map<string, SeriesPoint[]>();
  if (targets.length === 0) return out;
  const end = parsePeriod(asOf.slice(0, 7))?.end ?? asOf;
  const indicatorIds = [...new Set(targets.map((t) => t.indicatorId))];
  const scopeUnitIds = [...new Set(targets.map((t) => t.scopeUnitId))];
  const [cells, indicators] = await Promise.all([
    currentCellsRemembered(ctx, { indicatorIds, to: end, unitIds: relatedUnitIds(tree, ...scopeUnitIds) }),
    findIndicatorsById(ctx.db, indicatorIds),
  ]);
  const byIndicator = new Map<number, CurrentValue[]>();
  const byCell = new Map<string, CurrentValue[]>();
  for (const c of cells) {
    push(byIndicator, c.indicatorId, c);
    push(byCell, `${c.indicatorId}|${c.unitId}`, c);
  }
  // A cell with its own figures is its series when a single-unit target is measured on it; a set
  // target on the same cell then shares it (as the evaluation always did).
  for (const t of targets) {
    const own = byCell.get(cellKey(t));
    if (own && !isSet(t)) out.set(cellKey(t), own.map((c) => ({ period: c.period, value: c.value })));
  }
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  for (const t of targets) {
    const key = cellKey(t);
    if (out.has(key)) continue;
    const indicator = indicatorById.get(t.indicatorId);
    if (!indicator) {
      out.set(key, []);
      continue;
    }
    const related = new Set(relatedUnitIds(tree, t.scopeUnitId));
    const subtreeCells = (byIndicator.get(t.indicatorId) ?? []).filter((c) => related.has(c.unitId));
    const series = seriesFromCells(tree, t.scopeUnitId, indicator, subtreeCells, { start: null, end });
    out.set(key, series.map((p) => ({ period: p.period, value: p.value })));
  }
  return out;
}

/** How many cell reads are remembered per database (the city, a few units, a few dates). */
const CELL_READS_KEPT = 8;
let cellReads = new WeakMap<object, { fingerprint: string; reads: Map<string, Promise<CurrentValue[]>> }>();

/** Forgets every remembered cell read (benchmarks measure the cold path with it). */
export function forgetCellReads(): void {
  cellReads = new WeakMap();
}

/**
 * The current monthly cells up to `to`, read again only when observations were added since the last read with
 * the same filter. Observations are append-only, so the count and highest id of the table tell
 * whether anything changed; a whole city's history then costs one tiny query instead of tens of
 * thousands of cells on every reload of the overview.
 */
async function currentCellsRemembered(ctx: AppContext, filter: { indicatorIds: number[]; to: string; unitIds: number[] }): Promise<CurrentValue[]> {
  const fingerprint = await observationsFingerprint(ctx.db);
  let entry = cellReads.get(ctx.db);
  if (!entry || entry.fingerprint !== fingerprint) cellReads.set(ctx.db, (entry = { fingerprint, reads: new Map() }));
  const key = JSON.stringify([[...filter.indicatorIds].sort((a, b) => a - b), [...filter.unitIds].sort((a, b) => a - b), filter.to]);
  let read = entry.reads.get(key);
  if (!read) {
    read = readCurrentValues(ctx.db, { indicatorIds: filter.indicatorIds, unitIds: filter.unitIds, periods: { kind: 'month', to: filter.to } });
    entry.reads.set(key, read);
    const reads = entry.reads;
    // A failed read is not remembered.
    read.catch(() => reads.delete(key));
    if (reads.size > CELL_READS_KEPT) reads.delete(reads.keys().next().value as string);
  }
  return read;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
