/**
 * FROZEN REFERENCE — test-only. A verbatim copy of the forecaster (forecast.ts) and of the
 * statistics helpers it calls (statistics.ts) as they stood on 22/11/2026 before the speed-up, kept
 * so that `forecast-equivalence.test.ts` can prove the optimised forecaster returns the same results.
 * Never import this from production code and never edit it: it is the yardstick, not the product.
 */
/**
 * A generic forecaster for monthly indicator series: a damped local linear trend fitted by least
 * squares on the recent window, with an optional level shift (a sudden change such as a new system
 * going live) and optional month-of-year seasonality, and a Student-t prediction interval from the
 * residuals. Nothing here knows how the demo simulator makes its series.
 */

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
  /** Monthly damping of the trend (Gardner's damped trend); 1 = straight line. 0.97 by default. */
  damping?: number;
  /** Physical bounds of the measure (e.g. 0–100 for a percentage); the interval is clipped to them. */
  bounds?: { min?: number; max?: number };
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

function fit(points: Observed[], tRef: number, d: Design): LeastSquaresFit | null {
  return leastSquares(points.map((p) => row(p, tRef, d)), points.map((p) => p.y));
}

/**
 * Whether month-of-year effects are real: needs at least 24 observed months spanning two years,
 * and an F-test of the seasonal terms against the trend-only model at p < 0.01.
 *
 * @example
 * detectSeasonality(series).seasonal // true for a series with a Tết dip every February
 */
export function detectSeasonality(series: SeriesPoint[]): { seasonal: boolean; pValue: number | null; effects: number[] | null } {
  const pts = observed(series);
  if (pts.length < 24 || pts[pts.length - 1]!.t - pts[0]!.t < 23) return { seasonal: false, pValue: null, effects: null };
  const tRef = pts[pts.length - 1]!.t;
  const brk = detectBreak(pts, tRef);
  const base = fit(pts, tRef, { seasonal: false, ...brk });
  const full = fit(pts, tRef, { seasonal: true, ...brk });
  if (!base || !full || full.df < 3) return { seasonal: false, pValue: null, effects: null };
  const f = (base.rss - full.rss) / 11 / (full.rss / full.df || 1e-12);
  const pValue = fSurvival(f, 11, full.df);
  const k = trendColumns({ seasonal: true, ...brk });
  const eff = full.coefficients.slice(k, k + 11);
  eff.push(-eff.reduce((s, v) => s + v, 0));
  return { seasonal: pValue < 0.01, pValue, effects: eff };
}

/**
 * A structural break — a sudden change of level (a new system going live), a change of pace (a
 * unit that stalls or recovers), or both — chosen among every month with enough data on each side
 * by the Bayesian information criterion, with the break's month counted as a parameter. Kept only
 * when it beats the unbroken trend by BREAK_BIC_MARGIN, so noise does not bend the trend.
 */
function detectBreak(pts: Observed[], tRef: number): Pick<Design, 'breakAt' | 'breakKind'> {
  if (pts.length < 9) return NO_BREAK;
  const n = pts.length;
  const bic = (f: LeastSquaresFit, p: number) => n * Math.log(Math.max(f.rss, 1e-12) / n) + p * Math.log(n);
  const base = fit(pts, tRef, { seasonal: false, ...NO_BREAK });
  if (!base) return NO_BREAK;
  let best: { score: number; design: Pick<Design, 'breakAt' | 'breakKind'> } = { score: bic(base, 2), design: NO_BREAK };
  const baseScore = best.score;
  for (let i = 3; i <= n - 4; i++) {
    const at = pts[i]!.t;
    for (const kind of ['level', 'slope', 'both'] as const) {
      const f = fit(pts, tRef, { seasonal: false, breakAt: at, breakKind: kind });
      if (!f) continue;
      const score = bic(f, 2 + (kind === 'both' ? 2 : 1) + 1);
      if (score < best.score) best = { score, design: { breakAt: at, breakKind: kind } };
    }
  }
  return baseScore - best.score > BREAK_BIC_MARGIN ? best.design : NO_BREAK;
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
  const phi = options.damping ?? 0.97;
  const all = observed(series);
  if (all.length < 3) return null;
  const last = all[all.length - 1]!;
  const seasonality = detectSeasonality(series);
  // Seasonality needs two years of history even when the trend looks at fewer.
  const from = last.t - (seasonality.seasonal ? Math.max(window, 36) : window) + 1;
  const pts = all.filter((p) => p.t >= from);
  if (pts.length < 3) return null;
  const tRef = last.t;
  let design: Design = { seasonal: seasonality.seasonal && pts.length >= 24, ...detectBreak(pts, tRef) };
  let model = fit(pts, tRef, design);
  if (!model && design.seasonal) {
    design = { ...design, seasonal: false };
    model = fit(pts, tRef, design);
  }
  if (!model) {
    design = { seasonal: false, ...NO_BREAK };
    model = fit(pts, tRef, design);
  }
  if (!model) return null;

  const horizon = Math.max(0, monthTime(horizonDate) - tRef);
  // Damped trend: the slope fades by phi each month, so the effective horizon is Σ phi^k.
  const effective = phi >= 1 ? horizon : (phi * (1 - Math.pow(phi, horizon))) / (1 - phi);
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
  const q = studentTQuantile(0.5 + level / 2, model.df);
  const clip = (v: number) => Math.min(options.bounds?.max ?? Infinity, Math.max(options.bounds?.min ?? -Infinity, v));
  const levelRow = row({ t: tRef, month: last.month }, tRef, { ...design, seasonal: false });
  const k = trendColumns(design);
  // The slope now: the base slope plus the change after a slope break.
  const slopeNow = model.coefficients[1]! + (design.breakKind === 'slope' ? model.coefficients[2]! : design.breakKind === 'both' ? model.coefficients[3]! : 0);
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
    points: pts.length,
    horizonMonths: horizon,
  };
}

function lagOneAutocorrelation(residuals: number[]): number {
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

// ---- statistics.ts (verbatim, the parts the forecaster uses) ----

/** Solves the symmetric positive system `a·x = b` by Gauss–Jordan with partial pivoting; null when singular. */
export function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r]!;
      const f = row[col]! / p[col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = row[c]! - f * p[c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Inverse of a small symmetric positive matrix; null when singular. */
export function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const e = Array.from({ length: n }, (_, i) => (i === j ? 1 : 0));
    const x = solve(a, e);
    if (!x) return null;
    cols.push(x);
  }
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
}

export interface LeastSquaresFit {
  coefficients: number[];
  /** (XᵀX)⁻¹, for prediction variance. */
  covarianceUnscaled: number[][];
  residuals: number[];
  /** Residual variance with n − p degrees of freedom. */
  sigma2: number;
  df: number;
  rss: number;
}

/** Ordinary least squares of `y` on the rows of `x`; null when the design is singular or has no spare degree of freedom. */
export function leastSquares(x: number[][], y: number[]): LeastSquaresFit | null {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  if (n <= p || p === 0) return null;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const row = x[i]!;
    for (let a = 0; a < p; a++) {
      xty[a] = xty[a]! + row[a]! * y[i]!;
      for (let b = 0; b < p; b++) xtx[a]![b] = xtx[a]![b]! + row[a]! * row[b]!;
    }
  }
  const inv = invert(xtx);
  if (!inv) return null;
  const coefficients = inv.map((r) => r.reduce((s, v, j) => s + v * xty[j]!, 0));
  const residuals = y.map((v, i) => v - dot(x[i]!, coefficients));
  const rss = residuals.reduce((s, r) => s + r * r, 0);
  const df = n - p;
  return { coefficients, covarianceUnscaled: inv, residuals, sigma2: rss / df, df, rss };
}

export function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** xᵀ·M·x. */
export function quadraticForm(m: number[][], x: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) s += x[i]! * m[i]![j]! * x[j]!;
  return s;
}

function logGamma(x: number): number {
  // Lanczos approximation, g = 7.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the regularized incomplete beta (Numerical Recipes' betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The t with P(T ≤ t) = p, by bisection (monotone, so exact enough for intervals). */
export function studentTQuantile(p: number, df: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let lo = -1000;
  let hi = 1000;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/** F-distribution upper tail P(F > f) for (d1, d2) degrees of freedom. */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}
