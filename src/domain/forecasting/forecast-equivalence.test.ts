/**
 * The optimised forecaster must give exactly the results of the frozen reference
 * (forecast-reference.ts): every number bit-for-bit equal (Object.is, so even +0/−0 and NaN must
 * agree) — the speed-up only removes repeated work and allocations, never reorders a sum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../simulator/random.ts';
import * as fast from './forecast.ts';
import * as reference from '../../testing/forecast-reference.ts';

/** Deep equality with Object.is on numbers: no tolerance at all. */
function expectIdentical(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    if (!Object.is(actual, expected)) throw new Error(`${path}: ${String(actual)} !== ${String(expected)}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    expect(actual, path).toBe(expected);
    return;
  }
  expect(actual !== null && typeof actual === 'object', `${path} is an object`).toBe(true);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) expectIdentical(a[key], e[key], `${path}.${key}`);
}

function monthly(from: string, values: (number | null)[]) {
  return values.map((value, i) => ({ period: fast.monthCode(fast.monthNumber(from) + i), value }));
}

function expectSameForecast(series: fast.SeriesPoint[], due: string, given: fast.ForecastOptions, goals: number[] = []): void {
  // The reference predates the per-series choice of damping (damping-choice.ts) and the search for a
  // step in the last months: the arithmetic compared is that of one given damping (the reference's
  // default unless the case names one) and of the reference's break search.
  const options = { damping: 0.97, ...given, recentSteps: false };
  const expected = reference.forecastSeries(series, due, options);
  const actual = fast.forecastSeries(series, due, options);
  expect(actual === null).toBe(expected === null);
  if (actual && expected) {
    // Fields the reference does not have: the damping used, and the break's step and change of pace
    // (read from the same coefficients).
    const { damping, breakStep: _step, breakPaceChange: _pace, ...sameFields } = actual;
    expect(damping).toBe(options.damping);
    expectIdentical(sameFields, expected);
    for (const goal of goals) expectIdentical(fast.probabilityBelow(actual, goal), reference.probabilityBelow(expected, goal));
  }
  expectIdentical(fast.detectSeasonality(series), reference.detectSeasonality(series));
}

/** A monthly series built from a trend, an optional level shift and change of pace, a yearly pattern, noise and gaps. */
const seriesArbitrary = fc
  .record({
    length: fc.integer({ min: 0, max: 60 }),
    startYear: fc.integer({ min: 2019, max: 2026 }),
    startMonth: fc.integer({ min: 1, max: 12 }),
    base: fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.integer({ min: -50, max: 100 })),
    slope: fc.oneof(fc.constant(0), fc.double({ min: -5, max: 5, noNaN: true })),
    shiftAt: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    shift: fc.oneof(fc.constant(0), fc.double({ min: -40, max: 40, noNaN: true }), fc.integer({ min: 5, max: 30 }), fc.integer({ min: -30, max: -5 })),
    slopeChange: fc.oneof(fc.constant(0), fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(-2, -1, 1, 2)),
    seasonal: fc.oneof(fc.constant<number[] | null>(null), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 })),
    noise: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    gapShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.4, noNaN: true })),
    dropShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
    rounded: fc.boolean(),
    shuffled: fc.boolean(),
  })
  .map((s) => {
    const rng = createRandom(s.seed);
    const from = `${s.startYear}-${String(s.startMonth).padStart(2, '0')}`;
    const points: fast.SeriesPoint[] = [];
    const shiftAt = Math.floor(s.shiftAt * s.length);
    for (let i = 0; i < s.length; i++) {
      let v = s.base + s.slope * i + (i >= shiftAt ? s.shift + s.slopeChange * (i - shiftAt) : 0) + (s.seasonal ? s.seasonal[i % 12]! : 0) + rng.normal(0, s.noise || 1) * (s.noise ? 1 : 0);
      if (s.rounded) v = Math.round(v * 10) / 10;
      const period = fast.monthCode(fast.monthNumber(from) + i);
      if (rng.uniform(0, 1) < s.dropShare) continue; // a month never reported
      points.push({ period, value: rng.uniform(0, 1) < s.gapShare ? null : v });
    }
    if (s.shuffled) points.sort(() => (rng.uniform(0, 1) < 0.5 ? -1 : 1));
    return points;
  });

const dueArbitrary = fc
  .record({ year: fc.integer({ min: 2018, max: 2031 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
  });

const optionsArbitrary: fc.Arbitrary<fast.ForecastOptions> = fc.record(
  {
    level: fc.constantFrom(0.5, 0.8, 0.9, 0.95),
    window: fc.integer({ min: 3, max: 48 }),
    damping: fc.constantFrom(0.9, 0.97, 1),
    bounds: fc.constantFrom({ min: 0, max: 100 }, { min: 0 }, { max: 50 }),
  },
  { requiredKeys: [] },
);

describe('forecaster equivalence with the frozen reference', () => {
  it('returns identical forecasts, seasonality tests and miss probabilities on random series', () => {
    fc.assert(
      fc.property(seriesArbitrary, dueArbitrary, optionsArbitrary, fc.array(fc.double({ min: -2000, max: 2000, noNaN: true }), { maxLength: 3 }), (series, due, options, goals) => {
        expectSameForecast(series, due, options, goals);
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it('agrees on constant, tiny and degenerate series', () => {
    const cases: (number | null)[][] = [
      [], [5], [5, 5], [5, 5, 5], Array.from({ length: 60 }, () => 7), Array.from({ length: 30 }, () => -3.5),
      Array.from({ length: 40 }, () => 0), Array.from({ length: 36 }, (_, i) => (i % 2 ? null : i)),
      Array.from({ length: 48 }, (_, i) => (i < 24 ? 10 : 30)), Array.from({ length: 26 }, (_, i) => (i % 12 === 1 ? -8 : 0)),
      [1e12, 1e12 + 1, 1e12 + 3, 1e12 + 2, 1e12 + 5, 1e12 + 4, 1e12 + 8, 1e12 + 7, 1e12 + 9, 1e12 + 10],
    ];
    // Repeated months (two reports of one period) and malformed periods, which the forecaster drops.
    const repeated = [...monthly('2023-01', Array.from({ length: 30 }, (_, i) => 20 + i)), ...monthly('2024-03', [50, 51, 52, 90]), { period: '2024-13x', value: 5 }, { period: '2025-07', value: Number.NaN }];
    for (const due of ['2026-12-31', '2025-01-31']) expectSameForecast(repeated, due, {}, [60]);
    expectSameForecast(monthly('2020-01', Array.from({ length: 14 }, () => 1)).flatMap((p) => [p, p, p]), '2026-12-31', {});
    for (const values of cases) {
      for (const due of ['2026-12-31', '2024-06-15', '2030-02-28']) {
        expectSameForecast(monthly('2023-01', values), due, {}, [0, 50, 100]);
        expectSameForecast(monthly('2023-01', values), due, { window: 12, damping: 1, bounds: { min: 0, max: 100 } }, [95]);
      }
    }
  });

  it('agrees on the cases of the forecasting tests (linear, shift, stall, seasonal, noise)', () => {
    const linear = monthly('2025-01', Array.from({ length: 18 }, (_, i) => 10 + 2 * i));
    expectSameForecast(linear, '2026-12-31', { damping: 1 });
    expectSameForecast(linear, '2026-12-31', {});
    expectSameForecast(monthly('2025-01', Array.from({ length: 18 }, (_, i) => 60 + 3 * i)), '2026-12-31', { bounds: { min: 0, max: 100 } }, [95]);
    expectSameForecast(monthly('2024-01', Array.from({ length: 24 }, (_, i) => 40 + 0.5 * i + (i >= 14 ? 15 : 0) + (i % 2 ? 0.3 : -0.3))), '2026-06-30', { damping: 1 });
    expectSameForecast(monthly('2024-01', Array.from({ length: 24 }, (_, i) => (i < 16 ? 30 + 3 * i : 75 + 0.1 * (i - 15)) + (i % 2 ? 0.4 : -0.4))), '2026-12-31', {}, [80]);
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const months of [20, 30, 36, 48, 60]) {
        const rng = createRandom(seed);
        const s = monthly('2023-01', Array.from({ length: months }, (_, i) => 40 + 0.8 * i + (i % 12 === 1 ? -8 : i % 12 === 2 ? -3 : 1) + rng.normal(0, 1)));
        for (const due of ['2026-02-28', '2026-04-30', '2026-12-31']) expectSameForecast(s, due, { bounds: { min: 0, max: 100 } }, [60, 90]);
      }
    }
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRandom(seed);
      expectSameForecast(monthly('2023-01', Array.from({ length: 36 }, (_, i) => 40 + 0.5 * i + rng.normal(0, 2))), '2026-12-31', {}, [70]);
    }
    const rng = createRandom(7);
    for (let k = 0; k < 60; k++) {
      const slope = rng.uniform(-2, 2);
      const n = rng.int(12, 30);
      const h = rng.int(1, 12);
      const values = Array.from({ length: n }, (_, i) => 50 + slope * i + rng.normal(0, rng.uniform(0.5, 3)));
      expectSameForecast(monthly('2024-01', values), `${fast.monthCode(fast.monthNumber('2024-01') + n - 1 + h)}-28`, { damping: 1 });
    }
  });
});
