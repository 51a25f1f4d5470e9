import { describe, expect, it } from 'vitest';
import { CalibrationTally, calibrationErrorSpread, cutoffsFor, runBacktest } from './backtest.ts';
import { familyCases, SERIES_FAMILIES } from './series-families.ts';
import { monthNumber } from '../domain/forecasting/forecast.ts';

describe('series families for the early-warning backtest', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    for (const family of SERIES_FAMILIES) {
      expect(JSON.stringify(familyCases(family, 5, 20))).toBe(JSON.stringify(familyCases(family, 5, 20)));
      expect(JSON.stringify(familyCases(family, 5, 20))).not.toBe(JSON.stringify(familyCases(family, 6, 20)));
    }
  });

  it('give every family both outcomes, targets in both directions, and series up to the due month', () => {
    for (const family of SERIES_FAMILIES) {
      const cases = familyCases(family, 1, 120);
      const missed = cases.filter((c) => c.missed).length;
      expect(missed, family).toBeGreaterThan(0.15 * cases.length);
      expect(missed, family).toBeLessThan(0.85 * cases.length);
      expect(cases.some((c) => c.target.op === '<='), family).toBe(true);
      for (const c of cases) expect(c.series.at(-1)!.period, family).toBe(c.target.due.slice(0, 7));
    }
  });

  it('make the shapes they are named for', () => {
    // S-curves flatten: over the last 6 months the series moves far less than over the 6 months a year earlier, for most.
    const flattening = familyCases('s_curve', 2, 100).filter((c) => {
      const up = c.series.map((p) => (c.target.op === '<=' ? 100 - p.value : p.value));
      return up.length > 20 && Math.abs(up.at(-1)! - up.at(-7)!) < Math.abs(up.at(-13)! - up.at(-19)!) + 3;
    });
    expect(flattening.length).toBeGreaterThan(60);
    // Gaps: a sixth or more of the months unreported; short: at most 16 months of history.
    for (const c of familyCases('gaps', 2, 50)) {
      const months = monthNumber(c.target.due.slice(0, 7)) - monthNumber('2024-01') + 1;
      expect(c.series.length / months).toBeLessThan(0.87);
    }
    for (const c of familyCases('short', 2, 50)) expect(c.series.length).toBeLessThanOrEqual(16);
    // Steady: an ordinary climb that ends within 12 points of its goal (noise aside), never falling back.
    for (const c of familyCases('steady', 2, 50)) {
      const up = c.series.map((p) => (c.target.op === '<=' ? 100 - p.value : p.value));
      const goal = c.target.op === '<=' ? 100 - c.target.value : c.target.value;
      expect(Math.abs(up.at(-1)! - goal)).toBeLessThan(15);
      expect(up.at(-1)!).toBeGreaterThan(up[0]! - 3);
    }
    // Under way by the first cut-off, a year before the due date: what is reported by then has risen
    // over its last three months by more than a point. Noise hides three months of a slow climb now
    // and then (about one in seven); a series still flat there would be one in three or more.
    const rises = familyCases('steady', 2, 200).map((c) => {
      const seen = c.series.filter((p) => p.reportedOn <= cutoffsFor(c.target.due, 12)[0]!).map((p) => (c.target.op === '<=' ? 100 - p.value : p.value));
      return seen.at(-1)! - seen.at(-4)!;
    });
    expect(rises.filter((rise) => rise > 1).length).toBeGreaterThan(rises.length * 0.75);
  });

  it('report recall, precision, lead, Brier score and calibration error for each family', () => {
    const results = SERIES_FAMILIES.map((f) => ({ f, r: runBacktest(familyCases(f, 1, 60)) }));
    for (const { f, r } of results) {
      expect(r.targets, f).toBe(60);
      expect(r.recall, f).toBeGreaterThan(0.5);
      expect(r.brier, f).toBeGreaterThan(0);
      expect(r.brier, f).toBeLessThan(0.25);
      expect(r.reliability.reduce((s, b) => s + b.count, 0), f).toBeGreaterThan(60 * 6);
    }
  }, 120_000);
});

describe('calibration tally', () => {
  it('computes the Brier score and the expected calibration error by tenths', () => {
    const tally = new CalibrationTally();
    // Tenth 0.9–1.0: four at 0.9, three missed (share 0.75, gap 0.15). Tenth 0.1–0.2: four at 0.1, none missed (gap 0.1).
    for (const missed of [true, true, true, false]) tally.add(0.9, missed);
    for (let i = 0; i < 4; i++) tally.add(0.1, false);
    const s = tally.summary();
    // Brier: (3·0.01 + 0.81 + 4·0.01) / 8 = 0.11
    expect(s.brier).toBeCloseTo(0.11, 3);
    // ECE: (4·0.15 + 4·0.1) / 8 = 0.125
    expect(s.calibrationError).toBeCloseTo(0.125, 3);
    expect(s.reliability[9]).toMatchObject({ count: 4, meanPMiss: 0.9, missedShare: 0.75 });
    expect(s.reliability[1]).toMatchObject({ count: 4, meanPMiss: 0.1, missedShare: 0 });
  });
});

describe('sampling noise of the calibration error', () => {
  // Targets each evaluated at 12 cut-offs with pMiss 0.2, a fifth of them missed: calibrated exactly.
  const targets = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: 12 }, () => [0.2, i % 5 === 0] as [number, boolean]));

  it('counts targets, not cut-offs: 200 calibrated targets still show an ECE of about 0.02 by chance', () => {
    const { calibrationErrorInterval: [low, high], calibrationErrorFloor: [median, p95] } = calibrationErrorSpread(targets(200));
    // The share missed among 200 targets at 0.2 has a standard deviation of √(0.2·0.8/200) ≈ 0.028.
    expect(median).toBeGreaterThan(0.01);
    expect(median).toBeLessThan(0.03);
    expect(p95).toBeGreaterThan(median);
    expect(p95).toBeLessThan(0.07);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeGreaterThan(0.03);
  });

  it('shrinks with more targets', () => {
    const small = calibrationErrorSpread(targets(200)).calibrationErrorFloor[0];
    const large = calibrationErrorSpread(targets(2000)).calibrationErrorFloor[0];
    expect(large).toBeLessThan(small / 2);
  });
});
