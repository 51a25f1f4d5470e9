/**
 * Least squares for the forecaster's own designs (trend, structural break, month effects) without
 * building a row array per observation. Break detection fits dozens of candidate designs per series,
 * and allocating rows, normal matrices and p augmented copies for each fit was most of the
 * whole-city evaluation's time.
 *
 * The arithmetic is `leastSquares` (statistics.ts) operation for operation — same products, same
 * summation order, same pivots — so the results are bit-identical (forecast-equivalence.test.ts checks
 * it against the frozen reference, with no tolerance). What differs is only which identical work is
 * done once: buffers are reused; the p unit-vector solves of the inverse share one Gauss–Jordan pass
 * (pivots and elimination factors depend on the matrix alone, never on the right-hand side); sums
 * shared by several designs are computed once (see `breakRss`); and zero terms, which cannot change
 * a sum, are skipped (see `solve`).
 */
import type { LeastSquaresFit } from './statistics.ts';

export interface FitDesign {
  seasonal: boolean;
  breakAt: number | null;
  breakKind: 'level' | 'slope' | 'both' | null;
}

/** Widest design: intercept, slope, level step, slope change, 11 month effects. */
const MAX_COLUMNS = 15;

/**
 * Scratch space shared by every fitter: each method fills what it reads before reading it and
 * nothing here awaits or re-enters, so one set serves all and a fitter costs no buffer allocation.
 */
const shared = {
  row: new Float64Array(MAX_COLUMNS),
  xtx: new Float64Array(MAX_COLUMNS * MAX_COLUMNS),
  xty: new Float64Array(MAX_COLUMNS),
  augmented: new Float64Array(MAX_COLUMNS * 2 * MAX_COLUMNS),
  order: new Int32Array(MAX_COLUMNS),
  inverse: new Float64Array(MAX_COLUMNS * MAX_COLUMNS),
  coefficients: new Float64Array(MAX_COLUMNS),
  kindCoefficients: new Float64Array(12),
  nonZero: new Int32Array(MAX_COLUMNS),
};

/**
 * Observations in time order as flat arrays, with scratch buffers for fitting designs on them.
 *
 * @example
 * const fitter = new DesignFitter(points);
 * fitter.rss(tRef, { seasonal: false, breakAt: null, breakKind: null }) // residual sum of squares, or null
 */
export class DesignFitter {
  readonly n: number;
  private readonly t: Float64Array;
  private readonly month: Int32Array;
  private readonly y: Float64Array;
  private readonly row = shared.row;
  private readonly xtx = shared.xtx;
  private readonly xty = shared.xty;
  /** [XᵀX | I], p rows of 2p, permuted through `order` instead of swapping memory. */
  private readonly augmented = shared.augmented;
  private readonly order = shared.order;
  private readonly inverse = shared.inverse;
  private readonly coefficients = shared.coefficients;
  private readonly nonZero = shared.nonZero;

  constructor(points: readonly { t: number; month: number; y: number }[]) {
    this.n = points.length;
    this.t = new Float64Array(this.n);
    this.month = new Int32Array(this.n);
    this.y = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const p = points[i]!;
      this.t[i] = p.t;
      this.month[i] = p.month;
      this.y[i] = p.y;
    }
  }

  /** Time of the i-th observation (month number). */
  timeAt(i: number): number {
    return this.t[i]!;
  }

  /** Residual sum of squares of the design, or null when `leastSquares` would return null. */
  rss(tRef: number, d: FitDesign): number | null {
    const p = this.solve(tRef, d);
    if (p === 0) return null;
    const { n, y, row, coefficients } = this;
    let rss = 0;
    for (let i = 0; i < n; i++) {
      this.fillRow(i, tRef, d);
      let s = 0;
      for (let k = 0; k < p; k++) s += row[k]! * coefficients[k]!;
      const r = y[i]! - s;
      rss = rss + r * r;
    }
    return rss;
  }

  /** The whole fit, exactly as `leastSquares` on the design's rows would return it. */
  fit(tRef: number, d: FitDesign): LeastSquaresFit | null {
    const p = this.solve(tRef, d);
    if (p === 0) return null;
    const { n, y, row, inverse } = this;
    const coefficients = new Array<number>(p);
    for (let a = 0; a < p; a++) coefficients[a] = this.coefficients[a]!;
    const covarianceUnscaled: number[][] = [];
    for (let a = 0; a < p; a++) {
      const r = new Array<number>(p);
      for (let b = 0; b < p; b++) r[b] = inverse[a * p + b]!;
      covarianceUnscaled.push(r);
    }
    const residuals = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      this.fillRow(i, tRef, d);
      let s = 0;
      for (let k = 0; k < p; k++) s += row[k]! * coefficients[k]!;
      residuals[i] = y[i]! - s;
    }
    const rss = residuals.reduce((s, r) => s + r * r, 0);
    const df = n - p;
    return { coefficients, covarianceUnscaled, residuals, sigma2: rss / df, df, rss };
  }

  /** Writes the design row of observation i into `row`; returns its length (same as forecast.ts `row`). */
  private fillRow(i: number, tRef: number, d: FitDesign): number {
    const row = this.row;
    const t = this.t[i]!;
    let p = 0;
    row[p++] = 1;
    row[p++] = t - tRef;
    if (d.breakAt !== null && (d.breakKind === 'level' || d.breakKind === 'both')) row[p++] = t >= d.breakAt ? 1 : 0;
    if (d.breakAt !== null && (d.breakKind === 'slope' || d.breakKind === 'both')) row[p++] = Math.max(t, d.breakAt) - tRef;
    if (d.seasonal) {
      const month = this.month[i]!;
      for (let m = 0; m < 11; m++) row[p++] = month === m ? 1 : month === 11 ? -1 : 0;
    }
    return p;
  }

  private columns(d: FitDesign): number {
    let p = 2;
    if (d.breakAt !== null && (d.breakKind === 'level' || d.breakKind === 'both')) p++;
    if (d.breakAt !== null && (d.breakKind === 'slope' || d.breakKind === 'both')) p++;
    if (d.seasonal) p += 11;
    return p;
  }

  /**
   * Normal equations, inverse and coefficients into the scratch buffers; returns the number of
   * columns, or 0 when the design has no spare degree of freedom or is singular.
   */
  private solve(tRef: number, d: FitDesign): number {
    const { n, y, row, xtx, xty } = this;
    const p = this.columns(d);
    if (n <= p) return 0;
    xtx.fill(0, 0, p * p);
    xty.fill(0, 0, p);
    // Only the non-zero entries of a row are accumulated: a zero entry times a finite number is ±0,
    // and adding ±0 leaves any of these sums unchanged (they start at +0 and a sum in round-to-nearest
    // is −0 only when both terms are), so skipping them is exact. Month rows have one non-zero
    // month column out of eleven, which is most of a seasonal fit's work.
    const nonZero = this.nonZero;
    for (let i = 0; i < n; i++) {
      this.fillRow(i, tRef, d);
      const yi = y[i]!;
      let count = 0;
      for (let a = 0; a < p; a++) if (row[a] !== 0) nonZero[count++] = a;
      for (let ai = 0; ai < count; ai++) {
        const a = nonZero[ai]!;
        const ra = row[a]!;
        xty[a] = xty[a]! + ra * yi;
        const base = a * p;
        for (let bi = 0; bi < count; bi++) {
          const b = nonZero[bi]!;
          xtx[base + b] = xtx[base + b]! + ra * row[b]!;
        }
      }
    }
    return this.solveNormal(p);
  }

  /**
   * Residual sums of squares of the three break designs at month `at` (level step, slope change,
   * both; in that order into `out`, NaN where `leastSquares` would return null), as `rss` would give
   * them one by one. Every entry of XᵀX and Xᵀy is a sum over the observations in time order of one
   * product of two columns; those sums are the same whatever other columns the design has, so the
   * trend columns' sums are shared by all candidates and the break columns' by the three kinds.
   */
  breakRss(tRef: number, at: number, out: Float64Array): void {
    const { n, t, y, xtx, xty, coefficients } = this;
    const trend = this.trendSums(tRef);
    let s0 = 0, s1 = 0, ss = 0, sy = 0, m0 = 0, m1 = 0, mm = 0, my = 0, sm = 0;
    for (let i = 0; i < n; i++) {
      const ti = t[i]!;
      const dt = ti - tRef;
      const step = ti >= at ? 1 : 0;
      const pace = Math.max(ti, at) - tRef;
      const yi = y[i]!;
      s0 = s0 + step * 1; s1 = s1 + step * dt; ss = ss + step * step; sy = sy + step * yi;
      m0 = m0 + pace * 1; m1 = m1 + pace * dt; mm = mm + pace * pace; my = my + pace * yi;
      sm = sm + step * pace;
    }
    out[0] = out[1] = out[2] = NaN;
    let solved = 0;
    for (let kind = 0; kind < 3; kind++) {
      // Columns: 1, t − tRef, then the step (level, both) and/or the pace (slope, both).
      const p = kind === 2 ? 4 : 3;
      if (n <= p) continue;
      const c0 = kind === 1 ? m0 : s0, c1 = kind === 1 ? m1 : s1, cc = kind === 1 ? mm : ss, cy = kind === 1 ? my : sy;
      xtx[0] = trend[0]!; xtx[1] = trend[1]!; xtx[2] = c0;
      xtx[p] = trend[1]!; xtx[p + 1] = trend[2]!; xtx[p + 2] = c1;
      xtx[2 * p] = c0; xtx[2 * p + 1] = c1; xtx[2 * p + 2] = cc;
      xty[0] = trend[3]!; xty[1] = trend[4]!; xty[2] = cy;
      if (p === 4) {
        xtx[3] = m0; xtx[p + 3] = m1; xtx[2 * p + 3] = sm;
        xtx[3 * p] = m0; xtx[3 * p + 1] = m1; xtx[3 * p + 2] = sm; xtx[3 * p + 3] = mm;
        xty[3] = my;
      }
      if (this.solveNormal(p) === 0) continue;
      solved |= 1 << kind;
      this.kindCoefficients.set(coefficients.subarray(0, p), kind * 4);
    }
    const k = this.kindCoefficients;
    let r0 = 0, r1 = 0, r2 = 0;
    for (let i = 0; i < n; i++) {
      const ti = t[i]!;
      const dt = ti - tRef;
      const step = ti >= at ? 1 : 0;
      const pace = Math.max(ti, at) - tRef;
      const yi = y[i]!;
      let f = 0;
      f += 1 * k[0]!; f += dt * k[1]!; f += step * k[2]!;
      const e0 = yi - f;
      r0 = r0 + e0 * e0;
      f = 0;
      f += 1 * k[4]!; f += dt * k[5]!; f += pace * k[6]!;
      const e1 = yi - f;
      r1 = r1 + e1 * e1;
      f = 0;
      f += 1 * k[8]!; f += dt * k[9]!; f += step * k[10]!; f += pace * k[11]!;
      const e2 = yi - f;
      r2 = r2 + e2 * e2;
    }
    if (solved & 1) out[0] = r0;
    if (solved & 2) out[1] = r1;
    if (solved & 4) out[2] = r2;
  }

  private readonly kindCoefficients = shared.kindCoefficients;
  private trendRef = NaN;
  private readonly trend = new Float64Array(5);

  /** Σ1·1, Σ1·dt, Σdt·dt, Σ1·y, Σdt·y over the observations in order, for reference month tRef. */
  private trendSums(tRef: number): Float64Array {
    if (this.trendRef === tRef) return this.trend;
    const { n, t, y } = this;
    let a = 0, b = 0, c = 0, d = 0, e = 0;
    for (let i = 0; i < n; i++) {
      const dt = t[i]! - tRef;
      const yi = y[i]!;
      a = a + 1 * 1; b = b + 1 * dt; c = c + dt * dt; d = d + 1 * yi; e = e + dt * yi;
    }
    this.trend.set([a, b, c, d, e]);
    this.trendRef = tRef;
    return this.trend;
  }

  /** Inverse and coefficients from the normal equations in `xtx`/`xty`; p, or 0 when singular. */
  private solveNormal(p: number): number {
    const { xtx, xty, augmented, order, inverse, coefficients } = this;
    // Gauss–Jordan with partial pivoting on [XᵀX | I], as `solve` does once per unit vector.
    const w = 2 * p;
    for (let r = 0; r < p; r++) {
      order[r] = r * w;
      for (let c = 0; c < p; c++) augmented[r * w + c] = xtx[r * p + c]!;
      for (let c = 0; c < p; c++) augmented[r * w + p + c] = r === c ? 1 : 0;
    }
    for (let col = 0; col < p; col++) {
      let pivot = col;
      for (let r = col + 1; r < p; r++) if (Math.abs(augmented[order[r]! + col]!) > Math.abs(augmented[order[pivot]! + col]!)) pivot = r;
      if (Math.abs(augmented[order[pivot]! + col]!) < 1e-12) return 0;
      const swapped = order[col]!;
      order[col] = order[pivot]!;
      order[pivot] = swapped;
      const pr = order[col]!;
      for (let r = 0; r < p; r++) {
        if (r === col) continue;
        const rr = order[r]!;
        const f = augmented[rr + col]! / augmented[pr + col]!;
        if (f === 0) continue;
        for (let c = col; c < w; c++) augmented[rr + c] = augmented[rr + c]! - f * augmented[pr + c]!;
      }
    }
    for (let i = 0; i < p; i++) {
      const ri = order[i]!;
      const diagonal = augmented[ri + i]!;
      for (let j = 0; j < p; j++) inverse[i * p + j] = augmented[ri + p + j]! / diagonal;
    }
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let j = 0; j < p; j++) s = s + inverse[a * p + j]! * xty[j]!;
      coefficients[a] = s;
    }
    return p;
  }
}
