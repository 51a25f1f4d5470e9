/**
 * Fits the pMiss calibration (domain/forecasting/pmiss-calibration.ts) on the hard-shape families
 * (series-families.ts) of generator seeds kept apart from the ones the backtest reports: every
 * target is evaluated at the backtest's monthly cut-offs with the raw (uncalibrated) pMiss, and for
 * each model and horizon bucket (and distance to the goal, and situation of the series) the outcomes
 * are regressed isotonically on it.
 */
import { evaluateTarget, FALLBACK_P_MISS } from '../domain/evaluation/evaluate-target.ts';
import { monthNumber, monthTime } from '../domain/forecasting/forecast.ts';
import { calibrationKey, fallbackModel, fitIsotonic, goalGapShare, missingMonthShare, seriesSituation, type CalibrationTable } from '../domain/forecasting/pmiss-calibration.ts';
import { satisfies } from '../domain/evaluation/target-spec.ts';
import { cutoffsFor } from './backtest.ts';
import { familyCases, FITTING_FAMILIES } from './series-families.ts';

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
 * fitCalibration({ seeds: [101, 102], casesPerFamily: 200 }).curves['h3|trend'] // [[0, 0.01], …, [1, 0.9]]
 */
export function fitCalibration(options: CalibrationFitOptions): CalibrationTable & { evaluations: number } {
  const pairs = new Map<string, [number, number][]>();
  let evaluations = 0;
  for (const seed of options.seeds) {
    for (const family of FITTING_FAMILIES) {
      for (const c of familyCases(family, seed, options.casesPerFamily)) {
        const series = [...c.series].sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
        for (const cutoff of cutoffsFor(c.target.due, 12)) {
          const visible = series.filter((p) => p.reportedOn <= cutoff).map((p) => ({ period: p.period, value: p.value }));
          const ev = evaluateTarget(c.target, visible, cutoff, { calibrate: false });
          if (ev.status === 'no_data' || !ev.currentPeriod || ev.current === null) continue;
          // Without a forecast (fewer than 3 values) the rule's levels are mapped per situation: a
          // target already at its goal apart from one merely on its path (see pmiss-calibration.ts).
          const model = ev.model ?? fallbackModel(satisfies(c.target, ev.current), ev.pMissRaw === FALLBACK_P_MISS.behind);
          const monthsAhead = monthTime(c.target.due) - monthNumber(ev.currentPeriod);
          // A model's map by distance still to go to the goal (none once the value is beyond it: as
          // evaluateTarget reads the maps), and over all distances for where a distance's own is too thin.
          const stillToGo = satisfies(c.target, ev.current) ? undefined : goalGapShare(c.target.value, ev.current, c.target.measure);
          // And by what the series shows (seriesSituation), read as evaluateTarget reads it.
          const situation = ev.model && stillToGo !== undefined && ev.forecastLow !== null && ev.forecastHigh !== null
            ? seriesSituation(missingMonthShare(visible.length, monthNumber(visible[0]!.period), monthNumber(ev.currentPeriod)), (ev.forecastHigh - ev.forecastLow) / 2, Math.abs(c.target.value - ev.current))
            : undefined;
          const keys = new Set([calibrationKey(monthsAhead, model, stillToGo, situation), calibrationKey(monthsAhead, model, stillToGo), calibrationKey(monthsAhead, model)]);
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
  const curves = Object.fromEntries(keys.map((key) => [key, fitIsotonic(pairs.get(key)!, CALIBRATION_MIN_BLOCK)]));
  return {
    fittedBy: `npx theodoi warn calibrate --seeds ${options.seeds.join(',')} --cases ${options.casesPerFamily} (${evaluations} evaluations of ${FITTING_FAMILIES.length} families)`,
    curves,
    evaluations,
  };
}
