import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthsOf, parsePeriod, periodLabel } from './period.ts';

describe('periods', () => {
  it.each([
    ['2026-03', 'Tháng 3/2026', '2026-03-01', '2026-03-31'],
    ['2024-02', 'Tháng 2/2024', '2024-02-01', '2024-02-29'],
    ['2026-Q1', 'Quý I/2026', '2026-01-01', '2026-03-31'],
    ['2026-Q4', 'Quý IV/2026', '2026-10-01', '2026-12-31'],
    ['2026-H1', '6 tháng đầu năm 2026', '2026-01-01', '2026-06-30'],
    ['2026-H2', '6 tháng cuối năm 2026', '2026-07-01', '2026-12-31'],
    ['2026', 'Năm 2026', '2026-01-01', '2026-12-31'],
  ])('%s is %s, %s to %s', (code, label, start, end) => {
    const p = parsePeriod(code);
    expect(p).not.toBeNull();
    expect(periodLabel(p!)).toBe(label);
    expect([p!.start, p!.end]).toEqual([start, end]);
    expect(p!.code).toBe(code);
  });

  it.each(['2026-13', '2026-00', '2026-Q5', '2026-H3', '26-03', '2026/03', '', 'abc'])('rejects %j', (code) => {
    expect(parsePeriod(code)).toBeNull();
  });

  it('labels in English on request', () => {
    expect(periodLabel(parsePeriod('2026-Q2')!, 'en')).toBe('Q2 2026');
    expect(periodLabel(parsePeriod('2026-03')!, 'en')).toBe('March 2026');
  });

  it('a quarter covers its three months, a year twelve', () => {
    expect(monthsOf(parsePeriod('2026-Q3')!).map((m) => m.code)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(monthsOf(parsePeriod('2026')!)).toHaveLength(12);
  });

  it('never crashes and round-trips every code it accepts', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = parsePeriod(s);
        if (p) expect(parsePeriod(p.code)).toEqual(p);
      }),
    );
  });
});
