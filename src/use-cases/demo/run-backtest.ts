import { casesFromCity, runBacktest, type BacktestResult } from '../../simulator/backtest.ts';
import { generateCity, generatedUnits } from '../../simulator/generate-city.ts';
import { familyCases, SERIES_FAMILIES, type SeriesFamily } from '../../simulator/series-families.ts';

export interface DemoBacktest extends BacktestResult {
  seed: number;
  /** The same scoring on each family of hard shapes (series-families.ts), `casesPerFamily` targets each. */
  families: Record<SeriesFamily, BacktestResult>;
  casesPerFamily: number;
}

/**
 * Backtests the early warning on a freshly simulated city (never the database) and on every family
 * of hard series shapes: monthly cut-offs over the 12 months before each due date, scored against
 * the generators' ground truth, with calibration (Brier score, expected calibration error).
 *
 * @example
 * runDemoBacktest({ seed: 1 }).families.s_curve.recall // 0.82
 */
export function runDemoBacktest(options: { seed?: number; units?: 'hanoi' | 'national'; casesPerFamily?: number } = {}): DemoBacktest {
  const seed = options.seed ?? 1;
  const casesPerFamily = options.casesPerFamily ?? 200;
  const city = generateCity({ seed, units: generatedUnits(options.units ?? 'hanoi') });
  const families = Object.fromEntries(SERIES_FAMILIES.map((f) => [f, runBacktest(familyCases(f, seed, casesPerFamily))])) as Record<SeriesFamily, BacktestResult>;
  return { seed, ...runBacktest(casesFromCity(city)), families, casesPerFamily };
}
