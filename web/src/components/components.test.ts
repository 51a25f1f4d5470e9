import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeFileName, toSheetRows } from './export-xlsx.ts';
import { buildTargetChartData } from './target-chart-data.ts';
import { compareCells, sortRows } from './table-sort.ts';

describe('table sorting', () => {
  it('sorts numbers as numbers, Vietnamese text in order, empty cells last both ways', () => {
    expect(sortRows([10, null, 9, 100], (x) => x, 'asc')).toEqual([9, 10, 100, null]);
    expect(sortRows([10, null, 9, 100], (x) => x, 'desc')).toEqual([100, 10, 9, null]);
    expect(sortRows(['Đống Đa', 'Ba Đình', 'Cầu Giấy'], (x) => x, 'asc')).toEqual(['Ba Đình', 'Cầu Giấy', 'Đống Đa']);
  });
  it('is a consistent order for any numbers (antisymmetric)', () => {
    fc.assert(fc.property(fc.option(fc.double({ noNaN: true })), fc.option(fc.double({ noNaN: true })), (a, b) => {
      expect(Math.sign(compareCells(a, b, 'asc'))).toBe(-Math.sign(compareCells(b, a, 'asc')) || 0);
    }));
  });
});

describe('XLSX export helpers', () => {
  it('puts the header first and blanks for missing values', () => {
    expect(toSheetRows([{ header: 'Mã', value: (r: { c?: string }) => r.c }], [{ c: 'HN' }, {}])).toEqual([['Mã'], ['HN'], [null]]);
  });
  it('makes safe file names', () => {
    expect(safeFileName('Xếp hạng: xã/phường')).toBe('Xếp hạng- xã-phường.xlsx');
    expect(safeFileName('a.xlsx')).toBe('a.xlsx');
  });
});

describe('target chart data', () => {
  it('draws the expected path from the first value to the goal and opens the band at the last value', () => {
    const d = buildTargetChartData(
      [{ periodEnd: '2026-01-31', value: 40, current: true }, { periodEnd: '2026-01-31', value: 39, current: false }],
      { goal: 60, due: '2026-03-31', current: 40, currentPeriod: '2026-01', forecast: 55, forecastLow: 50, forecastHigh: 58 },
    );
    expect(d.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(d.values).toEqual([40, null, null]);
    expect(d.expected).toEqual([40, 50, 60]);
    expect(d.bandLow).toEqual([40, 45, 50]);
    expect(d.bandWidth).toEqual([0, 4, 8]);
    expect(d.forecast).toEqual([40, 47.5, 55]);
  });
});

describe('sparkline coordinates', () => {
  it('scales values and goal into the box, breaking the line at gaps', async () => {
    const { sparklinePoints } = await import('./sparkline-points.ts');
    expect(sparklinePoints([0, 10], null, 100, 20).points).toEqual([[[1, 19], [99, 1]]]);
    const gap = sparklinePoints([5, null, 5], 10, 100, 20);
    expect(gap.points).toHaveLength(2);
    expect(gap.goalY).toBe(1);
    expect(sparklinePoints([null], null, 100, 20)).toEqual({ points: [], goalY: null });
  });
});

describe('finding a unit by name', () => {
  const units = [
    { code: 'HN_P_NGOC_HA', name: 'Phường Ngọc Hà', kind: 'commune' },
    { code: 'HN_P_HA_DONG', name: 'Phường Hà Đông', kind: 'commune' },
    { code: 'HN_SO_KHCN', name: 'Sở Khoa học và Công nghệ', kind: 'agency' },
  ];
  it('accepts the name as written and without diacritics', async () => {
    const { matchUnits } = await import('./match-units.ts');
    expect(matchUnits(units, 'Phường Ngọc Hà').map((u) => u.code)).toEqual(['HN_P_NGOC_HA']);
    expect(matchUnits(units, 'ngoc ha').map((u) => u.code)).toEqual(['HN_P_NGOC_HA']);
    expect(matchUnits(units, 'so khoa hoc').map((u) => u.code)).toEqual(['HN_SO_KHCN']);
    expect(matchUnits(units, 'ha').map((u) => u.code)).toEqual(['HN_P_HA_DONG', 'HN_P_NGOC_HA']);
    expect(matchUnits(units, '   ')).toEqual([]);
  });
});
