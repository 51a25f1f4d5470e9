import { describe, expect, it } from 'vitest';
import { createRandom } from '../../simulator/random.ts';
import { monthCode, monthNumber } from './forecast.ts';
import { seriesDirection } from './series-direction.ts';

/** A monthly series from 2025-01 with value f(i) plus seeded noise of standard deviation `noise`. */
function series(months: number, f: (i: number) => number, noise: number, seed: number) {
  const rng = createRandom(seed);
  return Array.from({ length: months }, (_, i) => ({ period: monthCode(monthNumber('2025-01') + i), value: f(i) + rng.normal(0, noise) }));
}

describe('seriesDirection', () => {
  it('reads a level series with month-to-month noise as flat, whatever the seed', () => {
    // A level of 60 with noise of 1 point: any slope the line finds is noise. With |t| ≥ 2 as the
    // bar, about 5 % of pure-noise series would be called a trend; across 40 seeds allow a few.
    const calls = Array.from({ length: 40 }, (_, seed) => seriesDirection(series(18, () => 60, 1, seed + 1))!.direction);
    expect(calls.filter((d) => d === 'flat').length).toBeGreaterThanOrEqual(36);
  });

  it('reads an exactly constant series as flat', () => {
    expect(seriesDirection(series(12, () => 42, 0, 1))).toMatchObject({ direction: 'flat', slopePerMonth: 0 });
  });

  it('reads a series gaining 1 point a month over the same noise as rising, and losing 1 as falling', () => {
    for (let seed = 1; seed <= 10; seed++) {
      expect(seriesDirection(series(18, (i) => 40 + i, 1, seed))!.direction).toBe('rising');
      expect(seriesDirection(series(18, (i) => 80 - i, 1, seed))!.direction).toBe('falling');
    }
  });

  it('reads only the last `window` months: a rise that stopped a year ago is flat now', () => {
    const s = series(30, (i) => Math.min(40 + 3 * i, 76), 0.5, 3);
    expect(seriesDirection(s, { window: 12 })!.direction).toBe('flat');
    expect(seriesDirection(s, { window: 30 })!.direction).toBe('rising');
  });

  it('needs three values', () => {
    expect(seriesDirection([{ period: '2026-01', value: 1 }, { period: '2026-02', value: 2 }])).toBeNull();
  });
});
