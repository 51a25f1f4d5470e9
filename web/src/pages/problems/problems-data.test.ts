import { describe, expect, it } from 'vitest';
import { countBy, effectInWords, parseDayMonthYear } from './problems-data.ts';

describe('problems screens data', () => {
  it('words an estimate as docs/pilots.md reads it, Vietnamese decimals and the interval', () => {
    expect(effectInWords(4.75, { low: 3.171562, high: 6.328438, level: 0.9 }, '%', 'vi')).toBe('+4,75 điểm %, khoảng tin cậy 90 %: 3,17 đến 6,33');
    expect(effectInWords(-1.5, { low: -2, high: -1, level: 0.9 }, 'ngày', 'en')).toBe('-1.50 ngày, 90% confidence interval: -2.00 to -1.00');
  });
  it('counts by a key in the given order, leaving out zeros', () => {
    expect(countBy([{ f: ['health'] }, { f: ['education', 'health'] }], (x) => x.f, ['education', 'health', 'other'])).toEqual([['education', 1], ['health', 2]]);
  });
  it('reads dd/mm/yyyy dates', () => {
    expect(parseDayMonthYear('31/12/2026')).toBe('2026-12-31');
    expect(parseDayMonthYear('2026-12-31')).toBeNull();
  });
});
