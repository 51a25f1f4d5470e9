/**
 * Fits the pMiss calibration (domain/forecasting/pmiss-calibration.ts) on the hard-shape families
 * (series-families.ts) of generator seeds kept apart from the ones the backtest reports: every
 * target is evaluated at the backtest's monthly cut-offs with the raw (uncalibrated) pMiss, and for
 * each model and horizon bucket the outcomes are regressed isotonically on it.
 */
import { evaluateTarget } from '../domain/evaluation/evaluate-target.ts';
import { monthNumber, monthTime } from '../domain/forecasting/forecast.ts';
import { calibrationKey, fitIsotonic, type CalibrationTable } from '../domain/forecasting/pmiss-calibration.ts';
import { cutoffsFor } from './backtest.ts';
import { familyCases, SERIES_FAMILIES } from './series-families.ts';

/** Fewest evaluations behind one breakpoint of a curve. */
export const CALIBRATION_MIN_BLOCK = 200;

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
    for (const family of SERIES_FAMILIES) {
      for (const c of familyCases(family, seed, options.casesPerFamily)) {
        const series = [...c.series].sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
        for (const cutoff of cutoffsFor(c.target.due, 12)) {
          const visible = series.filter((p) => p.reportedOn <= cutoff).map((p) => ({ period: p.period, value: p.value }));
          const ev = evaluateTarget(c.target, visible, cutoff, { calibrate: false });
          // Without a forecast (fewer than 3 values) the fallback rule's two stated values are
          // calibrated like a model's probabilities (key "…|fallback").
          if (ev.status === 'no_data' || !ev.currentPeriod) continue;
          const key = calibrationKey(monthTime(c.target.due) - monthNumber(ev.currentPeriod), ev.model ?? 'fallback');
          let list = pairs.get(key);
          if (!list) pairs.set(key, (list = []));
          list.push([ev.pMissRaw, c.missed ? 1 : 0]);
          evaluations++;
        }
      }
    }
  }
  const curves = Object.fromEntries([...pairs.keys()].sort().map((key) => [key, key.endsWith('|fallback') ? fitStatedValues(pairs.get(key)!) : fitIsotonic(pairs.get(key)!, CALIBRATION_MIN_BLOCK)]));
  return {
    fittedBy: `npx theodoi warn calibrate --seeds ${options.seeds.join(',')} --cases ${options.casesPerFamily} (${evaluations} evaluations of ${SERIES_FAMILIES.length} families)`,
    curves,
    evaluations,
  };
}

/**
 * The fallback rule's stated values, each with the share that missed among the evaluations given it
 * — only values given at least CALIBRATION_MIN_BLOCK times. Should a lower stated value have missed
 * more often than a higher one, the two are pooled (both get their joint share), so the map never
 * turns a more worrying value into a less worrying one.
 */
function fitStatedValues(pairs: readonly (readonly [number, number])[]): [number, number][] {
  const byValue = new Map<number, { n: number; missed: number }>();
  for (const [x, y] of pairs) {
    const v = byValue.get(x) ?? { n: 0, missed: 0 };
    v.n++;
    v.missed += y;
    byValue.set(x, v);
  }
  const blocks = [...byValue].filter(([, v]) => v.n >= CALIBRATION_MIN_BLOCK).sort((a, b) => a[0] - b[0])
    .map(([x, v]) => ({ xs: [x], n: v.n, missed: v.missed }));
  for (let i = 1; i < blocks.length; i++) {
    const [a, b] = [blocks[i - 1]!, blocks[i]!];
    if (a.missed / a.n > b.missed / b.n) {
      blocks.splice(i - 1, 2, { xs: [...a.xs, ...b.xs], n: a.n + b.n, missed: a.missed + b.missed });
      i = Math.max(0, i - 2);
    }
  }
  return blocks.flatMap((b) => b.xs.map((x): [number, number] => [x, Math.round((b.missed / b.n) * 10_000) / 10_000]));
}
