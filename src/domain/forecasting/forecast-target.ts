/**
 * The forecast a target is judged by: the damped trend of forecast.ts, or — when the series is
 * visibly flattening — a saturating curve with an estimated ceiling (saturation.ts). The trend keeps
 * the series when it found month-of-year effects or a structural break (those are its own shapes),
 * and when the curve does not fit the same window clearly better.
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

/** Months the saturating curve is fitted on: the last year or its last two thirds. */
export const SATURATION_WINDOWS = [8, 12] as const;

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
  // The flattening shows over the last months; how many depends on where the curve is, so two
  // windows are tried and the one where the curve beats the line by more is kept.
  // Never across a step in level the trend found with its change of pace: the months before a fall
  // are another level, and a curve fitted across one read them as a ceiling the series had come down
  // from, forecasting a decline while the months since the fall climbed.
  const notBefore = trend.breakKind === 'both' && trend.levelShiftFrom ? monthNumber(trend.levelShiftFrom) : -Infinity;
  let curve: ReturnType<typeof saturationForecast> = null;
  let points = 0;
  for (const w of SATURATION_WINDOWS) {
    const from = Math.max(t[t.length - 1]! - w + 1, notBefore);
    let first = 0;
    while (first < t.length && t[first]! < from) first++;
    const tw = t.slice(first), yw = y.slice(first);
    const horizon = Math.max(0, monthTime(horizonDate) - tw[tw.length - 1]!);
    const c = saturationForecast(tw, yw, horizon, options.bounds);
    if (c && (!curve || c.gain / tw.length > curve.gain / points) && curveHoldsOut(tw, yw, options.bounds)) { curve = c; points = tw.length; }
  }
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
