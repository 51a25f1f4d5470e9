/**
 * The forecast a target is judged by: the trend of forecast.ts (its pace kept or damped), or — when
 * the series is visibly flattening — a saturating curve with an estimated ceiling (saturation.ts).
 * The trend keeps the series when it found month-of-year effects or a step in level (those are its
 * own shapes), and when the curve does not fit the last year clearly better or does not forecast its
 * held-out months.
 */
import { forecastSeries, monthNumber, monthTime, tQuantile, type ForecastOptions, type SeriesPoint, type TrendForecast } from './forecast.ts';
import { curveHoldsOut, saturationForecast } from './saturation.ts';

export type ForecastModel = 'trend' | 'seasonal' | 'break' | 'saturating';

export interface TargetForecast extends TrendForecast {
  /** Which model the forecast comes from (named in the reason sentence). */
  model: ForecastModel;
  /** The level a saturating curve approaches; null for the other models. */
  ceiling: number | null;
}

export interface TargetForecastOptions extends ForecastOptions {
  /** Whether a saturating curve may replace the trend; true by default. */
  saturation?: boolean;
}

/**
 * Months the saturating curve is fitted on: the last year. A curve must also forecast the window's
 * last HOLDOUT_MONTHS from the months before them (`curveHoldsOut`), which takes 8 + 3 months; an
 * 8-month window, tried beside this one until 05/12/2026, cannot be held out, and measured with a
 * 5-month fit for its hold-out it shortened the S-curves' warning (median lead 214 → 184 days) and
 * miscalibrated stalls (ECE 0.051 / 0.045 → 0.070 / 0.053, seeds 1 / 2).
 */
export const SATURATION_WINDOW = 12;

/**
 * @example
 * forecastTarget(series, '2026-12-31', { bounds: { min: 0, max: 100 } })?.model // 'saturating' for an adoption rate levelling off
 */
export function forecastTarget(series: SeriesPoint[], horizonDate: string, options: TargetForecastOptions = {}): TargetForecast | null {
  const trend = forecastSeries(series, horizonDate, options);
  if (!trend) return null;
  const model: ForecastModel = trend.seasonal ? 'seasonal' : trend.breakKind ? 'break' : 'trend';
  // A step (a new system going live) is not a saturation; a change of pace may be one seen piecewise.
  if (model === 'seasonal' || trend.breakKind === 'level' || options.saturation === false) return { ...trend, model, ceiling: null };
  const t: number[] = [];
  const y: number[] = [];
  for (const p of series) {
    if (p.value === null || !Number.isFinite(p.value) || !/^\d{4}-\d{2}$/.test(p.period)) continue;
    t.push(monthNumber(p.period));
    y.push(p.value);
  }
  // forecastSeries sorted its own copy; the series given here is usually already in order.
  if (!isSorted(t)) {
    const order = t.map((_, i) => i).sort((a, b) => t[a]! - t[b]!);
    const ts = order.map((i) => t[i]!), ys = order.map((i) => y[i]!);
    t.splice(0, t.length, ...ts); y.splice(0, y.length, ...ys);
  }
  // Never across a step in level the trend found with its change of pace: the months before a fall
  // are another level, and a curve fitted across one read them as a ceiling the series had come down
  // from, forecasting a decline while the months since the fall climbed.
  const notBefore = trend.breakKind === 'both' && trend.levelShiftFrom ? monthNumber(trend.levelShiftFrom) : -Infinity;
  const from = Math.max(t[t.length - 1]! - SATURATION_WINDOW + 1, notBefore);
  let first = 0;
  while (first < t.length && t[first]! < from) first++;
  const tw = t.slice(first), yw = y.slice(first);
  const horizon = Math.max(0, monthTime(horizonDate) - tw[tw.length - 1]!);
  const fitted = saturationForecast(tw, yw, horizon, options.bounds);
  const curve = fitted && curveHoldsOut(tw, yw, options.bounds) ? fitted : null;
  const points = tw.length;
  if (!curve) return { ...trend, model, ceiling: null };
  const clip = (v: number) => Math.min(options.bounds?.max ?? Infinity, Math.max(options.bounds?.min ?? -Infinity, v));
  const q = tQuantile(0.5 + trend.level / 2, curve.df);
  return {
    ...trend,
    mean: clip(curve.center),
    center: curve.center,
    low: clip(curve.center - q * curve.scale),
    high: clip(curve.center + q * curve.scale),
    scale: curve.scale,
    df: curve.df,
    slopePerMonth: curve.slopePerMonth,
    levelAtLast: curve.levelAtLast,
    points,
    model: 'saturating',
    ceiling: curve.ceiling,
  };
}

function isSorted(t: number[]): boolean {
  for (let i = 1; i < t.length; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}
