import { describe, expect, it } from 'vitest';
import type { RegistryUnit } from './leader-data.ts';
import { isBelow } from './SubtreeScoreSummary.tsx';

const units = new Map<string, RegistryUnit>(
  [
    { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent: null },
    { code: 'P_VT', name: 'Phường Vĩnh Tuy', kind: 'commune', parent: 'HN' },
    { code: 'VT_VP', name: 'Văn phòng HĐND và UBND', kind: 'office', parent: 'P_VT' },
    { code: 'LOOP_A', name: 'A', kind: 'other', parent: 'LOOP_B' },
    { code: 'LOOP_B', name: 'B', kind: 'other', parent: 'LOOP_A' },
  ].map((u) => [u.code, u]),
);

describe('isBelow', () => {
  it('finds units at any depth below the root, never the root itself or units outside it', () => {
    expect(isBelow(units, 'P_VT', 'HN')).toBe(true);
    expect(isBelow(units, 'VT_VP', 'HN')).toBe(true);
    expect(isBelow(units, 'VT_VP', 'P_VT')).toBe(true);
    expect(isBelow(units, 'HN', 'HN')).toBe(false);
    expect(isBelow(units, 'P_VT', 'VT_VP')).toBe(false);
    expect(isBelow(units, 'UNKNOWN', 'HN')).toBe(false);
  });

  it('ends on a cyclic registry instead of hanging', () => {
    expect(isBelow(units, 'LOOP_A', 'HN')).toBe(false);
  });
});
