/**
 * Evaluates one target at one date from its unit's monthly series: current value, where the
 * expected path says it should be, progress, a forecast of the value at the due date with its
 * interval, the probability of missing (pMiss), a status, and the reason in Vietnamese and English.
 *
 * Status boundaries (documented in docs/evaluation.md):
 * - `no_data`: no value observed up to `asOf` (or, once due, none up to the due date);
 * - after the due date: `met` when the last value up to the due date satisfies the goal, else `missed`;
 * - before it: `met` when the current value already satisfies the goal and pMiss < AT_RISK_P_MISS
 *   (0.5); otherwise `at_risk` when pMiss ≥ AT_RISK_P_MISS, else `on_track`.
 */
import { periodLabel, parsePeriod } from '../periods/period.ts';
import { monthNumber, monthTime, probabilityBelow, type SeriesPoint, type TrendForecast } from '../forecasting/forecast.ts';
import { forecastTarget, type ForecastModel, type TargetForecast, type TargetForecastOptions } from '../forecasting/forecast-target.ts';
import { breakDirection, calibratePMiss, fallbackModel, goalGapShare, missingMonthShare, seriesSituation, type CalibrationBasis } from '../forecasting/pmiss-calibration.ts';
import { seriesDirection, type SeriesDirection } from '../forecasting/series-direction.ts';
import { expectedAtTime } from './expected-path.ts';
import { formatDate, formatNumber, formatShare } from './format.ts';
import { isDownward, satisfies, toleranceOf, type TargetSpec } from './target-spec.ts';

/**
 * `unlinked`: no indicator (nor typed figure) measures the target yet — not missing data, but
 * nothing to measure; only targets outside a series get it (see untracked-status.ts).
 */
export type TargetStatus = 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data' | 'unlinked';

/** pMiss at or above which a target not yet met is `at_risk`. */
export const AT_RISK_P_MISS = 0.5;

/** With fewer than 3 values no trend can be fitted; a gap behind the path larger than this share of the whole distance counts as behind. */
export const FALLBACK_BEHIND_SHARE = 0.1;

/** The rule's stated pMiss without a forecast, before calibration: behind the path or not. */
export const FALLBACK_P_MISS = { behind: 0.55, onPath: 0.3 } as const;

export interface TargetEvaluation {
  code: string;
  status: TargetStatus;
  current: number | null;
  /** Month code of the current value. */
  currentPeriod: string | null;
  /** Value the expected path asks for at the current value's month. */
  expected: number | null;
  /** Share of the distance from baseline to goal covered (1 = goal reached). */
  progress: number | null;
  /** Forecast at the due date (after it: the value at the due date). */
  forecast: number | null;
  forecastLow: number | null;
  forecastHigh: number | null;
  /** Probability that the value at the due date misses the goal (0 or 1 once due; 0.5 without data). */
  pMiss: number;
  /** Change per month needed from now to reach the goal at the due date. */
  requiredRate: number | null;
  /** Change per month the trend currently achieves. */
  achievedRate: number | null;
  seasonal: boolean;
  levelShiftFrom: string | null;
  /** The forecast model the status rests on (null without a forecast). */
  model: ForecastModel | null;
  /** The level a saturating curve approaches; null for the other models. */
  ceiling: number | null;
  /**
   * How the trend's pace is projected: 1 keeps it, below 1 (0.97) lets it fade month by month —
   * chosen on the series' own history (damping-choice.ts). Null without a trend (no forecast, or a
   * saturating curve).
   */
  damping: number | null;
  /** pMiss as the model states it, before calibration (equal to pMiss when not calibrated). */
  pMissRaw: number;
  /** What pMiss was calibrated by (null without a probability to calibrate: no data, or past the due date). */
  calibration: CalibrationBasis | null;
  reason: string;
  reasonEn: string;
}

/**
 * @example
 * evaluateTarget(
 *   { code: 'CT-01', op: '>=', value: 95, due: '2026-12-31', measure: '%' },
 *   [{ period: '2026-01', value: 80 }, { period: '2026-02', value: 82 }, { period: '2026-03', value: 84 }],
 *   '2026-04-10',
 * ).status // 'on_track'
 */
export function evaluateTarget(target: TargetSpec, series: SeriesPoint[], asOf: string, options: { forecast?: TargetForecastOptions; calibrate?: boolean } = {}): TargetEvaluation {
  const asOfMonth = monthNumber(asOf.slice(0, 7));
  const visible = series
    .filter((p): p is { period: string; value: number } =>
      p.value !== null && Number.isFinite(p.value) && /^\d{4}-\d{2}$/.test(p.period) && monthNumber(p.period) <= asOfMonth)
    .sort((a, b) => monthNumber(a.period) - monthNumber(b.period));
  const goalText = (lang: 'vi' | 'en') => `${target.op === '=' ? '=' : target.op.replace('>=', '≥').replace('<=', '≤')} ${formatNumber(target.value, lang, target.measure)}`;
  const due = formatDate(target.due);
  const base: Omit<TargetEvaluation, 'status' | 'reason' | 'reasonEn' | 'pMiss' | 'pMissRaw'> = {
    code: target.code, current: null, currentPeriod: null, expected: null, progress: null, forecast: null,
    forecastLow: null, forecastHigh: null, requiredRate: null, achievedRate: null, seasonal: false, levelShiftFrom: null,
    model: null, ceiling: null, damping: null, calibration: null,
  };
  const isDue = asOf > target.due;
  const dueMonth = Math.floor(monthTime(target.due) + 1e-9);
  const usable = isDue ? visible.filter((p) => monthNumber(p.period) <= dueMonth) : visible;
  const last = usable[usable.length - 1];
  if (!last) {
    return {
      ...base, status: 'no_data', pMiss: 0.5, pMissRaw: 0.5,
      reason: `Chưa có số liệu đến ngày ${formatDate(isDue ? target.due : asOf)}; mục tiêu ${goalText('vi')} (hạn ${due}).`,
      reasonEn: `No data up to ${formatDate(isDue ? target.due : asOf)}; goal ${goalText('en')} (due ${due}).`,
    };
  }

  const current = round(last.value, 4);
  const periodVi = periodLabel(parsePeriod(last.period)!, 'vi');
  const periodEn = periodLabel(parsePeriod(last.period)!, 'en');
  const start = target.start ?? `${usable[0]!.period}-01`;
  const baseline = target.baseline ?? firstOnOrAfter(usable, start) ?? usable[0]!.value;
  const path = { start, baseline, due: target.due, goal: target.value };
  const tCurrent = monthNumber(last.period);
  const expected = expectedAtTime(path, tCurrent);
  const progress = progressOf(target, baseline, current);
  const common = { ...base, current, currentPeriod: last.period, expected: round(expected), progress };
  const curVi = `${formatNumber(current, 'vi', target.measure)} (${periodVi})`;
  const curEn = `${formatNumber(current, 'en', target.measure)} (${periodEn})`;

  if (isDue) {
    const met = satisfies(target, current);
    return {
      ...common, status: met ? 'met' : 'missed', forecast: current, forecastLow: current, forecastHigh: current, pMiss: met ? 0 : 1, pMissRaw: met ? 0 : 1,
      reason: met
        ? `Đã đạt: giá trị đến hạn ${due} là ${curVi}, mục tiêu ${goalText('vi')}.`
        : `Không đạt: giá trị đến hạn ${due} là ${curVi}, mục tiêu ${goalText('vi')}.`,
      reasonEn: met
        ? `Met: the value by the due date ${due} is ${curEn}, goal ${goalText('en')}.`
        : `Missed: the value by the due date ${due} is ${curEn}, goal ${goalText('en')}.`,
    };
  }

  const bounds = target.measure === '%' ? { min: 0, max: 100 } : undefined;
  const forecast = forecastTarget(usable, target.due, { ...options.forecast, ...(bounds ? { bounds } : {}) });
  const monthsLeft = Math.max(monthTime(target.due) - tCurrent, 0);
  const requiredRate = monthsLeft > 0 ? (target.value - current) / monthsLeft : null;
  const achievedRate = forecast ? forecast.slopePerMonth : usable.length >= 2 ? (current - usable[0]!.value) / Math.max(1, tCurrent - monthNumber(usable[0]!.period)) : null;
  const behind = fallbackBehind(target, baseline, current, expected);
  const pMissRaw = forecast ? missProbability(target, forecast, current) : behind ? FALLBACK_P_MISS.behind : FALLBACK_P_MISS.onPath;
  // The model's own probability, mapped to the share that actually missed among targets given it
  // (pmiss-calibration.ts). The rule used without a forecast is mapped too, but separately for a
  // target already at its goal (it misses only by falling back) and one merely on its path.
  // A break is mapped by which way it went (pmiss-calibration.ts, BreakDirection).
  const goalAbove = target.op === '=' ? current < target.value : !isDownward(target);
  const calibrationModel = !forecast ? fallbackModel(satisfies(target, current), behind) : forecast.model === 'break' ? breakDirection(forecast, goalAbove) : forecast.model;
  // A model's map also depends on how far the goal still is: a near goal can be rescued by a jump
  // no trend foresees, a far one hardly (GOAL_GAP_BOUNDS). Only while the goal is still ahead: a
  // value already beyond it is no distance still to go, and the far maps (fitted mostly on targets
  // far short of their goal) turned a steady 100% against a goal of 80% into 0.93 "at risk".
  const stillToGo = satisfies(target, current) ? undefined : goalGapShare(target.value, current, target.measure);
  // And on what the series shows of its own reliability: months missing, an interval as wide as the way left.
  const situation = forecast && stillToGo !== undefined
    ? seriesSituation(missingMonthShare(usable.length, monthNumber(usable[0]!.period), tCurrent), (forecast.high - forecast.low) / 2, Math.abs(target.value - current))
    : undefined;
  const calibration: CalibrationBasis = { monthsAhead: monthsLeft, model: calibrationModel, ...(stillToGo === undefined ? {} : { gapShare: stillToGo }), ...(situation === undefined ? {} : { situation }) };
  const pMiss = options.calibrate === false ? pMissRaw : calibratePMiss(pMissRaw, calibration);
  const withForecast = {
    ...common,
    forecast: forecast ? round(forecast.mean) : null,
    forecastLow: forecast ? round(forecast.low) : null,
    forecastHigh: forecast ? round(forecast.high) : null,
    requiredRate: requiredRate === null ? null : round(requiredRate),
    achievedRate: achievedRate === null ? null : round(achievedRate),
    seasonal: forecast?.seasonal ?? false,
    levelShiftFrom: forecast?.levelShiftFrom ?? null,
    model: forecast?.model ?? null,
    ceiling: forecast?.ceiling === null || forecast?.ceiling === undefined ? null : round(forecast.ceiling),
    damping: forecast && forecast.model !== 'saturating' ? forecast.damping : null,
    pMiss: round(pMiss, 3),
    pMissRaw: round(pMissRaw, 3),
    calibration,
  };
  // Read from the months the trend is fitted on — since a detected shift when there is one — so a
  // flat series reads as flat and a series that fell then climbs back reads as climbing since the fall.
  const shift = forecast ? shiftOf(forecast) : null;
  const sinceShift = shift ? usable.filter((p) => p.period >= shift) : usable;
  const direction = forecast && sinceShift.length >= 3 ? seriesDirection(sinceShift, { window: options.forecast?.window ?? 24 })?.direction ?? null : null;
  // The model phrase already says "đi ngang": the rate sentence does not repeat it.
  // Nor does it state a model rate that runs against the direction read from the series (a curve
  // fitted across a fall can slope down while the months since climb): only what is needed is said.
  const rateLeftOut = direction === 'flat' || (achievedRate !== null && ((direction === 'rising' && achievedRate < 0) || (direction === 'falling' && achievedRate > 0)));
  const forecastVi = forecast
    ? `${modelPhrase(forecast, 'vi', target.measure, direction)}dự báo đến hạn ${due}: ${formatNumber(forecast.mean, 'vi', target.measure)} (khoảng 80%: ${formatNumber(forecast.low, 'vi')}–${formatNumber(forecast.high, 'vi', target.measure)})`
    : `chưa đủ số liệu để dự báo (cần ít nhất 3 tháng)`;
  const forecastEn = forecast
    ? `${modelPhrase(forecast, 'en', target.measure, direction)}forecast at the due date ${due}: ${formatNumber(forecast.mean, 'en', target.measure)} (80% interval ${formatNumber(forecast.low, 'en')}–${formatNumber(forecast.high, 'en', target.measure)})`
    : `not enough data to forecast (at least 3 months needed)`;
  const rateVi = requiredRate !== null && achievedRate !== null
    ? ` Cần ${requiredRate >= 0 ? 'tăng' : 'giảm'} ${formatRate(Math.abs(requiredRate), 'vi')}/tháng${rateLeftOut ? ' để đạt mục tiêu' : `, tốc độ hiện tại ${achievedRate >= 0 ? 'tăng' : 'giảm'} ${formatRate(Math.abs(achievedRate), 'vi')}/tháng`}.`
    : '';
  const rateEn = requiredRate !== null && achievedRate !== null
    ? ` Needs ${requiredRate >= 0 ? '+' : '−'}${formatRate(Math.abs(requiredRate), 'en')}/month${rateLeftOut ? ' to reach the goal' : `; current trend ${achievedRate >= 0 ? '+' : '−'}${formatRate(Math.abs(achievedRate), 'en')}/month`}.`
    : '';
  const expVi = `theo lộ trình cần ${formatNumber(expected, 'vi', target.measure)}`;
  const expEn = `the expected path asks for ${formatNumber(expected, 'en', target.measure)}`;

  // Met ahead of time counts as met unless the trend says it will slip back below the goal.
  if (satisfies(target, current) && pMiss < AT_RISK_P_MISS) {
    return {
      ...withForecast, status: 'met',
      reason: `Đã đạt trước hạn: ${curVi}, mục tiêu ${goalText('vi')} (hạn ${due}); ${forecastVi}.`,
      reasonEn: `Met ahead of the due date: ${curEn}, goal ${goalText('en')} (due ${due}); ${forecastEn}.`,
    };
  }
  const atRisk = pMiss >= AT_RISK_P_MISS;
  return {
    ...withForecast,
    status: atRisk ? 'at_risk' : 'on_track',
    reason: `${atRisk ? 'Có nguy cơ không đạt' : 'Đúng tiến độ'}: hiện ${curVi}, ${expVi}; ${forecastVi}; xác suất không đạt ${formatShare(pMiss, 'vi')}.${rateVi}`,
    reasonEn: `${atRisk ? 'At risk of missing' : 'On track'}: now ${curEn}, ${expEn}; ${forecastEn}; probability of missing ${formatShare(pMiss, 'en')}.${rateEn}`,
  };
}

/**
 * What the series does and which model the forecast rests on, in words: "xu hướng tăng (dự báo giả
 * định tốc độ chậm dần)", "đang chậm lại, tiệm cận khoảng 86% (đường bão hòa)", "xu hướng thay đổi
 * từ tháng 2/2026, từ đó tăng". The direction comes from the series itself (series-direction.ts,
 * since the shift when there is one): a flat series reads "đi ngang", whatever small slope the model
 * carries, and the damped trend's name never reads as "decreasing".
 */
function modelPhrase(f: TargetForecast, lang: 'vi' | 'en', measure: string | null | undefined, direction: SeriesDirection | null): string {
  const vi = lang === 'vi';
  const shift = shiftOf(f);
  const month = shift ? periodLabel(parsePeriod(shift)!, lang) : null;
  const way = direction === 'rising' ? (vi ? 'tăng' : 'rising') : direction === 'falling' ? (vi ? 'giảm' : 'falling') : direction === 'flat' ? (vi ? 'đi ngang' : 'flat') : null;
  let lead: string;
  if (month) {
    const changed = vi ? `xu hướng thay đổi từ ${month.toLowerCase()}` : `trend changed from ${month}`;
    lead = way ? `${changed}${vi ? ', từ đó ' : ', since then '}${way}` : changed;
  } else if (direction === 'flat' || direction === null) {
    lead = vi ? 'số liệu đi ngang, không thay đổi quá mức dao động hằng tháng' : 'flat: no change beyond the month-to-month noise';
  } else {
    lead = vi ? `xu hướng ${way}` : `${way} trend`;
  }
  // Whether the pace is kept or fades, and why: the series' own history chose (damping-choice.ts).
  const moving = direction === 'rising' || direction === 'falling';
  const damped = !moving ? '' : f.damping < 1
    ? (vi ? ' (dự báo giả định tốc độ chậm dần)' : ' (the forecast assumes it slows gradually)')
    : (vi ? ' (dự báo giữ nguyên tốc độ: trên số liệu của chính chỉ tiêu, đường thẳng dự báo sát hơn đường chậm dần)' : ' (the forecast keeps the pace: on its own history a straight line forecast better than a slowing one)');
  switch (f.model) {
    case 'saturating': {
      const ceiling = formatNumber(round(f.ceiling!, 0), lang, measure);
      const rising = f.slopePerMonth >= 0;
      // The classic adoption curve: still moving the curve's way, slowing towards its level.
      if (!month && (direction === (rising ? 'rising' : 'falling'))) {
        return vi
          ? `đang chậm lại, ${rising ? 'tiệm cận' : 'giảm dần về'} khoảng ${ceiling} (đường bão hòa); `
          : `slowing down, levelling off near ${ceiling} (saturating curve); `;
      }
      return vi ? `${lead}; đường bão hòa quanh khoảng ${ceiling}; ` : `${lead}; saturating curve near ${ceiling}; `;
    }
    case 'seasonal': return vi ? `${lead}, có yếu tố mùa vụ theo tháng; ` : `${lead}, with month-of-year effects; `;
    case 'break':
    case 'trend': return `${lead}${damped}; `;
  }
}

/**
 * The month from which the series changed, when the words should say so: a break the forecast rests
 * on, or a step in level under any model. A mere change of pace that a saturating curve explains is
 * the curve's own bend, not a change to name.
 */
function shiftOf(f: TargetForecast): string | null {
  if (!f.levelShiftFrom) return null;
  return f.model === 'break' || f.breakKind === 'level' || f.breakKind === 'both' ? f.levelShiftFrom : null;
}

/** A monthly rate as read: one decimal, or two significant digits when smaller than 1 (0,04, not 0). */
function formatRate(v: number, lang: 'vi' | 'en'): string {
  return v !== 0 && v < 1 ? new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumSignificantDigits: 2 }).format(v) : formatNumber(v, lang);
}

/** P(value at the due date fails the goal) under the forecast. */
export function missProbability(target: TargetSpec, forecast: TrendForecast, current: number): number {
  const below = (x: number) => probabilityBelow(forecast, x);
  switch (target.op) {
    case '>=':
    case '>': return below(target.value);
    case '<=':
    case '<': return 1 - below(target.value);
    case '=': {
      const tol = toleranceOf(target);
      const lo = target.value - tol;
      const hi = target.value + tol;
      // Approaching from one side, only falling short on that side counts (overshoot of "= 100%" is impossible or harmless).
      if (current < lo) return below(lo);
      if (current > hi) return 1 - below(hi);
      return below(lo) + (1 - below(hi));
    }
  }
}

/** Whether the value is behind the expected path by more than FALLBACK_BEHIND_SHARE of the whole distance (the rule used without a forecast). */
export function fallbackBehind(target: TargetSpec, baseline: number, current: number, expected: number): boolean {
  const distance = Math.abs(target.value - baseline) || Math.abs(target.value) || 1;
  const down = isDownward(target) || (target.op === '=' && baseline > target.value);
  const gap = down ? current - expected : expected - current;
  return gap > FALLBACK_BEHIND_SHARE * distance;
}

function progressOf(target: TargetSpec, baseline: number, current: number): number {
  const distance = target.value - baseline;
  if (Math.abs(distance) < 1e-12) return satisfies(target, current) ? 1 : 0;
  return round((current - baseline) / distance, 3);
}

function firstOnOrAfter(points: { period: string; value: number }[], isoStart: string): number | null {
  const m = monthNumber(isoStart.slice(0, 7));
  // The value at the start is the one of the month before it when there is one (a plan from 01/01 starts from December's figure).
  const before = points.filter((p) => monthNumber(p.period) < m).pop();
  if (before && monthNumber(before.period) === m - 1) return before.value;
  return points.find((p) => monthNumber(p.period) >= m)?.value ?? null;
}

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  // "+ 0" turns -0 into 0: a tiny negative rate rounds to -0, which JSON (a stored snapshot) cannot keep.
  return Math.round(v * f) / f + 0;
}
