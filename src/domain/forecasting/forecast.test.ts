import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../simulator/random.ts';
import { detectSeasonality, forecastSeries, monthCode, monthNumber, monthTime, probabilityBelow } from './forecast.ts';
import { studentTCdf, studentTQuantile } from './statistics.ts';

function monthly(from: string, values: number[]) {
  return values.map((value, i) => ({ period: monthCode(monthNumber(from) + i), value }));
}

describe('statistics', () => {
  it('Student t matches known quantiles', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 2);
    expect(studentTQuantile(0.9, 5)).toBeCloseTo(1.476, 2);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 6);
    expect(studentTCdf(1.96, 1e6)).toBeCloseTo(0.975, 3);
  });
});

describe('forecastSeries', () => {
  it('needs three values', () => {
    expect(forecastSeries(monthly('2026-01', [1, 2]), '2026-12-31')).toBeNull();
    expect(forecastSeries(monthly('2026-01', [1, 2, 3]), '2026-12-31')).not.toBeNull();
  });

  it('aligns dates with monthly values: 31 December is the time of the December value', () => {
    expect(monthTime('2026-12-31')).toBeCloseTo(monthNumber('2026-12'), 6);
    expect(monthTime('2026-06-30')).toBeCloseTo(monthNumber('2026-06'), 6);
  });

  it('extrapolates a straight line and brackets it; a damped trend goes less far', () => {
    const f = forecastSeries(monthly('2025-01', Array.from({ length: 18 }, (_, i) => 10 + 2 * i)), '2026-12-31', { damping: 1 })!;
    expect(f.mean).toBeCloseTo(10 + 2 * 23, 1);
    expect(f.slopePerMonth).toBeCloseTo(2, 3);
    const damped = forecastSeries(monthly('2025-01', Array.from({ length: 18 }, (_, i) => 10 + 2 * i)), '2026-12-31', { damping: 0.97 })!;
    expect(damped.mean).toBeLessThan(f.mean);
    expect(damped.mean).toBeGreaterThan(44);
  });

  it('keeps the pace of a climb that does not slow, and damps one that slows, as its own history shows', () => {
    // Two points a month for 18 months, with a little noise: projected straight, 56 in December 2026.
    const rng = createRandom(3);
    const straight = forecastSeries(monthly('2025-01', Array.from({ length: 18 }, (_, i) => 10 + 2 * i + rng.normal(0, 0.3))), '2026-12-31')!;
    expect(straight.damping).toBe(1);
    expect(straight.mean).toBeGreaterThan(54);
    // An adoption rate slowing as it nears 80: the pace fades in the projection.
    const slowing = forecastSeries(monthly('2025-01', Array.from({ length: 18 }, (_, i) => 80 - 70 * Math.exp(-i / 12))), '2026-12-31')!;
    expect(slowing.damping).toBeLessThan(1);
    // Too short to judge: the damped trend, the cautious default.
    expect(forecastSeries(monthly('2026-01', [10, 12, 14, 16, 18]), '2026-12-31')!.damping).toBeLessThan(1);
  });

  it('reads a fall two months ago as a step in level, not as a slide that goes on', () => {
    // A point a month for 30 months, then 16 points lower for the last two (a system replaced).
    const rng = createRandom(5);
    const values = Array.from({ length: 32 }, (_, i) => 50 + i + (i >= 30 ? -16 : 0) + rng.normal(0, 0.4));
    const f = forecastSeries(monthly('2024-01', values), '2026-12-31', { bounds: { min: 0, max: 100 } })!;
    expect(f.breakKind).toBe('level');
    expect(f.levelShiftFrom).toBe('2026-07');
    expect(f.breakStep).toBeLessThan(-12);
    // The climb goes on from the new level: about 65 in August, 68–69 by December.
    expect(f.slopePerMonth).toBeGreaterThan(0.5);
    expect(f.mean).toBeGreaterThan(66);
    // Searched as the reference searched, the last months are no break of their own: a change of
    // pace bends down through them and the forecast falls.
    const asBefore = forecastSeries(monthly('2024-01', values), '2026-12-31', { bounds: { min: 0, max: 100 }, recentSteps: false })!;
    expect(asBefore.mean).toBeLessThan(f.mean - 5);
  });

  it('clips to bounds but keeps the probability from the whole distribution', () => {
    const f = forecastSeries(monthly('2025-01', Array.from({ length: 18 }, (_, i) => 60 + 3 * i)), '2026-12-31', { bounds: { min: 0, max: 100 } })!;
    expect(f.mean).toBe(100);
    expect(f.center).toBeGreaterThan(100);
    expect(probabilityBelow(f, 95)).toBeLessThan(0.05);
  });

  it('prediction intervals cover about their nominal share on linear series with noise (seeded, property-style)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const rng = createRandom(seed);
        let inside = 0;
        const trials = 150;
        for (let k = 0; k < trials; k++) {
          const slope = rng.uniform(-2, 2);
          const sd = rng.uniform(0.5, 3);
          const n = rng.int(12, 30);
          const h = rng.int(1, 12);
          const values = Array.from({ length: n + h }, (_, i) => 50 + slope * i + rng.normal(0, sd));
          const f = forecastSeries(monthly('2024-01', values.slice(0, n)), `${monthCode(monthNumber('2024-01') + n - 1 + h)}-28`, { damping: 1 })!;
          const actual = values[n + h - 1]!;
          if (actual >= f.low && actual <= f.high) inside++;
        }
        const share = inside / trials;
        return share > 0.68 && share < 0.93;
      }),
      { numRuns: 6, seed: 42 },
    );
  });

  it('finds a level shift and forecasts from the new level', () => {
    const values = Array.from({ length: 24 }, (_, i) => 40 + 0.5 * i + (i >= 14 ? 15 : 0) + (i % 2 ? 0.3 : -0.3));
    const f = forecastSeries(monthly('2024-01', values), '2026-06-30', { damping: 1 })!;
    expect(f.levelShiftFrom).toBe('2025-03');
    expect(f.mean).toBeCloseTo(40 + 0.5 * 29 + 15, 0);
  });

  it('finds a stall (a change of pace) instead of extrapolating the old pace', () => {
    const values = Array.from({ length: 24 }, (_, i) => (i < 16 ? 30 + 3 * i : 75 + 0.1 * (i - 15)) + (i % 2 ? 0.4 : -0.4));
    const f = forecastSeries(monthly('2024-01', values), '2026-12-31')!;
    expect(f.breakKind === 'slope' || f.breakKind === 'both').toBe(true);
    expect(f.mean).toBeLessThan(80);
  });
});

describe('detectSeasonality', () => {
  const seasonal = (seed: number, months: number) => {
    const rng = createRandom(seed);
    return monthly('2023-01', Array.from({ length: months }, (_, i) => 40 + 0.8 * i + (i % 12 === 1 ? -8 : i % 12 === 2 ? -3 : 1) + rng.normal(0, 1)));
  };
  it('detects a yearly dip with 24 months or more', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(detectSeasonality(seasonal(seed, 30)).seasonal).toBe(true);
    const effects = detectSeasonality(seasonal(1, 36)).effects!;
    expect(effects[1]).toBeLessThan(-5);
  });
  it('does not claim seasonality with fewer than 24 months, nor on plain noise', () => {
    expect(detectSeasonality(seasonal(1, 20)).seasonal).toBe(false);
    let false_ = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRandom(seed);
      if (detectSeasonality(monthly('2023-01', Array.from({ length: 36 }, (_, i) => 40 + 0.5 * i + rng.normal(0, 2)))).seasonal) false_++;
    }
    expect(false_).toBeLessThanOrEqual(2);
  });
  it('uses the seasonal effect of the due month in the forecast', () => {
    const s = seasonal(3, 36);
    const feb = forecastSeries(s, '2026-02-28')!;
    const mar = forecastSeries(s, '2026-04-30')!;
    expect(feb.seasonal).toBe(true);
    expect(mar.mean - feb.mean).toBeGreaterThan(5);
  });
});
