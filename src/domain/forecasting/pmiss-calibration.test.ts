import { describe, expect, it } from 'vitest';
import { calibratePMiss, calibrationKey, fallbackModel, fitIsotonic, goalGapShare, horizonBucket, missingMonthShare, seriesSituation, type CalibrationTable } from './pmiss-calibration.ts';
import { monthNumber } from './forecast.ts';
import { PMISS_CALIBRATION } from './pmiss-calibration-table.ts';

describe('isotonic fit', () => {
  it('pools neighbours that violate the order and keeps the share missed of each block', () => {
    // Raw 0.2 missed more often than raw 0.4: the two are pooled into one block (2 of 4 missed).
    const pairs: [number, number][] = [[0.1, 0], [0.1, 0], [0.2, 1], [0.2, 1], [0.4, 0], [0.4, 0], [0.9, 1], [0.9, 1]];
    expect(fitIsotonic(pairs, 1)).toEqual([[0.1, 0], [0.3, 0.5], [0.9, 1]]);
  });

  it('keeps targets given the same raw pMiss in one block, rescued and missed alike', () => {
    // At raw 1, four missed and one was rescued: the share there is 0.8, not the 1 of its misses alone.
    const pairs: [number, number][] = [[0.2, 0], [0.2, 0], [0.2, 1], [1, 1], [1, 0], [1, 1], [1, 1], [1, 1]];
    expect(fitIsotonic(pairs, 2)).toEqual([[0.2, 0.3333], [1, 0.8]]);
  });

  it('does not rest a breakpoint on fewer cases than asked', () => {
    const pairs: [number, number][] = Array.from({ length: 100 }, (_, i) => [i / 100, i % 3 === 0 ? 1 : 0]);
    for (const [, share] of fitIsotonic(pairs, 30)) expect(share).toBeGreaterThanOrEqual(0);
    expect(fitIsotonic(pairs, 30).length).toBeLessThanOrEqual(3);
  });
});

describe('calibration map', () => {
  const table: CalibrationTable = { fittedBy: 'test', curves: { 'h3|trend': [[0.1, 0.2], [0.5, 0.5], [0.9, 0.8]] } };

  it('interpolates between breakpoints and is flat beyond them', () => {
    expect(calibratePMiss(0.3, 12, 'trend', table)).toBeCloseTo(0.35, 10);
    expect(calibratePMiss(0, 12, 'trend', table)).toBe(0.2);
    expect(calibratePMiss(1, 12, 'trend', table)).toBe(0.8);
  });

  it('leaves a probability alone where no curve was fitted, and the rule without a forecast too', () => {
    expect(calibratePMiss(0.3, 2, 'trend', table)).toBe(0.3);
    expect(calibratePMiss(0.55, 12, null, table)).toBe(0.55);
  });

  it('maps the rule used without a forecast by its situation: at the goal apart from on the way to it', () => {
    const withFallback: CalibrationTable = { fittedBy: 'test', curves: { 'h3|fallback_on_path': [[0.3, 0.75]], 'h3|fallback_met': [[0.3, 0.1]] } };
    expect(calibratePMiss(0.3, 12, fallbackModel(false, false), withFallback)).toBe(0.75);
    expect(calibratePMiss(0.3, 12, fallbackModel(true, false), withFallback)).toBe(0.1);
    // A situation without a map keeps the rule's stated value, and no model's map is used for it.
    expect(calibratePMiss(0.55, 12, fallbackModel(false, true), withFallback)).toBe(0.55);
    expect(calibratePMiss(0.3, 12, 'trend', withFallback)).toBe(0.3);
    expect(calibrationKey(8, fallbackModel(true, true))).toBe('h2|fallback_met_slipping');
  });

  it('the stored table never gives a target already at its goal the miss rate of one still on its way', () => {
    for (const h of [7, 8, 11, 14]) {
      const met = calibratePMiss(0.3, h, fallbackModel(true, false));
      expect(met).toBeLessThan(0.5);
      expect(met).toBeLessThan(calibratePMiss(0.3, h, fallbackModel(false, false)));
    }
  });

  it('maps a forecast by how far its goal still is, and by the model alone when no such map exists', () => {
    const split: CalibrationTable = { fittedBy: 'test', curves: { 'h3|trend|near': [[1, 0.7]], 'h3|trend|mid': [[1, 0.8]], 'h3|trend|far': [[1, 0.99]], 'h3|break': [[1, 0.9]] } };
    // 5 points short of a percentage goal is near, 15 mid, 35 far.
    expect(calibratePMiss(1, 12, 'trend', split, goalGapShare(90, 85, '%'))).toBe(0.7);
    expect(calibratePMiss(1, 12, 'trend', split, goalGapShare(90, 75, '%'))).toBe(0.8);
    expect(calibratePMiss(1, 12, 'trend', split, goalGapShare(90, 55, '%'))).toBe(0.99);
    expect(calibratePMiss(1, 12, 'break', split, goalGapShare(90, 55, '%'))).toBe(0.9);
    // A count's scale is its own size: 600 of a goal of 1000 is 40 % short.
    expect(goalGapShare(1000, 600, 'hồ sơ')).toBeCloseTo(0.4, 10);
    expect(goalGapShare(5, 9, '%')).toBeCloseTo(0.04, 10);
    // The fallback rule is keyed by its situation only.
    expect(calibrationKey(12, 'fallback_met', 0.5)).toBe('h3|fallback_met');
    expect(calibrationKey(12, 'trend', 0.5)).toBe('h3|trend|far');
  });

  it('maps a forecast by what its series shows when that situation has a map, else by the distance to the goal alone', () => {
    const bySituation: CalibrationTable = { fittedBy: 'test', curves: { 'h3|trend|mid|gappy': [[1, 0.6]], 'h3|trend|mid': [[1, 0.85]], 'h3|trend': [[1, 0.95]] } };
    // Three months missing out of twelve: the trend is read through holes.
    const gappy = seriesSituation(missingMonthShare(9, monthNumber('2025-01'), monthNumber('2025-12')), 1, 15);
    expect(gappy).toBe('gappy');
    expect(calibratePMiss(1, 12, 'trend', bySituation, 0.15, gappy)).toBe(0.6);
    // Reported every month with a narrow interval: no map of its own here, so the distance's map.
    expect(calibratePMiss(1, 12, 'trend', bySituation, 0.15, seriesSituation(0, 1, 15))).toBe(0.85);
    expect(calibratePMiss(1, 12, 'trend', bySituation, 0.3, 'gappy')).toBe(0.95);
    expect(calibrationKey(12, 'trend', 0.15, 'very_wide')).toBe('h3|trend|mid|very_wide');
    expect(calibrationKey(12, 'fallback_on_path', 0.15, 'gappy')).toBe('h3|fallback_on_path');
  });

  it('reads a series as narrow, wide or very wide by half its interval against the way still to go', () => {
    expect(seriesSituation(0, 0.5, 10)).toBe('narrow');
    expect(seriesSituation(0.1, 2, 10)).toBe('wide');
    expect(seriesSituation(0, 4, 10)).toBe('very_wide');
    expect(seriesSituation(0.15, 0.1, 10)).toBe('gappy');
    expect(missingMonthShare(12, monthNumber('2025-01'), monthNumber('2025-12'))).toBe(0);
  });

  it('buckets horizons by quarters of the last year', () => {
    expect([1, 3, 3.5, 6, 9, 9.2, 14].map(horizonBucket)).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(calibrationKey(10, 'saturating')).toBe('h3|saturating');
  });

  it('the stored table is a set of monotone maps into 0–1 for every model and horizon', () => {
    for (const model of ['trend', 'break', 'seasonal', 'saturating'] as const) {
      for (const [h, gap] of [1, 5, 8, 11].flatMap((h) => [[h, 0.05], [h, 0.15], [h, 0.5]] as const)) {
        const curve = PMISS_CALIBRATION.curves[calibrationKey(h, model, gap)] ?? PMISS_CALIBRATION.curves[calibrationKey(h, model)];
        expect(curve, calibrationKey(h, model, gap)).toBeDefined();
        let previous = -Infinity;
        for (let raw = 0; raw <= 1.0001; raw += 0.01) {
          const p = calibratePMiss(raw, h, model, PMISS_CALIBRATION, gap);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(p).toBeGreaterThanOrEqual(previous);
          previous = p;
        }
      }
    }
  });
});
