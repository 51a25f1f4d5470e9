import { studentTCdf, studentTQuantile } from '../forecasting/statistics.ts';
import { message, renderMessage, type Message } from '../messages/message.ts';

/*
 * The effect of a pilot with comparison ("thí điểm có đối chứng") by difference in differences.
 *
 * WHY THIS METHOD. A pilot has few units (2–10 per group) and monthly values that are autocorrelated
 * (a ward above its trend in March is likely above it in April). Pooling every unit-month into one
 * regression and using its textbook standard error treats 12 months of one ward as 12 independent
 * facts, and its interval is far too narrow; cluster-robust errors need many clusters. So the
 * estimate is made at the level of the unit, the level at which units were assigned:
 *
 *   1. each unit's change  d_i = mean(its post-start months) − mean(its pre-start months);
 *   2. effect = mean(d_i over treated units) − mean(d_i over comparison units);
 *   3. interval: Welch's t on the two groups of d_i (standard error √(s²_T/n_T + s²_C/n_C),
 *      Welch–Satterthwaite degrees of freedom, capped at 2·(n_small − 1)).
 *
 * The months of one unit collapse into one number, so whatever their autocorrelation, each d_i is
 * one independent draw per unit; a unit's own level cancels in d_i; a trend and seasonality common to
 * all units cancel between the groups (both groups cover the same calendar months). Welch allows the
 * two groups different spreads and, through its few degrees of freedom, is honest with 2–3 units. The
 * cap on the degrees of freedom is ours, not the textbook's: with 2 treated units against 8
 * comparison units whose effects differ, Welch–Satterthwaite trusts the 2 units' variance as if it
 * were known far better than 1 degree of freedom allows, and the 90 % interval covered only 83 % of
 * simulated pilots (null rejected 14–30 %); capped, 87–91 %, while balanced groups are untouched
 * (their Welch df never exceeds the cap by much). Hsu's min(n_T, n_C) − 1 was tried and is too
 * conservative (96 % overall). The coverage test (difference-in-differences.coverage.test.ts)
 * measures all of it on simulated pilots.
 *
 * What it assumes: without the pilot, treated and comparison units would have changed alike
 * (parallel trends) — checked on the pre-start months, reported as a warning, never "fixed"; units
 * independent of one another; gaps few enough not to tilt a unit's means (a unit missing more than a
 * third of either window is left out and named).
 *
 * The estimate is the average effect over the post window observed, in the indicator's own unit (a
 * pilot whose effect builds up over months reports the mean over the months so far).
 */

export interface UnitMonthlySeries {
  unit: string;
  /** Month code ("2026-03") → value; a missing month or a null value is a gap. */
  values: Readonly<Record<string, number | null>>;
}

export interface DidInput {
  treated: readonly UnitMonthlySeries[];
  comparison: readonly UnitMonthlySeries[];
  /** First month of the pilot ("2026-03"): months before it are "pre", from it on "post". */
  start: string;
  /** Last month of the post window; default: the last month with any value. */
  end?: string | null;
  /** First month of the pre window; default: the first month with any value. */
  preFrom?: string | null;
  /** Confidence level of the interval, 0.5–0.999; default 0.9. */
  confidence?: number;
}

export type InsufficiencyCode = 'invalid_window' | 'no_units' | 'too_few_units' | 'too_few_pre_months' | 'too_few_post_months' | 'too_many_gaps' | 'no_spread';
export type WarningCode = 'pre_trends_differ' | 'units_left_out' | 'few_degrees_of_freedom';

/**
 * A reason or warning: a stable code for programs, and the sentence in Vietnamese and in English,
 * each said whole from the catalogue (`pilot.did.*`), so a reader of either language reads only theirs.
 */
export interface DidMessage<C extends string> {
  code: C;
  vi: string;
  en: string;
}

export interface DidGroupSummary {
  /** Units that counted (enough months, few gaps). */
  units: number;
  /** Mean over units of each unit's mean before / after the start, and the change between them. */
  preMean: number | null;
  postMean: number | null;
  change: number | null;
  /** Unit-months that counted, before and after. */
  preObservations: number;
  postObservations: number;
}

export interface PreTrendCheck {
  /** Mean pre-start slope per month, treated minus comparison. */
  slopeDifference: number;
  /** Two-sided p-value of "the slopes are the same" (Welch on unit slopes). */
  pValue: number;
  /** False when p < 0.1: the groups were already drifting apart before the start. */
  parallel: boolean;
}

export interface DidEstimate {
  sufficient: boolean;
  /** Why there is no (trustworthy) estimate; null when sufficient. */
  reason: DidMessage<InsufficiencyCode> | null;
  /** Change in treated minus change in comparison, in the indicator's unit; null without units in both groups. */
  effect: number | null;
  /** The interval at `confidence`; null when insufficient. */
  interval: { low: number; high: number; level: number } | null;
  standardError: number | null;
  degreesOfFreedom: number | null;
  /** Two-sided p-value of "no effect". */
  pValue: number | null;
  window: { preFrom: string; preTo: string; postFrom: string; postTo: string } | null;
  treated: DidGroupSummary;
  comparison: DidGroupSummary;
  preTrend: PreTrendCheck | null;
  warnings: DidMessage<WarningCode>[];
  /** Units given but not counted, and why (too few months or too many gaps). */
  excludedUnits: { unit: string; group: 'treated' | 'comparison'; reason: 'too_few_pre_months' | 'too_few_post_months' | 'too_many_gaps' }[];
}

export const DEFAULT_CONFIDENCE = 0.9;
/** At least this many observed months per unit on each side of the start. */
export const MIN_MONTHS_PER_SIDE = 3;
/** A unit missing more than this share of either window is left out. */
export const MAX_GAP_SHARE = 1 / 3;
/** At least this many units per group for an interval (one unit says nothing about spread). */
export const MIN_UNITS_PER_GROUP = 2;
/** Pre-trend p-value below which the warning is raised. */
export const PRE_TREND_ALPHA = 0.1;

const MONTH = /^(\d{4})-(\d{2})$/;

/** Month code → months since year 0 (so windows are integer ranges); null when not a month code. */
export function monthIndex(code: string): number | null {
  const m = MONTH.exec(code);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

export function monthCode(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A reason or warning said in both languages: `said` in each, with `detail` (itself a message) said in the same language. */
function bothLanguages<C extends string>(code: C, said: Message, detail: Message | null = null): DidMessage<C> {
  const words = (lang: 'vi' | 'en') => renderMessage(detail ? message(said.code, { ...said.params, detail: renderMessage(detail, lang) }) : said, lang);
  return { code, vi: words('vi'), en: words('en') };
}

/** How many of what a reason says is needed. */
const MINIMUM: Partial<Record<InsufficiencyCode, number>> = {
  too_few_units: MIN_UNITS_PER_GROUP, too_few_pre_months: MIN_MONTHS_PER_SIDE, too_few_post_months: MIN_MONTHS_PER_SIDE,
};

function insufficient(code: InsufficiencyCode, detail: Message): DidMessage<InsufficiencyCode> {
  const min = MINIMUM[code];
  return bothLanguages(code, message(`pilot.did.${code}`, min === undefined ? {} : { min }), detail);
}

interface UnitSummary {
  unit: string;
  preMean: number;
  postMean: number;
  change: number;
  preSlope: number | null;
  preCount: number;
  postCount: number;
}

/**
 * Estimates a pilot's effect by difference in differences at unit level (see the comment at the top).
 *
 * @example
 * estimateDifferenceInDifferences({
 *   treated: [{ unit: 'P_A', values: { '2026-01': 10, '2026-02': 11, '2026-03': 10, '2026-04': 15, '2026-05': 16, '2026-06': 15 } }, …],
 *   comparison: [{ unit: 'P_C', values: { … } }, …],
 *   start: '2026-04',
 * });
 * // → { sufficient: true, effect: 4.8, interval: { low: 3.1, high: 6.5, level: 0.9 }, … }
 */
export function estimateDifferenceInDifferences(input: DidInput): DidEstimate {
  const level = input.confidence ?? DEFAULT_CONFIDENCE;
  const empty: DidGroupSummary = { units: 0, preMean: null, postMean: null, change: null, preObservations: 0, postObservations: 0 };
  const result: DidEstimate = {
    sufficient: false, reason: null, effect: null, interval: null, standardError: null, degreesOfFreedom: null, pValue: null,
    window: null, treated: empty, comparison: empty, preTrend: null, warnings: [], excludedUnits: [],
  };
  const fail = (code: InsufficiencyCode, detail: Message): DidEstimate => ({ ...result, reason: insufficient(code, detail) });

  if (!(level > 0.5 && level < 0.9995)) return fail('invalid_window', message('pilot.did.detail.confidence_level', { level }));
  const start = monthIndex(input.start);
  if (start === null) return fail('invalid_window', message('pilot.did.detail.start_month', { start: input.start }));
  if (input.treated.length === 0 || input.comparison.length === 0) {
    return fail('no_units', message(input.treated.length === 0 ? 'pilot.did.detail.treated_empty' : 'pilot.did.detail.comparison_empty'));
  }

  // The common window: every unit is judged on the same calendar months, so a trend or season
  // shared by all units cancels between the groups.
  const observed: number[] = [];
  for (const s of [...input.treated, ...input.comparison]) {
    for (const [period, value] of Object.entries(s.values)) {
      const i = monthIndex(period);
      if (i !== null && value !== null && Number.isFinite(value)) observed.push(i);
    }
  }
  const preFrom = input.preFrom ? monthIndex(input.preFrom) : observed.length ? Math.min(...observed) : null;
  const postTo = input.end ? monthIndex(input.end) : observed.length ? Math.max(...observed) : null;
  if (input.preFrom && preFrom === null) return fail('invalid_window', message('pilot.did.detail.month', { month: input.preFrom }));
  if (input.end && postTo === null) return fail('invalid_window', message('pilot.did.detail.month', { month: input.end }));
  if (preFrom === null || postTo === null || preFrom >= start) return fail('too_few_pre_months', message('pilot.did.detail.no_month_before'));
  if (postTo < start) return fail('too_few_post_months', message('pilot.did.detail.no_month_since'));
  result.window = { preFrom: monthCode(preFrom), preTo: monthCode(start - 1), postFrom: monthCode(start), postTo: monthCode(postTo) };
  const preLength = start - preFrom;
  const postLength = postTo - start + 1;
  if (preLength < MIN_MONTHS_PER_SIDE) return fail('too_few_pre_months', message('pilot.did.detail.months', { months: preLength }));
  if (postLength < MIN_MONTHS_PER_SIDE) return fail('too_few_post_months', message('pilot.did.detail.months', { months: postLength }));

  const summarise = (group: 'treated' | 'comparison', series: readonly UnitMonthlySeries[]): UnitSummary[] => {
    const out: UnitSummary[] = [];
    for (const s of series) {
      const pre: [number, number][] = [];
      const post: number[] = [];
      for (const [period, value] of Object.entries(s.values)) {
        const i = monthIndex(period);
        if (i === null || value === null || !Number.isFinite(value) || i < preFrom || i > postTo) continue;
        if (i < start) pre.push([i - preFrom, value]);
        else post.push(value);
      }
      const reason =
        pre.length < MIN_MONTHS_PER_SIDE ? 'too_few_pre_months'
        : post.length < MIN_MONTHS_PER_SIDE ? 'too_few_post_months'
        : pre.length < (1 - MAX_GAP_SHARE) * preLength || post.length < (1 - MAX_GAP_SHARE) * postLength ? 'too_many_gaps'
        : null;
      if (reason) {
        result.excludedUnits.push({ unit: s.unit, group, reason });
        continue;
      }
      const preMean = mean(pre.map(([, v]) => v));
      const postMean = mean(post);
      out.push({ unit: s.unit, preMean, postMean, change: postMean - preMean, preSlope: slope(pre), preCount: pre.length, postCount: post.length });
    }
    return out;
  };
  const treated = summarise('treated', input.treated);
  const comparison = summarise('comparison', input.comparison);
  result.treated = groupSummary(treated);
  result.comparison = groupSummary(comparison);
  if (treated.length > 0 && comparison.length > 0) result.effect = result.treated.change! - result.comparison.change!;
  if (result.excludedUnits.length) {
    const names = result.excludedUnits.map((e) => e.unit).join(', ');
    result.warnings.push(bothLanguages('units_left_out', message('pilot.did.units_left_out', { units: names })));
  }

  if (treated.length < MIN_UNITS_PER_GROUP || comparison.length < MIN_UNITS_PER_GROUP) {
    const small = treated.length < MIN_UNITS_PER_GROUP
      ? { said: message('pilot.did.detail.treated_units_with_data', { units: treated.length }), group: 'treated' }
      : { said: message('pilot.did.detail.comparison_units_with_data', { units: comparison.length }), group: 'comparison' };
    const excluded = result.excludedUnits.filter((e) => e.group === small.group);
    // Units there were, but their data were not enough: say which shortage it was.
    const code: InsufficiencyCode = excluded.length === 0 ? 'too_few_units' : mostCommon(excluded.map((e) => e.reason));
    return { ...result, reason: insufficient(code, small.said) };
  }

  const welch = welchInterval(treated.map((u) => u.change), comparison.map((u) => u.change), level);
  if (!welch) return { ...result, reason: insufficient('no_spread', message('pilot.did.detail.same_change')) };
  result.sufficient = true;
  result.standardError = welch.se;
  result.degreesOfFreedom = welch.df;
  result.interval = { low: result.effect! - welch.half, high: result.effect! + welch.half, level };
  result.pValue = welch.pValue(result.effect!);
  if (welch.df < 2) {
    result.warnings.push(bothLanguages('few_degrees_of_freedom', message('pilot.did.few_degrees_of_freedom')));
  }

  const slopesT = treated.map((u) => u.preSlope).filter((s): s is number => s !== null);
  const slopesC = comparison.map((u) => u.preSlope).filter((s): s is number => s !== null);
  const trendTest = welchInterval(slopesT, slopesC, level);
  if (trendTest) {
    const slopeDifference = mean(slopesT) - mean(slopesC);
    const pValue = trendTest.pValue(slopeDifference);
    result.preTrend = { slopeDifference, pValue, parallel: pValue >= PRE_TREND_ALPHA };
    if (pValue < PRE_TREND_ALPHA) {
      result.warnings.push(bothLanguages('pre_trends_differ', message('pilot.did.pre_trends_differ', { slope: round(slopeDifference, 3), p: round(pValue, 3) })));
    }
  }
  return result;
}

function groupSummary(units: UnitSummary[]): DidGroupSummary {
  if (units.length === 0) return { units: 0, preMean: null, postMean: null, change: null, preObservations: 0, postObservations: 0 };
  const preMean = mean(units.map((u) => u.preMean));
  const postMean = mean(units.map((u) => u.postMean));
  return {
    units: units.length, preMean, postMean, change: postMean - preMean,
    preObservations: units.reduce((s, u) => s + u.preCount, 0), postObservations: units.reduce((s, u) => s + u.postCount, 0),
  };
}

/**
 * Welch's interval for mean(a) − mean(b): half-width, standard error, Satterthwaite df (capped at
 * 2·(min(n_a, n_b) − 1), see the top of the file) and a p-value function; null when either group has
 * fewer than 2 values or both have no spread.
 */
export function welchInterval(a: readonly number[], b: readonly number[], level: number): { half: number; se: number; df: number; pValue: (diff: number) => number } | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const satterthwaite = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const df = Math.min(satterthwaite, 2 * (Math.min(a.length, b.length) - 1));
  const se = Math.sqrt(se2);
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return { half: q * se, se, df, pValue: (diff) => 2 * (1 - studentTCdf(Math.abs(diff) / se, df)) };
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sample variance (n − 1). */
function variance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}

/** Least-squares slope of value on month; null with fewer than 2 distinct months. */
function slope(points: readonly [number, number][]): number | null {
  if (points.length < 2) return null;
  const mx = mean(points.map(([x]) => x));
  const my = mean(points.map(([, y]) => y));
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  return sxx > 0 ? sxy / sxx : null;
}

function mostCommon<T extends string>(values: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
