/**
 * Saturation: adoption rates (online dossiers, accounts, e-payments, signed documents) rise along
 * S-curves and flatten below a ceiling that is often under 100 %. Near and past its midpoint such a
 * curve is the modified exponential
 *   y(t) = c − a·e^(−r·(t − t_last)),
 * the upper half of a logistic or Gompertz curve: it approaches the ceiling c (a > 0 rising towards
 * it, a < 0 falling towards a floor, for lower-is-better rates). For each rate r on a fixed grid, c and
 * a are ordinary least squares in closed form; the rate with the smallest residual sum of squares
 * wins. A grid, not an iterative solver: the answer is deterministic, cheap, and nothing finer is
 * identifiable from two years of noisy months.
 *
 * The curve replaces the trend only when it fits the same window clearly better by the Bayesian
 * information criterion (the rate counted as a parameter) than the straight line, and when, fitted
 * without the window's last HOLDOUT_MONTHS, it forecasts them at least as well as the line does
 * (`curveHoldsOut`). The criterion alone is fooled by monthly noise that carries from one month to
 * the next: on straight climbs it found "ceilings" a point or two above the latest value.
 */
import { studentTCdf } from './statistics.ts';

/** Monthly approach rates tried: from a half-life of about 2 years to one of about 5 weeks. */
const RATES = [0.03, 0.05, 0.08, 0.12, 0.17, 0.24, 0.33, 0.45, 0.6];

/**
 * e^(r·k) for each rate and k = 0…MAX_LAG whole months back: observations are monthly, so every
 * decay term the fits need is one of these, computed once instead of per point and per rate.
 */
const MAX_LAG = 36;
const DECAY = RATES.map((rate) => Float64Array.from({ length: MAX_LAG + 1 }, (_, k) => Math.exp(-rate * -k)));

/** e^(−r·(t − t_ref)) from the table when t − t_ref is a whole number of months in it. */
function decay(rateIndex: number, rate: number, dt: number): number {
  const k = -dt;
  return Number.isInteger(k) && k >= 0 && k <= MAX_LAG ? DECAY[rateIndex]![k]! : Math.exp(-rate * dt);
}

/** Fewer values than this and no curve is tried. */
export const MIN_SATURATION_POINTS = 8;

/** How much better (in BIC) the curve must fit than the straight line on the same window. */
export const SATURATION_BIC_MARGIN = 4;

export interface SaturationForecast {
  /** The level the curve approaches (clipped to the measure's bounds). */
  ceiling: number;
  /** Monthly approach rate. */
  rate: number;
  /** Centre of the predictive distribution at the horizon. */
  center: number;
  /** Student t scale and degrees of freedom of the predictive distribution. */
  scale: number;
  df: number;
  /** Slope of the curve at the last observation (per month). */
  slopePerMonth: number;
  /** Fitted level at the last observation. */
  levelAtLast: number;
  /** How much better than the line (BIC difference). */
  gain: number;
}

/**
 * The saturating curve through the last `window` months of `points` (time-ordered month numbers),
 * forecast `horizon` months after the last one — or null when there are too few points, the curve
 * does not beat the straight line by SATURATION_BIC_MARGIN, or it is not an approach (the fitted
 * curve moves away from its asymptote).
 *
 * @example
 * saturationForecast(points, 12, { max: 100 })?.ceiling // ≈ 86 for a series flattening towards 86 %
 */
export function saturationForecast(
  t: ArrayLike<number>, y: ArrayLike<number>, horizon: number, bounds: { min?: number; max?: number } = {},
  margin = SATURATION_BIC_MARGIN,
): SaturationForecast | null {
  const n = t.length;
  if (n < MIN_SATURATION_POINTS) return null;
  const tRef = t[n - 1]!;
  // The straight line on the same points, for the comparison.
  let st = 0, sy = 0;
  for (let i = 0; i < n; i++) { st += t[i]! - tRef; sy += y[i]!; }
  const mt = st / n, my = sy / n;
  let stt = 0, sty = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dt = t[i]! - tRef - mt, dy = y[i]! - my;
    stt += dt * dt; sty += dt * dy; syy += dy * dy;
  }
  if (stt <= 0) return null;
  const lineRss = Math.max(syy - (sty * sty) / stt, 0);
  const lineSlope = sty / stt;

  let bestRss = Infinity, bestRate = 0, bestC = 0, bestA = 0, bestMd = 0, bestSdd = 0, bestFixed = false;
  const d = scratch.length >= n ? scratch : (scratch = new Float64Array(n));
  for (let ri = 0; ri < RATES.length; ri++) {
    const rate = RATES[ri]!;
    // d_i = e^(−r·(t_i − t_last)) ≥ 1 in the past; y = c − a·d.
    let sd = 0;
    for (let i = 0; i < n; i++) {
      d[i] = decay(ri, rate, t[i]! - tRef);
      sd += d[i]!;
    }
    const md = sd / n;
    let sdd = 0, sdy = 0;
    for (let i = 0; i < n; i++) {
      const dd = d[i]! - md;
      sdd += dd * dd; sdy += dd * (y[i]! - my);
    }
    if (sdd <= 1e-12) continue;
    let a = -sdy / sdd;
    let c = my + a * md;
    let fixed = false;
    // A ceiling beyond what the measure allows is a straight line in disguise: the curve is then
    // the one that flattens at the bound itself (one parameter fewer).
    const bound = c > (bounds.max ?? Infinity) ? bounds.max! : c < (bounds.min ?? -Infinity) ? bounds.min! : null;
    if (bound !== null) {
      let num = 0, den = 0;
      for (let i = 0; i < n; i++) {
        num += d[i]! * (bound - y[i]!); den += d[i]! * d[i]!;
      }
      a = num / den;
      c = bound;
      fixed = true;
    }
    let rss = 0;
    for (let i = 0; i < n; i++) {
      const e = y[i]! - (c - a * d[i]!);
      rss += e * e;
    }
    if (rss < bestRss) { bestRss = rss; bestRate = rate; bestC = c; bestA = a; bestMd = md; bestSdd = sdd; bestFixed = fixed; }
  }
  if (!Number.isFinite(bestRss)) return null;
  // An approach: the curve moves towards its asymptote in the direction the line goes.
  if (bestA === 0 || Math.sign(bestA) !== Math.sign(lineSlope)) return null;
  const bic = (rss: number, p: number) => n * Math.log(Math.max(rss, 1e-12) / n) + p * Math.log(n);
  const params = bestFixed ? 2 : 3;
  const gain = bic(lineRss, 2) - bic(bestRss, params);
  if (gain < margin) return null;

  const df = n - params;
  const sigma2 = Math.max(bestRss / df, 1e-6 * (1 + bestC * bestC));
  const dH = Math.exp(-bestRate * horizon);
  const center = bestC - bestA * dH;
  // Parameter uncertainty of (c, a) at the fixed rate: the variance of c − a·d at d = e^(−r·h).
  // The rate's own uncertainty is not in it; the calibration of pMiss accounts for what is missing.
  const paramVar = bestFixed ? (dH * dH) / sumSquares(t, tRef, bestRate) : 1 / n + ((dH - bestMd) * (dH - bestMd)) / bestSdd;
  const scale = Math.sqrt(sigma2 * (1 + paramVar));
  return { ceiling: bestC, rate: bestRate, center, scale, df, slopePerMonth: bestA * bestRate, levelAtLast: bestC - bestA, gain };
}

/** Months left out of the fit to judge the curve against the line on what followed. */
export const HOLDOUT_MONTHS = 3;

/**
 * Whether the curve, fitted on the window without its last HOLDOUT_MONTHS (whatever its gain there),
 * forecasts those months at least as well as the straight line fitted on the same points. A curve
 * whose flattening rests on the last months alone, or that did not approach anything before them,
 * does not; nor one with fewer than MIN_SATURATION_POINTS months before them.
 *
 * @example
 * curveHoldsOut(t, y, { max: 100 }) // false for a straight climb whose last two months dipped
 */
export function curveHoldsOut(t: ArrayLike<number>, y: ArrayLike<number>, bounds: { min?: number; max?: number } = {}): boolean {
  const n = t.length - HOLDOUT_MONTHS;
  if (n < MIN_SATURATION_POINTS) return false;
  const tf = Array.from({ length: n }, (_, i) => t[i]!);
  const yf = Array.from({ length: n }, (_, i) => y[i]!);
  const curve = saturationForecast(tf, yf, 0, bounds, -Infinity);
  if (!curve) return false;
  const line = lineThrough(tf, yf);
  let curveError = 0;
  let lineError = 0;
  for (let j = n; j < t.length; j++) {
    const h = t[j]! - tf[n - 1]!;
    curveError += (y[j]! - (curve.ceiling - (curve.ceiling - curve.levelAtLast) * Math.exp(-curve.rate * h))) ** 2;
    lineError += (y[j]! - (line.level + line.slope * h)) ** 2;
  }
  return curveError <= lineError;
}

/** Least-squares line as its level at the last point and its slope per month. */
function lineThrough(t: readonly number[], y: readonly number[]): { level: number; slope: number } {
  const n = t.length, tRef = t[n - 1]!;
  const mt = t.reduce((s, v) => s + v - tRef, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let stt = 0, sty = 0;
  for (let i = 0; i < n; i++) { stt += (t[i]! - tRef - mt) ** 2; sty += (t[i]! - tRef - mt) * (y[i]! - my); }
  const slope = stt > 0 ? sty / stt : 0;
  return { level: my - slope * mt, slope };
}

function sumSquares(t: ArrayLike<number>, tRef: number, rate: number): number {
  const ri = RATES.indexOf(rate);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += decay(ri, rate, t[i]! - tRef) ** 2;
  return s;
}

/** Decay terms of the points for the rate being tried (reused; nothing here re-enters). */
let scratch = new Float64Array(24);

/** P(value at the horizon < x) under the curve's predictive distribution. */
export function saturationBelow(f: SaturationForecast, x: number): number {
  return studentTCdf((x - f.center) / f.scale, f.df);
}
