import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatNumber, formatOp, formatPercent, formatPeriod } from './format.ts';

describe('Vietnamese formats', () => {
  it('writes numbers as 1.234,5 and dates as dd/mm/yyyy', () => {
    expect(formatNumber(1234.5, 'vi')).toBe('1.234,5');
    expect(formatNumber(null)).toBe('—');
    expect(formatDate('2026-03-07')).toBe('07/03/2026');
  });

  it('prints comparisons as plans do', () => {
    expect([formatOp('>='), formatOp('<='), formatOp('<'), formatOp('top')]).toEqual(['≥', '≤', '<', 'top']);
  });

  it('names a month as officials do, and leaves other periods as they are', () => {
    expect(formatMonth('2026-03', 'vi')).toBe('Tháng 3/2026');
    expect(formatMonth('2026-10', 'en')).toBe('10/2026');
    expect(formatMonth('2026-Q2', 'vi')).toBe('2026-Q2');
    expect(formatMonth(null)).toBe('—');
  });

  it('names every kind of period as officials do', () => {
    expect(formatPeriod('2026-10', 'vi')).toBe('tháng 10/2026');
    expect(formatPeriod('2026-03', 'vi', true)).toBe('Tháng 3/2026');
    expect(formatPeriod('2026-Q2', 'vi')).toBe('Quý II/2026');
    expect(formatPeriod('2026-H1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(formatPeriod('2026', 'vi')).toBe('Năm 2026');
    expect(formatPeriod('2026-Q2', 'en')).toBe('Q2 2026');
    expect(formatPeriod('2026-10', 'en')).toBe('10/2026');
  });

  it('writes percentages with the Vietnamese decimal comma and a space before %', () => {
    expect(formatPercent(19.75, 'vi', 2)).toBe('19,75\u00a0%');
    expect(formatPercent(19.75, 'en', 2)).toBe('19.75%');
  });
});
