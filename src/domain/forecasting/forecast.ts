/**
 * A generic forecaster for monthly indicator series: a damped local linear trend fitted by least
 * squares on the recent window, with an optional level shift (a sudden change such as a new system
 * going live) and optional month-of-year seasonality, and a Student-t prediction interval from the
 * residuals. Nothing here knows how the demo simulator makes its series.
 */
import { chooseDamping, dampedSteps } from './damping-choice.ts';
import { DesignFitter } from './design-fit.ts';
import { fSurvival, quadraticForm, dot, studentTCdf, studentTQuantile, type LeastSquaresFit } from './statistics.ts';

/** One monthly value; `period` is a month code "YYYY-MM". */
export interface SeriesPoint {
  period: string;
  value: number | null;
}

export interface ForecastOptions {
  /** Central coverage of [low, high]; 0.8 by default. */
  level?: number;
  /** Months of history the trend is fitted on (the most recent ones); 24 by default. */
  window?: number;
  /**
   * Monthly damping of the trend (Gardner's damped trend); 1 = straight line. By default chosen per
   * series between 0.97 and 1 by a rolling-origin backtest on its own history (damping-choice.ts).
   */
  damping?: number;
  /** Physical bounds of the measure (e.g. 0–100 for a percentage); the interval is clipped to them. */
  bounds?: { min?: number; max?: number };
  /**
   * Whether a step in level with only 2–3 months after it may be the break (`withRecentStep`); true
   * by default. The frozen reference (testing/forecast-reference.ts) did not look there.
   */
  recentSteps?: boolean;
}

export interface TrendForecast {
  /** Point forecast at the horizon, clipped to the bounds. */
  mean: number;
  /** Centre of the predictive distribution before clipping. */
  center: number;
  low: number;
  high: number;
  level: number;
  /** The predictive distribution is location `mean`, scale `scale`, Student t with `df`. */
  scale: number;
  df: number;
  /** The fitted trend per month at the last observation (seasonality removed). */
  slopePerMonth: number;
  /** Fitted level at the last observation (seasonality removed). */
  levelAtLast: number;
  seasonal: boolean;
  /** Month code from which a detected structural break (level shift and/or change of pace) applies. */
  levelShiftFrom: string | null;
  breakKind: 'level' | 'slope' | 'both' | null;
  /** At a break: the step in level (0 without one) and the change of pace per month (0 without one). */
  breakStep: number;
  breakPaceChange: number;
  /** The damping the forecast used (1: the pace is kept). */
  damping: number;
  /** Observations used. */
  points: number;
  /** Months from the last observation to the horizon. */
  horizonMonths: number;
}

/** Month number (months since year 0) of a "YYYY-MM" code. */
export function monthNumber(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

/** Month code of a month number. */
export function monthCode(n: number): string {
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/**
 * A date as a continuous month count aligned with `monthNumber`: a monthly value stands for the
 * end of its month, so 2026-12-31 equals the time of the December 2026 value.
 */
export function monthTime(isoDate: string): number {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const d = Number(isoDate.slice(8, 10));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return y * 12 + m - 1 + d / days - 1;
}

interface Observed {
  t: number;
  month: number;
  y: number;
  period: string;
}

function observed(series: SeriesPoint[]): Observed[] {
  return series
    .filter((p): p is { period: string; value: number } => p.value !== null && Number.isFinite(p.value) && /^\d{4}-\d{2}$/.test(p.period))
    .map((p) => ({ t: monthNumber(p.period), month: monthNumber(p.period) % 12, y: p.value, period: p.period }))
    .sort((a, b) => a.t - b.t);
}

interface Design {
  seasonal: boolean;
  /** A structural break at this month: a step in level, a change of slope, or both. */
  breakAt: number | null;
  breakKind: 'level' | 'slope' | 'both' | null;
}

const NO_BREAK = { breakAt: null, breakKind: null } as const;

function row(o: { t: number; month: number }, tRef: number, d: Design): number[] {
  const r = [1, o.t - tRef];
  if (d.breakAt !== null && (d.breakKind === 'level' || d.breakKind === 'both')) r.push(o.t >= d.breakAt ? 1 : 0);
  // The slope change is anchored at tRef so that the intercept stays the level at the last month.
  if (d.breakAt !== null && (d.breakKind === 'slope' || d.breakKind === 'both')) r.push(Math.max(o.t, d.breakAt) - tRef);
  if (d.seasonal) {
    // Sum-to-zero month effects: 11 columns, December is minus their sum.
    for (let m = 0; m < 11; m++) r.push(o.month === m ? 1 : o.month === 11 ? -1 : 0);
  }
  return r;
}

/** Number of trend columns before the seasonal ones. */
function trendColumns(d: Design): number {
  return 2 + (d.breakKind === 'both' ? 2 : d.breakKind ? 1 : 0);
}

/**
 * Whether month-of-year effects are real: needs at least 24 observed months spanning two years,
 * and an F-test of the seasonal terms against the trend-only model at p < 0.01.
 *
 * @example
 * detectSeasonality(series).seasonal // true for a series with a Tết dip every February
 */
export function detectSeasonality(series: SeriesPoint[]): { seasonal: boolean; pValue: number | null; effects: number[] | null } {
  const { seasonal, pValue, effects } = seasonalityOf(observed(series));
  return { seasonal, pValue, effects };
}

interface SeasonalityTest {
  seasonal: boolean;
  pValue: number | null;
  effects: number[] | null;
  /** The break found on the whole history (null when the test did not run), for reuse by the forecast. */
  brk: DetectedBreak | null;
  /** The seasonal fit on the whole history with that break, for reuse by the forecast. */
  full: LeastSquaresFit | null;
}

function seasonalityOf(pts: Observed[]): SeasonalityTest {
  if (pts.length < 24 || pts[pts.length - 1]!.t - pts[0]!.t < 23) return { seasonal: false, pValue: null, effects: null, brk: null, full: null };
  const tRef = pts[pts.length - 1]!.t;
  const fitter = new DesignFitter(pts);
  const brk = detectBreak(fitter, tRef);
  const design = { breakAt: brk.breakAt, breakKind: brk.breakKind };
  // The trend-only model with the chosen break was already fitted while choosing it.
  const baseRss = brk.rss;
  const full = baseRss === null ? null : fitter.fit(tRef, { seasonal: true, ...design });
  if (baseRss === null || !full || full.df < 3) return { seasonal: false, pValue: null, effects: null, brk, full };
  const f = (baseRss - full.rss) / 11 / (full.rss / full.df || 1e-12);
  const pValue = fSurvival(f, 11, full.df);
  const k = trendColumns({ seasonal: true, ...design });
  const eff = full.coefficients.slice(k, k + 11);
  eff.push(-eff.reduce((s, v) => s + v, 0));
  return { seasonal: pValue < 0.01, pValue, effects: eff, brk, full };
}

interface DetectedBreak {
  breakAt: number | null;
  breakKind: 'level' | 'slope' | 'both' | null;
  /** Residual sum of squares of the trend-only fit with this break; null when not fitted (too few points or singular). */
  rss: number | null;
}

/**
 * A structural break — a sudden change of level (a new system going live), a change of pace (a
 * unit that stalls or recovers), or both — chosen among every month with enough data on each side
 * by the Bayesian information criterion, with the break's month counted as a parameter. Kept only
 * when it beats the unbroken trend by BREAK_BIC_MARGIN, so noise does not bend the trend.
 */
function detectBreak(fitter: DesignFitter, tRef: number): DetectedBreak {
  const n = fitter.n;
  if (n < 9) return { ...NO_BREAK, rss: null };
  const bic = (rss: number, p: number) => n * Math.log(Math.max(rss, 1e-12) / n) + p * Math.log(n);
  const baseRss = fitter.rss(tRef, { seasonal: false, ...NO_BREAK });
  if (baseRss === null) return { ...NO_BREAK, rss: null };
  const baseScore = bic(baseRss, 2);
  let bestScore = baseScore;
  let best: DetectedBreak = { ...NO_BREAK, rss: baseRss };
  const rssByKind = new Float64Array(3);
  for (let i = 3; i <= n - 4; i++) {
    const at = fitter.timeAt(i);
    fitter.breakRss(tRef, at, rssByKind);
    for (let k = 0; k < 3; k++) {
      const kind = BREAK_KINDS[k]!;
      const rss = rssByKind[k]!;
      if (Number.isNaN(rss)) continue;
      const score = bic(rss, 2 + (kind === 'both' ? 2 : 1) + 1);
      if (score < bestScore) {
        bestScore = score;
        best = { breakAt: at, breakKind: kind, rss };
      }
    }
  }
  return baseScore - bestScore > BREAK_BIC_MARGIN ? best : { ...NO_BREAK, rss: baseRss };
}

const BREAK_KINDS = ['level', 'slope', 'both'] as const;

/**
 * A step in level in the last months: `detectBreak` wants four months after a break, so a step two
 * or three months old — a figure that fell by 15 points when a system was replaced — could only be
 * fitted as a change of pace a few months earlier, bending down through the step, and the forecast
 * went on falling 5 points a month from a single drop. A level step needs one parameter and two
 * months show it, so these months are tried for a step alone; it is kept when it beats both the
 * unbroken trend (by BREAK_BIC_MARGIN) and the break already found.
 */
function withRecentStep(fitter: DesignFitter, tRef: number, found: DetectedBreak): DetectedBreak {
  const n = fitter.n;
  if (n < 9 || found.rss === null) return found;
  const bic = (rss: number, p: number) => n * Math.log(Math.max(rss, 1e-12) / n) + p * Math.log(n);
  const baseRss = found.breakKind === null ? found.rss : fitter.rss(tRef, { seasonal: false, ...NO_BREAK });
  if (baseRss === null) return found;
  const foundScore = found.breakKind === null ? Infinity : bic(found.rss, 2 + (found.breakKind === 'both' ? 2 : 1) + 1);
  let best = found;
  let bestScore = Math.min(foundScore, bic(baseRss, 2) - BREAK_BIC_MARGIN);
  const rssByKind = new Float64Array(3);
  for (let i = Math.max(3, n - 3); i <= n - 2; i++) {
    const at = fitter.timeAt(i);
    fitter.breakRss(tRef, at, rssByKind);
    const rss = rssByKind[0]!;
    if (Number.isNaN(rss)) continue;
    const score = bic(rss, 2 + 1 + 1);
    if (score < bestScore) {
      bestScore = score;
      best = { breakAt: at, breakKind: 'level', rss };
    }
  }
  return best;
}

/** How much better (in BIC) a broken trend must fit; about a likelihood ratio of e³. */
const BREAK_BIC_MARGIN = 6;

/**
 * Forecasts the value at `horizonDate` (ISO) from a monthly series; null with fewer than 3 values.
 *
 * @example
 * const f = forecastSeries(series, '2026-12-31', { bounds: { min: 0, max: 100 } });
 * f && probabilityBelow(f, 95) // chance the December 2026 value is under 95
 */
export function forecastSeries(series: SeriesPoint[], horizonDate: string, options: ForecastOptions = {}): TrendForecast | null {
  const level = options.level ?? 0.8;
  const window = options.window ?? 24;
  const all = observed(series);
  if (all.length < 3) return null;
  const last = all[all.length - 1]!;
  const seasonality = seasonalityOf(all);
  // Seasonality needs two years of history even when the trend looks at fewer.
  const from = last.t - (seasonality.seasonal ? Math.max(window, 36) : window) + 1;
  const pts = all.filter((p) => p.t >= from);
  if (pts.length < 3) return null;
  const tRef = last.t;
  // The window is a suffix of the sorted history: when it is all of it, the seasonality test has
  // already searched the same points for a break and fitted the same seasonal model.
  const wholeHistory = pts.length === all.length && seasonality.brk !== null;
  let fitter = wholeHistory ? null : new DesignFitter(pts);
  const found = wholeHistory ? seasonality.brk! : detectBreak(fitter!, tRef);
  const brk = options.recentSteps === false ? found : withRecentStep(fitter ??= new DesignFitter(pts), tRef, found);
  const fitOn = (d: Design) => (fitter ??= new DesignFitter(pts)).fit(tRef, d);
  let design: Design = { seasonal: seasonality.seasonal && pts.length >= 24, breakAt: brk.breakAt, breakKind: brk.breakKind };
  let model = wholeHistory && design.seasonal && brk === seasonality.brk ? seasonality.full : fitOn(design);
  if (!model && design.seasonal) {
    design = { ...design, seasonal: false };
    model = fitOn(design);
  }
  if (!model) {
    design = { seasonal: false, ...NO_BREAK };
    model = fitOn(design);
  }
  if (!model) return null;

  // Judged on the months since a break when there is one: a line across it forecasts nothing.
  const phi = options.damping ?? chooseDamping(design.breakAt === null ? pts : pts.filter((p) => p.t >= design.breakAt!), window).damping;
  const horizon = Math.max(0, monthTime(horizonDate) - tRef);
  // Damped trend: the slope fades by phi each month, so the effective horizon is Σ phi^k.
  const effective = dampedSteps(phi, horizon);
  const horizonMonth = ((Math.round(monthTime(horizonDate)) % 12) + 12) % 12;
  const x = row({ t: tRef + effective, month: horizonMonth }, tRef, design);
  const mean = dot(x, model.coefficients);
  // A near-perfect fit would give a zero-width interval; keep a floor so probabilities stay honest.
  const sigma2 = Math.max(model.sigma2, 1e-6 * (1 + mean * mean));
  // Residuals of monthly series are usually autocorrelated, which makes least squares overconfident
  // about the trend: inflate the parameter part by (1 + ρ) / (1 − ρ), the AR(1) variance factor.
  const rho = Math.min(0.9, Math.max(0, lagOneAutocorrelation(model.residuals)));
  const inflation = (1 + rho) / (1 - rho);
  const scale = Math.sqrt(sigma2 * (1 + inflation * quadraticForm(model.covarianceUnscaled, x)));
  const q = tQuantile(0.5 + level / 2, model.df);
  const clip = (v: number) => Math.min(options.bounds?.max ?? Infinity, Math.max(options.bounds?.min ?? -Infinity, v));
  const levelRow = row({ t: tRef, month: last.month }, tRef, { ...design, seasonal: false });
  const k = trendColumns(design);
  // The slope now: the base slope plus the change after a slope break.
  const breakStep = design.breakKind === 'level' || design.breakKind === 'both' ? model.coefficients[2]! : 0;
  const breakPaceChange = design.breakKind === 'slope' ? model.coefficients[2]! : design.breakKind === 'both' ? model.coefficients[3]! : 0;
  const slopeNow = model.coefficients[1]! + breakPaceChange;
  return {
    mean: clip(mean),
    center: mean,
    low: clip(mean - q * scale),
    high: clip(mean + q * scale),
    level,
    scale,
    df: model.df,
    slopePerMonth: slopeNow,
    levelAtLast: dot(levelRow, model.coefficients.slice(0, k)),
    seasonal: design.seasonal,
    levelShiftFrom: design.breakAt === null ? null : monthCode(design.breakAt),
    breakKind: design.breakKind,
    breakStep,
    breakPaceChange,
    damping: phi,
    points: pts.length,
    horizonMonths: horizon,
  };
}

/**
 * `studentTQuantile` remembered: it bisects a hundred times and every series asks for one of a few
 * (level, df) pairs. Same function, same inputs, same result.
 */
export function tQuantile(p: number, df: number): number {
  const key = `${p}|${df}`;
  let q = quantiles.get(key);
  if (q === undefined) {
    if (quantiles.size >= 4096) quantiles.clear();
    q = studentTQuantile(p, df);
    quantiles.set(key, q);
  }
  return q;
}

const quantiles = new Map<string, number>();

/** The residuals' lag-one autocorrelation (0 under four of them): how much one month's error carries into the next. */
export function lagOneAutocorrelation(residuals: readonly number[]): number {
  if (residuals.length < 4) return 0;
  let num = 0;
  let den = 0;
  for (let i = 0; i < residuals.length; i++) {
    den += residuals[i]! ** 2;
    if (i > 0) num += residuals[i]! * residuals[i - 1]!;
  }
  return den > 0 ? num / den : 0;
}

/** P(value at the horizon < x) under the forecast's predictive distribution (before clipping). */
export function probabilityBelow(forecast: TrendForecast, x: number): number {
  return studentTCdf((x - forecast.center) / forecast.scale, forecast.df);
}
