/**
 * Whether a monthly series has risen, fallen or stayed flat over its recent months, in the sense a
 * reader means it: a change beyond the month-to-month noise. The forecast's slope alone cannot say
 * so — a flat series always has some small slope, and "+0,02/tháng" read as "rising" (or the word
 * for a damped trend read as "decreasing") tells a leader the opposite of what the chart shows.
 *
 * The test: a straight line by least squares over the last `window` months; the slope counts when
 * its t statistic reaches `tCritical`, its variance inflated by (1 + ρ)/(1 − ρ) for the residuals'
 * lag-1 autocorrelation ρ, as the forecaster does (docs/evaluation.md), so a wandering series is not
 * taken for a trend.
 */
import { lagOneAutocorrelation, monthNumber } from './forecast.ts';

export type SeriesDirection = 'rising' | 'falling' | 'flat';

export interface SeriesDirectionResult {
  direction: SeriesDirection;
  /** The straight line's slope per month over the window. */
  slopePerMonth: number;
  /** Slope over its (inflated) standard error; Infinity for an exact line, 0 for a constant. */
  tStatistic: number;
  /** Values the test used. */
  points: number;
}

/** Recent months the direction is read from. */
export const DIRECTION_WINDOW = 12;

/** |t| from which a slope is a change rather than noise (≈ 95 % two-sided for a dozen months). */
export const DIRECTION_T_CRITICAL = 2;

/**
 * @example
 * seriesDirection([{ period: '2026-01', value: 60.2 }, { period: '2026-02', value: 59.9 }, { period: '2026-03', value: 60.1 }]).direction // 'flat'
 */
export function seriesDirection(
  series: readonly { period: string; value: number | null }[],
  options: { window?: number; tCritical?: number } = {},
): SeriesDirectionResult | null {
  const window = options.window ?? DIRECTION_WINDOW;
  const tCritical = options.tCritical ?? DIRECTION_T_CRITICAL;
  const all = series
    .filter((p): p is { period: string; value: number } => p.value !== null && Number.isFinite(p.value) && /^\d{4}-\d{2}$/.test(p.period))
    .map((p) => ({ t: monthNumber(p.period), y: p.value }))
    .sort((a, b) => a.t - b.t);
  if (all.length < 3) return null;
  const lastT = all[all.length - 1]!.t;
  const pts = all.filter((p) => p.t > lastT - window);
  if (pts.length < 3) return null;
  const n = pts.length;
  const meanT = pts.reduce((s, p) => s + p.t, 0) / n;
  const meanY = pts.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of pts) {
    sxx += (p.t - meanT) ** 2;
    sxy += (p.t - meanT) * (p.y - meanY);
  }
  const slope = sxy / sxx;
  const residuals = pts.map((p) => p.y - meanY - slope * (p.t - meanT));
  const rss = residuals.reduce((s, r) => s + r * r, 0);
  // What counts as "no change at all": a drift over the window below the values' rounding.
  const tiny = 1e-9 * (1 + Math.abs(meanY));
  const span = pts[n - 1]!.t - pts[0]!.t;
  if (Math.abs(slope) * span <= tiny) return { direction: 'flat', slopePerMonth: 0, tStatistic: 0, points: n };
  if (rss <= tiny * tiny) return { direction: slope > 0 ? 'rising' : 'falling', slopePerMonth: slope, tStatistic: slope > 0 ? Infinity : -Infinity, points: n };
  const rho = Math.min(0.9, Math.max(0, lagOneAutocorrelation(residuals)));
  const variance = ((rss / (n - 2)) / sxx) * ((1 + rho) / (1 - rho));
  const tStatistic = slope / Math.sqrt(variance);
  const direction: SeriesDirection = Math.abs(tStatistic) < tCritical ? 'flat' : slope > 0 ? 'rising' : 'falling';
  return { direction, slopePerMonth: slope, tStatistic, points: n };
}
