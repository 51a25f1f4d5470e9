/**
 * Calibration of pMiss: the forecast's own probability of missing is overconfident where its model
 * leaves something out (a saturating curve's rate is taken as known, a trend cannot foresee a late
 * jump, a seasonal effect is estimated from two Decembers). The calibration maps the raw probability
 * to the share of targets that actually missed among those given it, learnt by isotonic regression
 * (monotone, so a higher raw pMiss never becomes a lower one) separately per model, per distance
 * from the latest value to the due date, per distance still to go to the goal, and per what the
 * series shows of its own reliability (gaps, the width of its interval: `seriesSituation`).
 *
 * The map is data (pmiss-calibration-table.ts), fitted by `npx theodoi warn calibrate` on generator
 * seeds kept apart from the ones the backtest reports (see docs/evaluation.md); between its
 * breakpoints it is linear, beyond them flat — but only over the raw values it was fitted on (its
 * support): a map learnt from targets the model all but wrote off says nothing about one the model
 * expects to make it, so such a raw value is read by a coarser map that has seen it (held so that a
 * higher raw value never reads lower). Pure and deterministic.
 */
import type { ForecastModel } from './forecast-target.ts';
import { PMISS_CALIBRATION } from './pmiss-calibration-table.ts';

/** Upper ends (months from the latest value to the due date) of the horizon buckets; the last bucket is open. */
export const CALIBRATION_HORIZONS = [3, 6, 9] as const;

/** A calibration key: `h<bucket>|<model>` (e.g. "h2|saturating"). */
export type CalibrationKey = string;

/** One map: breakpoints [raw pMiss, calibrated pMiss], raw increasing, calibrated non-decreasing. */
export interface CalibrationCurve {
  /**
   * The raw pMiss the map has seen enough of: at least SUPPORT_EVALUATIONS of the evaluations it was
   * fitted on lie at or below the lower end, and as many at or above the upper end. A map fitted on
   * a situation where the model nearly always said "miss" (a goal far away, a narrow interval) had
   * one breakpoint near a raw 1 and, flat beyond it, gave 0.91 to a climb at twice the pace it needs,
   * which the model gave 0.
   */
  support: readonly [number, number];
  points: readonly (readonly [number, number])[];
}

/**
 * Evaluations a map must have seen at or beyond each end of its support: half of the fewest behind
 * one of its breakpoints (CALIBRATION_MIN_BLOCK in fit-calibration.ts). A percentile would not do:
 * a map of 600 evaluations, 40 of them at a raw 0, pools those into its one block at 0.93 and reads
 * 0.91 there, while its 2.5th percentile is 0.
 */
export const SUPPORT_EVALUATIONS = 100;

export interface CalibrationTable {
  /** How and on what the table was fitted (command, seeds, cases). */
  fittedBy: string;
  curves: Readonly<Record<CalibrationKey, CalibrationCurve>>;
}

/** The bucket of a horizon in months: 0 for ≤ 3, 1 for ≤ 6, 2 for ≤ 9, 3 beyond. */
export function horizonBucket(monthsAhead: number): number {
  let b = 0;
  while (b < CALIBRATION_HORIZONS.length && monthsAhead > CALIBRATION_HORIZONS[b]!) b++;
  return b;
}

/**
 * What a calibration map is keyed by besides the horizon: the forecast model, or — for the rule used
 * with fewer than 3 values — the situation the rule judged. A target whose latest value already
 * meets its goal misses only by falling back below it, which is rare; one merely on its path misses
 * whenever the progress it still needs does not come. Pooled, the second kind's base rate would make
 * a met target read "at risk", so each situation (met or not, behind the path or not) has its own map,
 * each the share that missed among targets in it.
 */
export type CalibrationModel = Exclude<ForecastModel, 'break'> | BreakDirection | 'fallback_met' | 'fallback_met_slipping' | 'fallback_on_path' | 'fallback_behind';

/**
 * A forecast resting on a structural break is mapped by which way the break went: towards the goal
 * (a programme started, a new system lifted the figure, the pace picked up) or away from it (the
 * pace fell off, a step down). The two read alike to the model — a line since the break — and not
 * at all alike to the outcome: a climb that has just started keeps climbing far more often than one
 * that has just slowed recovers, and pooled, a programme's first months on course read "at risk".
 */
export type BreakDirection = 'break_toward' | 'break_away';

/**
 * @example
 * breakDirection({ breakStep: 0, breakPaceChange: 1.5 }, true) // 'break_toward': the climb sped up, the goal is above
 */
export function breakDirection(change: { breakStep: number; breakPaceChange: number }, goalAbove: boolean): BreakDirection {
  // The pace decides the months ahead; a step alone, when the pace did not change.
  const moved = change.breakPaceChange !== 0 ? change.breakPaceChange : change.breakStep;
  return (goalAbove ? moved > 0 : moved < 0) ? 'break_toward' : 'break_away';
}

/** What a pMiss was calibrated by: the keys its map was read by (see `calibratePMiss`). */
export interface CalibrationBasis {
  monthsAhead: number;
  model: CalibrationModel;
  /** Distance still to go to the goal as a share of the scale; absent once the value meets the goal. */
  gapShare?: number;
  situation?: SeriesSituation;
}

/**
 * The fallback rule's calibration key.
 *
 * @example
 * fallbackModel(true, false) // 'fallback_met': at the goal and not below the path from it
 */
export function fallbackModel(meetsGoal: boolean, behindPath: boolean): CalibrationModel {
  if (meetsGoal) return behindPath ? 'fallback_met_slipping' : 'fallback_met';
  return behindPath ? 'fallback_behind' : 'fallback_on_path';
}

/**
 * Shares of the measure's scale between the latest value and the goal that separate a goal `near`
 * (under a tenth), `mid` and `far` (a fifth or more). A campaign, a new system going live or a
 * reclassification can move an indicator by a tenth or two of its range within a year, so a
 * forecast's near-certain miss is often rescued when the goal is close and almost never when it is
 * far (on the fitting seeds, of raw pMiss ≥ 0.99 more than six months out, 0.78 missed under 10
 * points of a percentage, 0.83–0.93 at 10–20, 0.97–0.99 beyond).
 */
export const GOAL_GAP_BOUNDS = [0.1, 0.2] as const;

/**
 * The distance from the latest value to the goal as a share of the measure's scale: 100 points for
 * a percentage, else the larger of the goal and the value (a count's scale is its own size).
 *
 * @example
 * goalGapShare(90, 72, '%') // 0.18: mid
 */
export function goalGapShare(goal: number, current: number, measure: string | null | undefined): number {
  const scale = measure === '%' ? 100 : Math.max(Math.abs(goal), Math.abs(current), 1);
  return Math.abs(goal - current) / scale;
}

/**
 * What the series itself shows about how far its forecast can be trusted, beyond the model and the
 * distance to the goal. Targets given the same raw pMiss by the same model at the same distance
 * still miss at different rates depending on it, and not always the same way round: on the fitting
 * seeds, of raw pMiss ≥ 0.95 from a trend more than 9 months out and 10–20 points short, 0.53 missed
 * with a narrow interval (a smooth slow climb, which a jump can still rescue), 0.99 with a very wide
 * one or through gaps; from a break 7–9 months out and under 10 points short, 0.94 with a wide
 * interval and 0.71 with a very wide one. Hence a map per situation rather than one correction:
 * - `gappy`: at least GAPPY_MISSING_SHARE of the months between the first and the latest value went
 *   unreported — the trend is read through holes;
 * - else by the forecast's 80 % interval, half its width against the distance still to go:
 *   `narrow` (under a tenth), `wide` (under a third), `very_wide` (the noise is as large as the way left).
 * Observable on the series alone; never the kind of shape a generator drew it from.
 */
export type SeriesSituation = 'gappy' | 'narrow' | 'wide' | 'very_wide';

/** Share of unreported months from which a series counts as `gappy`. */
export const GAPPY_MISSING_SHARE = 0.15;
/** Half-width of the forecast interval against the distance to the goal that separates narrow, wide and very wide. */
export const INTERVAL_WIDTH_BOUNDS = [0.1, 0.3] as const;

/**
 * Share of the months from the first value to the latest that went unreported.
 *
 * @example
 * missingMonthShare(9, monthNumber('2025-01'), monthNumber('2025-12')) // 0.25: 9 values over 12 months
 */
export function missingMonthShare(values: number, firstMonth: number, latestMonth: number): number {
  const span = latestMonth - firstMonth + 1;
  return span > 0 ? Math.max(0, 1 - values / span) : 0;
}

/**
 * @example
 * seriesSituation(0.2, 1, 10) // 'gappy': a fifth of the months missing, whatever the interval
 * seriesSituation(0, 4, 10)   // 'very_wide': ±4 points against 10 still to go
 */
export function seriesSituation(missingShare: number, halfWidth: number, distanceToGoal: number): SeriesSituation {
  if (missingShare >= GAPPY_MISSING_SHARE) return 'gappy';
  const ratio = distanceToGoal > 0 ? halfWidth / distanceToGoal : Infinity;
  return ratio < INTERVAL_WIDTH_BOUNDS[0] ? 'narrow' : ratio < INTERVAL_WIDTH_BOUNDS[1] ? 'wide' : 'very_wide';
}

/**
 * `h<bucket>|<model>`, and for a forecast model with the distance to the goal given,
 * `|near`, `|mid` or `|far` after it (GOAL_GAP_BOUNDS), then the series' situation when given
 * (`h3|trend|mid|gappy`).
 */
export function calibrationKey(monthsAhead: number, model: CalibrationModel, gapShare?: number, situation?: SeriesSituation): CalibrationKey {
  const base = `h${horizonBucket(monthsAhead)}|${model}`;
  if (gapShare === undefined || model.startsWith('fallback')) return base;
  const withGap = `${base}|${gapShare >= GOAL_GAP_BOUNDS[1] ? 'far' : gapShare >= GOAL_GAP_BOUNDS[0] ? 'mid' : 'near'}`;
  return situation === undefined ? withGap : `${withGap}|${situation}`;
}

/**
 * @example
 * calibratePMiss(0.999, { monthsAhead: 11, model: 'trend' }) // ≈ 0.9: a year ahead even a clear trend can still be rescued
 */
export function calibratePMiss(raw: number, basis: CalibrationBasis | null, table: CalibrationTable = PMISS_CALIBRATION): number {
  // Without a model nor a fallback situation there is nothing to key a map by.
  if (basis === null) return raw;
  const { monthsAhead, model, gapShare, situation } = basis;
  // The most specific map fitted — the series' situation at that distance to the goal, else the
  // distance's map over all situations, else the model's over all distances — read where it has seen
  // this raw value, else through the next one.
  const keys = [
    ...(situation === undefined ? [] : [calibrationKey(monthsAhead, model, gapShare, situation)]),
    calibrationKey(monthsAhead, model, gapShare),
    calibrationKey(monthsAhead, model),
  ];
  return throughMaps(Math.min(1, Math.max(0, raw)), keys.map((key) => table.curves[key]).filter((c): c is CalibrationCurve => c !== undefined && c.points.length > 0));
}

/**
 * The first map's reading where it has seen `raw`; elsewhere the next map's, held to the first
 * map's reading at the edge of what it saw: below its support a target is at most as likely to miss
 * as the least likely it saw, above at least as likely as the most. So a higher raw value never
 * reads lower. No map left: the model's own probability stands, no targets like it having been seen.
 */
function throughMaps(raw: number, curves: readonly CalibrationCurve[]): number {
  const [curve, ...coarser] = curves;
  if (!curve) return raw;
  const [lo, hi] = curve.support;
  if (raw < lo) return Math.min(throughMaps(raw, coarser), interpolate(curve.points, lo));
  if (raw > hi) return Math.max(throughMaps(raw, coarser), interpolate(curve.points, hi));
  return interpolate(curve.points, raw);
}

function interpolate(points: CalibrationCurve['points'], x: number): number {
  const first = points[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (x <= x1) {
      const [x0, y0] = points[i - 1]!;
      return x1 > x0 ? y0 + ((y1 - y0) * (x - x0)) / (x1 - x0) : y1;
    }
  }
  return points[points.length - 1]![1];
}

/**
 * The support of a map: from the SUPPORT_EVALUATIONS-th smallest raw value it is fitted on to the
 * SUPPORT_EVALUATIONS-th largest (all of them when there are fewer), rounded outwards to 4 decimals.
 *
 * @example
 * supportOf(pairs) // [0.93, 1] for 600 evaluations of which 40 at a raw 0 and the rest above 0.93
 */
export function supportOf(pairs: readonly (readonly [number, number])[], atLeast = SUPPORT_EVALUATIONS): [number, number] {
  const raw = pairs.map(([x]) => x).sort((a, b) => a - b);
  if (raw.length === 0) return [0, 0];
  const k = Math.min(atLeast, Math.ceil(raw.length / 2)) - 1;
  const lo = raw[k]!, hi = raw[raw.length - 1 - k]!;
  return [Math.floor(Math.min(lo, hi) * 10_000) / 10_000, Math.ceil(Math.max(lo, hi) * 10_000) / 10_000];
}
/**
 * Isotonic regression by pool-adjacent-violators of outcomes (0/1) on raw probabilities, as
 * breakpoints (mean raw pMiss of a block, share missed in it). Blocks smaller than `minBlock` are
 * pooled with their neighbour so that no breakpoint rests on a handful of cases.
 *
 * @example
 * fitIsotonic([[0.1, 0], [0.2, 0], [0.8, 1], [0.9, 1]], 2) // [[0.15, 0], [0.85, 1]]
 */
export function fitIsotonic(pairs: readonly (readonly [number, number])[], minBlock: number): [number, number][] {
  // Equal raw values start as one block: split by outcome, the misses at a raw pMiss of 1 would
  // stand alone as a block of certain misses while the targets rescued at the same raw value were
  // pooled into the block below it — a map saying 1 where the share that missed was 0.8.
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const ties: { x: number; sy: number; n: number }[] = [];
  for (const [x, y] of sorted) {
    const last = ties[ties.length - 1];
    if (last && last.x === x) { last.sy += y; last.n++; } else ties.push({ x, sy: y, n: 1 });
  }
  const blocks: { sx: number; sy: number; n: number }[] = [];
  for (const tie of ties) {
    blocks.push({ sx: tie.x * tie.n, sy: tie.sy, n: tie.n });
    while (blocks.length > 1) {
      const a = blocks[blocks.length - 2]!, c = blocks[blocks.length - 1]!;
      // A violation of the order, or a block still too small, pools.
      if (a.sy / a.n >= c.sy / c.n || a.n < minBlock) {
        a.sx += c.sx; a.sy += c.sy; a.n += c.n;
        blocks.pop();
      } else break;
    }
  }
  while (blocks.length > 1 && blocks[blocks.length - 1]!.n < minBlock) {
    const c = blocks.pop()!;
    const a = blocks[blocks.length - 1]!;
    a.sx += c.sx; a.sy += c.sy; a.n += c.n;
  }
  const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
  return blocks.map((b) => [round4(b.sx / b.n), round4(b.sy / b.n)]);
}
