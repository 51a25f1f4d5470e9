import { describe, expect, it } from 'vitest';
import { breakDirection, calibratePMiss, calibrationKey, fallbackModel, fitIsotonic, goalGapShare, horizonBucket, missingMonthShare, seriesSituation, supportOf, type CalibrationTable } from './pmiss-calibration.ts';
import { monthNumber } from './forecast.ts';
import { PMISS_CALIBRATION } from './pmiss-calibration-table.ts';

/** A map fitted over every raw value. */
const map = (points: [number, number][]) => ({ support: [0, 1] as const, points });
const SITUATIONS = ['gappy', 'narrow', 'wide', 'very_wide'] as const;

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
  const table: CalibrationTable = { fittedBy: 'test', curves: { 'h3|trend': map([[0.1, 0.2], [0.5, 0.5], [0.9, 0.8]]) } };

  it('interpolates between breakpoints and is flat beyond them', () => {
    expect(calibratePMiss(0.3, { monthsAhead: 12, model: 'trend' }, table)).toBeCloseTo(0.35, 10);
    expect(calibratePMiss(0, { monthsAhead: 12, model: 'trend' }, table)).toBe(0.2);
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'trend' }, table)).toBe(0.8);
  });

  it('reads a raw value outside what a map has seen enough of by the coarser map that has', () => {
    // Far from the goal the model nearly always said "miss": that map saw raw values from 0.99 on.
    const written: CalibrationTable = { fittedBy: 'test', curves: {
      'h3|trend|far|narrow': { support: [0.99, 1], points: [[0.995, 0.91]] },
      'h3|trend|far': { support: [0.5, 1], points: [[0.6, 0.7], [0.99, 0.95]] },
      'h3|trend': { support: [0, 1], points: [[0, 0.05], [1, 0.9]] },
    } };
    expect(calibratePMiss(0.995, { monthsAhead: 12, model: 'trend', gapShare: 0.3, situation: 'narrow' }, written)).toBe(0.91);
    expect(calibratePMiss(0.6, { monthsAhead: 12, model: 'trend', gapShare: 0.3, situation: 'narrow' }, written)).toBe(0.7);
    // A climb the model expects to make it is no target the far maps were fitted on.
    expect(calibratePMiss(0, { monthsAhead: 12, model: 'trend', gapShare: 0.3, situation: 'narrow' }, written)).toBe(0.05);
    // Never above what the specific map read at the lowest raw value it saw, so never decreasing in raw.
    expect(calibratePMiss(0.98, { monthsAhead: 12, model: 'trend', gapShare: 0.3, situation: 'narrow' }, written)).toBe(0.91);
    let previous = 0;
    for (let raw = 0; raw <= 1; raw += 0.005) {
      const p = calibratePMiss(raw, { monthsAhead: 12, model: 'trend', gapShare: 0.3, situation: 'narrow' }, written);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
    // No map has seen it: the model's own probability stands.
    const narrowOnly: CalibrationTable = { fittedBy: 'test', curves: { 'h3|trend': { support: [0.9, 1], points: [[0.95, 0.9]] } } };
    expect(calibratePMiss(0.02, { monthsAhead: 12, model: 'trend' }, narrowOnly)).toBe(0.02);
  });

  it('takes the support of a map where it has seen a hundred evaluations or more beyond each end', () => {
    // 600 evaluations, 40 of them at a raw 0: too few for the map to say anything there.
    const pairs: [number, number][] = Array.from({ length: 600 }, (_, i) => [i < 40 ? 0 : 0.93 + (i / 600) * 0.07, 1]);
    const [lo, hi] = supportOf(pairs);
    expect(lo).toBeGreaterThan(0.93);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThan(0.98);
    // A hundred at 0 are enough.
    expect(supportOf(pairs.map(([x, y], i) => [i < 100 ? 0 : x, y]))[0]).toBe(0);
    // Fewer than two hundred: the map is read only around its middle.
    expect(supportOf([[0.2, 0], [0.3, 0], [0.4, 1]])).toEqual([0.3, 0.3]);
  });

  it('leaves a probability alone where no curve was fitted, and the rule without a forecast too', () => {
    expect(calibratePMiss(0.3, { monthsAhead: 2, model: 'trend' }, table)).toBe(0.3);
    expect(calibratePMiss(0.55, null, table)).toBe(0.55);
  });

  it('maps the rule used without a forecast by its situation: at the goal apart from on the way to it', () => {
    const withFallback: CalibrationTable = { fittedBy: 'test', curves: { 'h3|fallback_on_path': map([[0.3, 0.75]]), 'h3|fallback_met': map([[0.3, 0.1]]) } };
    expect(calibratePMiss(0.3, { monthsAhead: 12, model: fallbackModel(false, false) }, withFallback)).toBe(0.75);
    expect(calibratePMiss(0.3, { monthsAhead: 12, model: fallbackModel(true, false) }, withFallback)).toBe(0.1);
    // A situation without a map keeps the rule's stated value, and no model's map is used for it.
    expect(calibratePMiss(0.55, { monthsAhead: 12, model: fallbackModel(false, true) }, withFallback)).toBe(0.55);
    expect(calibratePMiss(0.3, { monthsAhead: 12, model: 'trend' }, withFallback)).toBe(0.3);
    expect(calibrationKey(8, fallbackModel(true, true))).toBe('h2|fallback_met_slipping');
  });

  it('the stored table never gives a target already at its goal the miss rate of one still on its way', () => {
    for (const h of [7, 8, 11, 14]) {
      const met = calibratePMiss(0.3, { monthsAhead: h, model: fallbackModel(true, false) });
      expect(met).toBeLessThan(0.5);
      expect(met).toBeLessThan(calibratePMiss(0.3, { monthsAhead: h, model: fallbackModel(false, false) }));
    }
  });

  it('maps a forecast by how far its goal still is, and by the model alone when no such map exists', () => {
    const split: CalibrationTable = { fittedBy: 'test', curves: { 'h3|trend|near': map([[1, 0.7]]), 'h3|trend|mid': map([[1, 0.8]]), 'h3|trend|far': map([[1, 0.99]]), 'h3|break_away': map([[1, 0.9]]) } };
    // 5 points short of a percentage goal is near, 15 mid, 35 far.
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'trend', gapShare: goalGapShare(90, 85, '%') }, split)).toBe(0.7);
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'trend', gapShare: goalGapShare(90, 75, '%') }, split)).toBe(0.8);
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'trend', gapShare: goalGapShare(90, 55, '%') }, split)).toBe(0.99);
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'break_away', gapShare: goalGapShare(90, 55, '%') }, split)).toBe(0.9);
    // A count's scale is its own size: 600 of a goal of 1000 is 40 % short.
    expect(goalGapShare(1000, 600, 'hồ sơ')).toBeCloseTo(0.4, 10);
    expect(goalGapShare(5, 9, '%')).toBeCloseTo(0.04, 10);
    // The fallback rule is keyed by its situation only.
    expect(calibrationKey(12, 'fallback_met', 0.5)).toBe('h3|fallback_met');
    expect(calibrationKey(12, 'trend', 0.5)).toBe('h3|trend|far');
  });

  it('maps a forecast by what its series shows when that situation has a map, else by the distance to the goal alone', () => {
    const bySituation: CalibrationTable = { fittedBy: 'test', curves: { 'h3|trend|mid|gappy': map([[1, 0.6]]), 'h3|trend|mid': map([[1, 0.85]]), 'h3|trend': map([[1, 0.95]]) } };
    // Three months missing out of twelve: the trend is read through holes.
    const gappy = seriesSituation(missingMonthShare(9, monthNumber('2025-01'), monthNumber('2025-12')), 1, 15);
    expect(gappy).toBe('gappy');
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'trend', gapShare: 0.15, situation: gappy }, bySituation)).toBe(0.6);
    // Reported every month with a narrow interval: no map of its own here, so the distance's map.
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'trend', gapShare: 0.15, situation: seriesSituation(0, 1, 15) }, bySituation)).toBe(0.85);
    expect(calibratePMiss(1, { monthsAhead: 12, model: 'trend', gapShare: 0.3, situation: 'gappy' }, bySituation)).toBe(0.95);
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

  it('maps a break by which way it went: towards the goal or away from it', () => {
    // A climb that sped up (a programme started) towards a goal above.
    expect(breakDirection({ breakStep: 0, breakPaceChange: 1.5 }, true)).toBe('break_toward');
    // The pace fell off: away, whatever step came with it.
    expect(breakDirection({ breakStep: 4, breakPaceChange: -1 }, true)).toBe('break_away');
    // A step down in a lower-is-better rate (late dossiers) is towards its goal.
    expect(breakDirection({ breakStep: -6, breakPaceChange: 0 }, false)).toBe('break_toward');
    expect(calibrationKey(8, breakDirection({ breakStep: -6, breakPaceChange: 0 }, true), 0.15)).toBe('h2|break_away|mid');
  });

  it('buckets horizons by quarters of the last year', () => {
    expect([1, 3, 3.5, 6, 9, 9.2, 14].map(horizonBucket)).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(calibrationKey(10, 'saturating')).toBe('h3|saturating');
  });

  it('the stored table is a set of monotone maps into 0–1 for every model and horizon', () => {
    for (const model of ['trend', 'break_toward', 'break_away', 'seasonal', 'saturating'] as const) {
      for (const [h, gap, situation] of [1, 5, 8, 11].flatMap((h) => [0.05, 0.15, 0.5].flatMap((gap) => [undefined, ...SITUATIONS].map((s) => [h, gap, s] as const)))) {
        expect(PMISS_CALIBRATION.curves[calibrationKey(h, model)], calibrationKey(h, model)).toBeDefined();
        let previous = -Infinity;
        for (let raw = 0; raw <= 1.0001; raw += 0.01) {
          const p = calibratePMiss(raw, { monthsAhead: h, model, gapShare: gap, situation }, PMISS_CALIBRATION);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(p).toBeGreaterThanOrEqual(previous);
          previous = p;
        }
      }
    }
  });
});
