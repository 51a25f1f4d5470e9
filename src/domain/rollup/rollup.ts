import { aggregate, NO_VALUE, type AggregateOptions, type Aggregation, type CellValue, type RolledValue } from './aggregate.ts';
import type { UnitTree } from './unit-tree.ts';

/**
 * Values of every unit for one period, as the tree stood on `date` (the period's last day):
 * a unit's own observation where present, else its rule applied to its children standing that day and
 * to the units merged into it by then. A unit that did not exist yet takes its series from the units
 * that later merged into it, so a new ward's history does not start empty. Memoised per unit.
 *
 * @example
 * const at = rollupAt(tree, '2026-03-31', cells, 'sum');
 * at(cityId).value; // → the sum over the wards standing on 31/03/2026
 */
export function rollupAt(
  tree: UnitTree,
  date: string,
  cells: ReadonlyMap<number, CellValue>,
  rule: Aggregation,
  options: AggregateOptions = {},
): (unitId: number) => RolledValue {
  const memo = new Map<number, RolledValue>();
  const visiting = new Set<number>();
  const valueOf = (unitId: number): RolledValue => {
    const known = memo.get(unitId);
    if (known) return known;
    if (visiting.has(unitId)) return NO_VALUE; // a cycle in bad data must not hang the server
    visiting.add(unitId);
    let result: RolledValue;
    const own = cells.get(unitId);
    if (own && (own.value !== null || (own.numerator !== null && own.denominator !== null))) {
      result = { ...own, value: own.value ?? ratioValue(own, options), source: 'own', count: 1 };
    } else if (tree.notYetStanding(unitId, date) && tree.predecessors(unitId).length > 0) {
      // Not yet standing: the series of a new unit begins with those of the units that formed it.
      result = aggregate(rule, tree.predecessors(unitId).map((p) => valueOf(p.id)), options);
    } else {
      const members = [...tree.activeChildren(unitId, date), ...tree.absorbedBy(unitId, date)];
      result = aggregate(rule, members.map((m) => valueOf(m.id)), options);
    }
    visiting.delete(unitId);
    memo.set(unitId, result);
    return result;
  };
  return valueOf;
}

function ratioValue(cell: CellValue, options: AggregateOptions): number | null {
  if (cell.numerator === null || cell.denominator === null || cell.denominator <= 0) return null;
  return (cell.numerator / cell.denominator) * (options.ratioScale ?? 1);
}

/** A period of a series: its code and last day (the day the tree is read on). */
export interface SeriesPeriod {
  code: string;
  end: string;
}

/**
 * One unit's series over `periods`, each period rolled up as the tree stood at its end.
 *
 * @example
 * unitSeries(tree, wardId, [{ code: '2026-01', end: '2026-01-31' }], cellsByPeriod, 'mean');
 * // → [{ period: '2026-01', value: 87.5, source: 'rollup', count: 4, … }]
 */
export function unitSeries(
  tree: UnitTree,
  unitId: number,
  periods: readonly SeriesPeriod[],
  cellsByPeriod: ReadonlyMap<string, ReadonlyMap<number, CellValue>>,
  rule: Aggregation,
  options: AggregateOptions = {},
): ({ period: string } & RolledValue)[] {
  const empty = new Map<number, CellValue>();
  return periods.map((p) => ({ period: p.code, ...rollupAt(tree, p.end, cellsByPeriod.get(p.code) ?? empty, rule, options)(unitId) }));
}
