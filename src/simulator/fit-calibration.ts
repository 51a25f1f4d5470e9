/**
 * Fits the pMiss calibration (domain/forecasting/pmiss-calibration.ts) on the families of
 * series-families.ts, each in its FITTING_WEIGHT, of generator seeds kept apart from the ones the
 * backtest reports: every target is evaluated at the backtest's monthly cut-offs with the raw
 * (uncalibrated) pMiss, and for each key the evaluation reports it was calibrated by (model and
 * horizon bucket, distance to the goal, situation of the series) the outcomes are regressed
 * isotonically on it.
 */
import { evaluateTarget } from '../domain/evaluation/evaluate-target.ts';
import { calibrationKey, fitIsotonic, supportOf, type CalibrationTable } from '../domain/forecasting/pmiss-calibration.ts';
import { cutoffsFor } from './backtest.ts';
import { familyCases, FITTING_WEIGHT, SERIES_FAMILIES } from './series-families.ts';

/** Fewest evaluations behind one breakpoint of a curve. */
export const CALIBRATION_MIN_BLOCK = 200;
/**
 * Fewest evaluations for a situation's own map (seriesSituation). With fewer, isotonic blocks of 200
 * pool the rare low raw values with the common high ones: a map fitted on 532 evaluations (trend,
 * 4–6 months out, a goal under 10 points away, a wide interval) read 0.68 at a raw 0, and a steady
 * climb of 2 points a month, 4 short of its goal with 5 months left, was "at risk".
 */
export const CALIBRATION_MIN_SITUATION = 600;

export interface CalibrationFitOptions {
  seeds: number[];
  casesPerFamily: number;
}

/**
 * @example
 * fitCalibration({ seeds: [101, 102], casesPerFamily: 200 }).curves['h3|trend'] // { support: [0, 1], points: [[0, 0.01], …, [1, 0.9]] }
 */
export function fitCalibration(options: CalibrationFitOptions): CalibrationTable & { evaluations: number } {
  const pairs = new Map<string, [number, number][]>();
  let evaluations = 0;
  for (const seed of options.seeds) {
    for (const family of SERIES_FAMILIES) {
      for (const c of familyCases(family, seed, options.casesPerFamily * FITTING_WEIGHT[family])) {
        const series = [...c.series].sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
        for (const cutoff of cutoffsFor(c.target.due, 12)) {
          const visible = series.filter((p) => p.reportedOn <= cutoff).map((p) => ({ period: p.period, value: p.value }));
          const ev = evaluateTarget(c.target, visible, cutoff, { calibrate: false });
          // Keyed as evaluateTarget reads the maps: by the basis it reports.
          const basis = ev.status === 'no_data' ? null : ev.calibration;
          if (!basis) continue;
          const { monthsAhead, model, gapShare, situation } = basis;
          const keys = new Set([calibrationKey(monthsAhead, model, gapShare, situation), calibrationKey(monthsAhead, model, gapShare), calibrationKey(monthsAhead, model)]);
          for (const key of keys) {
            let list = pairs.get(key);
            if (!list) pairs.set(key, (list = []));
            list.push([ev.pMissRaw, c.missed ? 1 : 0]);
          }
          evaluations++;
        }
      }
    }
  }
  // A situation seen fewer times than one breakpoint needs gets no map: its stated pMiss stays (or,
  // for a series' situation, the map of its distance to the goal is read).
  const keys = [...pairs.keys()]
    .filter((key) => pairs.get(key)!.length >= (key.split('|').length > 3 ? CALIBRATION_MIN_SITUATION : CALIBRATION_MIN_BLOCK))
    .sort();
  const curves = Object.fromEntries(keys.map((key) => [key, { support: supportOf(pairs.get(key)!), points: fitIsotonic(pairs.get(key)!, CALIBRATION_MIN_BLOCK) }]));
  return {
    fittedBy: `npx theodoi warn calibrate --seeds ${options.seeds.join(',')} --cases ${options.casesPerFamily} (${evaluations} evaluations of ${SERIES_FAMILIES.length} families, ordinary climbs weighted ${FITTING_WEIGHT.steady})`,
    curves,
    evaluations,
  };
}
