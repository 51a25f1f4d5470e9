export type SortDirection = 'asc' | 'desc';
export type CellValue = string | number | null | undefined;

/**
 * Compares two cells: numbers as numbers, text in Vietnamese order; empty cells always last,
 * whichever the direction, so missing data never hides the top of a sorted table.
 *
 * @example
 * ['b', null, 'a'].sort((x, y) => compareCells(x, y, 'asc')) // → ['a', 'b', null]
 */
export function compareCells(a: CellValue, b: CellValue, direction: SortDirection): number {
  const aEmpty = a === null || a === undefined || a === '';
  const bEmpty = b === null || b === undefined || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  const sign = direction === 'asc' ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  return sign * String(a).localeCompare(String(b), 'vi', { numeric: true, sensitivity: 'base' });
}

/** A sorted copy (stable: equal rows keep their order). */
export function sortRows<Row>(rows: readonly Row[], value: (row: Row) => CellValue, direction: SortDirection): Row[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => compareCells(value(x.row), value(y.row), direction) || x.index - y.index)
    .map((x) => x.row);
}
