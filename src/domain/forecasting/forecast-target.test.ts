import { describe, expect, it } from 'vitest';
import { createRandom } from '../../simulator/random.ts';
import { evaluateTarget } from '../evaluation/evaluate-target.ts';
import { forecastSeries, monthCode, monthNumber } from './forecast.ts';
import { forecastTarget } from './forecast-target.ts';
import { saturationForecast } from './saturation.ts';

/** Monthly values f(i) from `from`, with seeded normal noise. */
function monthly(from: string, months: number, f: (i: number) => number, noise = 0, seed = 3) {
  const rng = createRandom(seed);
  return Array.from({ length: months }, (_, i) => ({ period: monthCode(monthNumber(from) + i), value: f(i) + rng.normal(0, noise) }));
}

/** An adoption curve levelling off under 86 %: the upper half of a logistic, halfway months before the data ends. */
const flattening = (i: number) => 86 - 70 / (1 + Math.exp(0.3 * (i - 6)));

describe('saturating curve', () => {
  it('finds the ceiling of an adoption rate that is levelling off, where the straight trend overshoots it', () => {
    const series = monthly('2025-01', 20, flattening, 0.4);
    const f = forecastTarget(series, '2026-12-31', { bounds: { min: 0, max: 100 } })!;
    expect(f.model).toBe('saturating');
    expect(f.ceiling!).toBeGreaterThan(83);
    expect(f.ceiling!).toBeLessThan(89);
    // The value in December 2026 is about 86; the damped straight line promises far more.
    expect(Math.abs(f.mean - 86)).toBeLessThan(3);
    expect(forecastSeries(series, '2026-12-31', { bounds: { min: 0, max: 100 } })!.mean).toBeGreaterThan(f.high);
  });

  it('leaves a straight series to the straight trend', () => {
    const series = monthly('2025-01', 20, (i) => 30 + 1.5 * i, 0.8);
    expect(forecastTarget(series, '2026-12-31', { bounds: { min: 0, max: 100 } })!.model).toBe('trend');
  });

  it('needs eight values in the window', () => {
    const t = [1, 2, 3, 4, 5, 6, 7];
    expect(saturationForecast(t, t.map((x) => 80 - 60 * Math.exp(-0.4 * x)), 6)).toBeNull();
  });

  it('names the model and its ceiling in the reason, and a goal above the ceiling is at risk', () => {
    const target = { code: 'DVC', op: '>=' as const, value: 95, due: '2026-12-31', start: '2026-01-01', measure: '%' };
    const ev = evaluateTarget(target, monthly('2025-01', 20, flattening, 0.4), '2026-09-10');
    expect(ev.model).toBe('saturating');
    expect(ev.reason).toMatch(/đang chậm lại, tiệm cận khoảng 8\d ?%/);
    expect(ev.reasonEn).toContain('levelling off');
    expect(ev.status).toBe('at_risk');
    expect(ev.pMiss).toBeGreaterThan(0.8);
  });

  it('after a fall, follows the months since it: a series climbing back is forecast to climb on', () => {
    // A demo-city adoption rate: two years of growth to 68 %, a fall of twelve points in February
    // 2026 (a reclassification, a system replaced), then nine months climbing back by about half a
    // point a month. The last twelve months straddle the fall: a curve fitted across it read the two
    // high months before it as a ceiling the series had come down from, and forecast a decline.
    const values = [52.1, 53, 53.5, 54, 54.8, 55.7, 55.9, 56.1, 56.9, 57.2, 58.3, 58.4, 59.4, 59, 61.5, null, 61.8, 62.3, 62, 64.7, 64.2, 65.5, null, 66.1, 67.9,
      56.1, 56, 56.9, 58.2, 57.5, 57.8, 59.2, 58.6, 60.3];
    const series = values.flatMap((value, i) => (value === null ? [] : [{ period: monthCode(monthNumber('2024-01') + i), value }]));
    const f = forecastTarget(series, '2027-06-30', { bounds: { min: 0, max: 100 } })!;
    expect(f.levelShiftFrom).toBe('2026-02');
    expect(f.slopePerMonth).toBeGreaterThan(0.2);
    // Eight months on from 60.3 %, still climbing: above where the series now is, not below it.
    expect(f.mean).toBeGreaterThan(60.3);
  });

  it('is deterministic to the bit', () => {
    const series = monthly('2025-01', 20, flattening, 0.4);
    const a = forecastTarget(series, '2026-12-31', { bounds: { min: 0, max: 100 } })!;
    const b = forecastTarget(structuredClone(series), '2026-12-31', { bounds: { min: 0, max: 100 } })!;
    for (const key of ['mean', 'center', 'low', 'high', 'scale', 'df', 'ceiling'] as const) expect(Object.is(a[key], b[key])).toBe(true);
  });
});
