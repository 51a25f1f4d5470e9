import { describe, expect, it } from 'vitest';
import { formatDate, formatMeasured, formatMonth, formatNumber, formatOp, formatPercent, formatPeriod, formatShare, formatTypedNumber, parseLocaleNumber } from './format.ts';

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

  it('writes percentages with the language\'s decimal mark and % right after the number, in both languages', () => {
    expect(formatPercent(19.75, 'vi', 2)).toBe('19,75%');
    expect(formatPercent(19.75, 'en', 2)).toBe('19.75%');
    expect(formatPercent(60, 'vi', 0)).toBe('60%');
    expect(formatPercent(1975, 'vi', 0)).toBe('1.975%');
    expect(formatPercent(null, 'vi')).toBe('—');
  });

  it('writes a share (0–1) as a whole percentage, as the server\'s reasons do', () => {
    expect(formatShare(0.05, 'vi')).toBe('5%');
    expect(formatShare(0.6049, 'en')).toBe('60%');
    expect(formatShare(0.1975, 'vi', 2)).toBe('19,75%');
    expect(formatShare(undefined, 'en')).toBe('—');
  });

  it('writes a value in its measure: percent without a space, other units after one, none bare', () => {
    expect(formatMeasured(60.14, '%', 'vi')).toBe('60,1%');
    expect(formatMeasured(1234, 'doanh nghiệp', 'vi')).toBe('1.234 doanh nghiệp');
    expect(formatMeasured(12.5, null, 'en')).toBe('12.5');
    expect(formatMeasured(null, '%', 'vi')).toBe('—');
  });
});

describe('numbers typed in the page language', () => {
  it('reads Vietnamese decimals and thousands as officials type them', () => {
    expect(parseLocaleNumber('50,5', 'vi')).toBe(50.5);
    expect(parseLocaleNumber('1.234,5', 'vi')).toBe(1234.5);
    expect(parseLocaleNumber('1.234', 'vi')).toBe(1234);
    expect(parseLocaleNumber('12.345.678', 'vi')).toBe(12345678);
    expect(parseLocaleNumber(' 97 ', 'vi')).toBe(97);
    expect(parseLocaleNumber('95.5', 'vi')).toBe(95.5);
    expect(parseLocaleNumber('0.125', 'vi')).toBe(0.125);
    expect(parseLocaleNumber('-2,75', 'vi')).toBe(-2.75);
  });
  it('refuses what is not one number', () => {
    for (const bad of ['', 'năm mươi', '1,2,3', '12.34,5', '1.2.3', '50%']) expect(parseLocaleNumber(bad, 'vi')).toBeNaN();
  });
  it('reads English separators in English', () => {
    expect(parseLocaleNumber('1,234.5', 'en')).toBe(1234.5);
    expect(parseLocaleNumber('50.5', 'en')).toBe(50.5);
    expect(parseLocaleNumber('5,5', 'en')).toBeNaN();
  });
  it('gives the figure back as it was typed in the language', () => {
    for (const typed of ['50,5', '1.234,5', '0,125', '12.345.678']) expect(formatTypedNumber(parseLocaleNumber(typed, 'vi'), 'vi')).toBe(typed);
    expect(formatTypedNumber(1234.5, 'en')).toBe('1,234.5');
  });
});
