import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, inferRatioScale } from './aggregate.ts';
import { meets, shareMeeting } from './share-meeting.ts';

const v = (value: number | null, numerator: number | null = null, denominator: number | null = null, recordedAt?: number) => ({
  value,
  numerator,
  denominator,
  ...(recordedAt === undefined ? {} : { recordedAt }),
});

describe('aggregate', () => {
  it('sums, averages, takes min and max of the values present', () => {
    const parts = [v(10), v(null), v(30), v(20)];
    expect(aggregate('sum', parts).value).toBe(60);
    expect(aggregate('mean', parts).value).toBe(20);
    expect(aggregate('min', parts).value).toBe(10);
    expect(aggregate('max', parts).value).toBe(30);
    expect(aggregate('sum', parts).count).toBe(3);
  });

  it('gives no value, not zero, for an empty set of children', () => {
    for (const rule of ['sum', 'mean', 'ratio', 'min', 'max', 'last'] as const) {
      expect(aggregate(rule, []).value).toBeNull();
      expect(aggregate(rule, [v(null)]).value).toBeNull();
      expect(aggregate(rule, []).source).toBe('none');
    }
  });

  it('rolls a ratio up as a ratio of sums, not a mean of ratios', () => {
    const small = v(50, 1, 2);
    const large = v(100, 8, 8);
    const r = aggregate('ratio', [small, large]);
    expect(r.value).toBeCloseTo(90);
    expect(r.numerator).toBe(9);
    expect(r.denominator).toBe(10);
    expect(aggregate('mean', [small, large]).value).toBe(75);
  });

  it('uses the scale it is given for a ratio, and falls back to the mean when no part has numerator and denominator', () => {
    expect(aggregate('ratio', [v(null, 1, 4), v(null, 1, 4)], { ratioScale: 100 }).value).toBe(25);
    expect(aggregate('ratio', [v(null, 1, 4)]).value).toBe(0.25);
    expect(aggregate('ratio', [v(40), v(60)]).value).toBe(50);
    expect(aggregate('ratio', [v(40, 1, 0), v(60)]).value).toBe(50);
  });

  it('reads a percentage scale off the parts even when values are rounded', () => {
    expect(inferRatioScale([v(33.3, 1, 3)])).toBe(100);
    expect(inferRatioScale([v(0.5, 1, 2)])).toBe(1);
    expect(inferRatioScale([v(null, 1, 2)])).toBeNull();
  });

  it('takes the most recently recorded value for last', () => {
    expect(aggregate('last', [v(1, null, null, 100), v(2, null, null, 50), v(3, null, null, 75)]).value).toBe(1);
    expect(aggregate('last', [v(1), v(2)]).value).toBe(2);
  });

  it('keeps the aggregate between the smallest and largest part for mean, min, max and ratio (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 30 }), (pairs) => {
        const parts = pairs.map(([n, d]) => v((Math.min(n, d) / d) * 100, Math.min(n, d), d));
        const values = parts.map((p) => p.value as number);
        const lo = Math.min(...values) - 1e-9;
        const hi = Math.max(...values) + 1e-9;
        for (const rule of ['mean', 'min', 'max', 'ratio'] as const) {
          const r = aggregate(rule, parts).value as number;
          expect(r).toBeGreaterThanOrEqual(lo);
          expect(r).toBeLessThanOrEqual(hi);
        }
      }),
    );
  });
});

describe('share of units meeting a threshold', () => {
  it('counts units meeting the comparator, a missing value as failing by default', () => {
    const units = [
      { unit: 'P1', value: 96 },
      { unit: 'P2', value: 95 },
      { unit: 'P3', value: 80 },
      { unit: 'P4', value: null },
    ];
    expect(shareMeeting(units, '>=', 95)).toEqual({ share: 50, met: 2, total: 4, missing: 1, failing: ['P3', 'P4'] });
    expect(shareMeeting(units, '>=', 95, { missing: 'exclude' }).share).toBeCloseTo(66.667, 2);
    expect(shareMeeting(units, '<', 90, { missing: 'exclude' })).toMatchObject({ met: 1, total: 3 });
  });

  it('has no share when there is no unit, and 100% when every unit meets it', () => {
    expect(shareMeeting([], '>=', 1).share).toBeNull();
    expect(shareMeeting([{ unit: 'A', value: 1 }, { unit: 'B', value: 2 }], '>', 0).share).toBe(100);
  });

  it('compares with each operator, tolerating float noise', () => {
    expect(meets(94.99999999999, '>=', 95)).toBe(true);
    expect(meets(95, '>', 95)).toBe(false);
    expect(meets(5, '<', 5)).toBe(false);
    expect(meets(5, '<=', 5)).toBe(true);
    expect(meets(0.1 + 0.2, '=', 0.3)).toBe(true);
  });

  it('never exceeds 100% nor counts more units than it was given (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true })), { maxLength: 40 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (values, goal) => {
        const r = shareMeeting(values.map((value, i) => ({ unit: `U${i}`, value })), '>=', goal);
        expect(r.total).toBe(values.length);
        expect(r.met + r.failing.length).toBe(r.total);
        if (r.share !== null) {
          expect(r.share).toBeGreaterThanOrEqual(0);
          expect(r.share).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});
