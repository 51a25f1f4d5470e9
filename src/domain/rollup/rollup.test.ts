import { describe, expect, it } from 'vitest';
import type { CellValue } from './aggregate.ts';
import { rollupAt, unitSeries } from './rollup.ts';
import { UnitTree, type TreeUnit } from './unit-tree.ts';

const unit = (id: number, code: string, parentId: number | null, validFrom: string | null = null, validTo: string | null = null): TreeUnit => ({
  id, code, kind: parentId === null ? 'city' : 'commune', parentId, validFrom, validTo,
});
const cell = (value: number, numerator: number | null = null, denominator: number | null = null): CellValue => ({ value, numerator, denominator });

// City 1 with districts 2 and 3 (as parents); ward 4 under 2 merges into ward 5 under 3 on 2026-07-01.
const tree = new UnitTree(
  [unit(1, 'HN', null), unit(2, 'D_A', 1), unit(3, 'D_B', 1), unit(4, 'P_OLD', 2, null, '2026-06-30'), unit(5, 'P_NEW', 3), unit(6, 'P_OTHER', 2)],
  [{ predecessorId: 4, successorId: 5, effectiveOn: '2026-07-01' }],
);

describe('the tree as it stood on a date', () => {
  it('drops a merged ward from its old parent on the effective date and counts it toward its successor', () => {
    expect(tree.activeChildren(2, '2026-06-30').map((u) => u.code)).toEqual(['P_OLD', 'P_OTHER']);
    expect(tree.activeChildren(2, '2026-07-31').map((u) => u.code)).toEqual(['P_OTHER']);
    expect(tree.absorbedBy(5, '2026-06-30')).toEqual([]);
    expect(tree.absorbedBy(5, '2026-07-31').map((u) => u.code)).toEqual(['P_OLD']);
    expect(tree.representative(4, '2026-06-30')).toBe(4);
    expect(tree.representative(4, '2026-07-31')).toBe(5);
  });

  it('names the ancestors a change touches, through the successor after a merger', () => {
    expect(tree.affectedUnits(4, '2026-05-31')).toEqual([4, 2, 1]);
    expect(tree.affectedUnits(4, '2026-08-31')).toEqual([4, 5, 3, 1]);
  });

  it('treats a succession as effective even when the predecessor has no end of validity', () => {
    const t = new UnitTree([unit(1, 'R', null), unit(2, 'A', 1), unit(3, 'B', 1)], [{ predecessorId: 2, successorId: 3, effectiveOn: '2026-03-15' }]);
    expect(t.isActive(2, '2026-03-14')).toBe(true);
    expect(t.isActive(2, '2026-03-15')).toBe(false);
  });
});

describe('roll-ups', () => {
  it('prefers a unit’s own observation over its children’s roll-up', () => {
    const cells = new Map([[2, cell(100)], [4, cell(1)], [6, cell(2)]]);
    expect(rollupAt(tree, '2026-05-31', cells, 'sum')(2)).toMatchObject({ value: 100, source: 'own' });
    expect(rollupAt(tree, '2026-05-31', new Map([[4, cell(1)], [6, cell(2)]]), 'sum')(2)).toMatchObject({ value: 3, source: 'rollup', count: 2 });
  });

  it('counts a ward merged mid-year toward its old parent before and its successor after', () => {
    const months = [
      { code: '2026-06', end: '2026-06-30' },
      { code: '2026-07', end: '2026-07-31' },
    ];
    // The old ward keeps reporting under its old code after the merger (source systems lag).
    const byPeriod = new Map([
      ['2026-06', new Map([[4, cell(10)], [5, cell(20)], [6, cell(1)]])],
      ['2026-07', new Map([[4, cell(11)], [6, cell(1)]])],
    ]);
    expect(unitSeries(tree, 2, months, byPeriod, 'sum').map((p) => p.value)).toEqual([11, 1]);
    expect(unitSeries(tree, 3, months, byPeriod, 'sum').map((p) => p.value)).toEqual([20, 11]);
    expect(unitSeries(tree, 1, months, byPeriod, 'sum').map((p) => p.value)).toEqual([31, 12]);
    // The successor's own series continues with the predecessor's figure from the effective month.
    expect(unitSeries(tree, 5, months, byPeriod, 'sum').map((p) => p.value)).toEqual([20, 11]);
  });

  it('starts a newly created unit’s series with those of the units that formed it', () => {
    const t = new UnitTree(
      [unit(1, 'R', null), unit(2, 'A', 1, null, '2026-06-30'), unit(3, 'B', 1, null, '2026-06-30'), unit(4, 'AB', 1, '2026-07-01')],
      [
        { predecessorId: 2, successorId: 4, effectiveOn: '2026-07-01' },
        { predecessorId: 3, successorId: 4, effectiveOn: '2026-07-01' },
      ],
    );
    const byPeriod = new Map([
      ['2026-06', new Map([[2, cell(50, 5, 10)], [3, cell(100, 30, 30)]])],
      ['2026-07', new Map([[4, cell(90, 36, 40)]])],
    ]);
    const months = [{ code: '2026-06', end: '2026-06-30' }, { code: '2026-07', end: '2026-07-31' }];
    expect(unitSeries(t, 4, months, byPeriod, 'ratio', { ratioScale: 100 }).map((p) => p.value)).toEqual([87.5, 90]);
    // The root counts A and B in June and AB in July, never both.
    expect(unitSeries(t, 1, months, byPeriod, 'ratio', { ratioScale: 100 }).map((p) => p.value)).toEqual([87.5, 90]);
  });

  it('rolls a ratio of sums through two levels', () => {
    const t = new UnitTree([unit(1, 'R', null), unit(2, 'A', 1), unit(3, 'A1', 2), unit(4, 'A2', 2), unit(5, 'B', 1)], []);
    const cells = new Map([[3, cell(10, 1, 10)], [4, cell(100, 10, 10)], [5, cell(50, 50, 100)]]);
    const at = rollupAt(t, '2026-01-31', cells, 'ratio', { ratioScale: 100 });
    expect(at(2).value).toBeCloseTo(55);
    expect(at(1).value).toBeCloseTo(50.833, 2);
    expect(at(1).count).toBe(2);
  });
});
