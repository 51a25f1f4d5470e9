/**
 * Alert rules: which targets, tasks and data sources deserve a leader's attention, and why. Pure —
 * the use case feeds evaluations, tasks and series in, and stores what comes out (one open alert
 * per subject and kind; `since` is kept from the first time the rule fired).
 */
import { periodLabel, parsePeriod } from '../periods/period.ts';
import { monthCode, monthNumber, monthTime, type SeriesPoint } from '../forecasting/forecast.ts';
import { median, robustScale } from '../forecasting/statistics.ts';
import { evaluateTarget, type TargetEvaluation } from '../evaluation/evaluate-target.ts';
import type { TargetSpec } from '../evaluation/target-spec.ts';
import { formatDate, formatNumber } from '../evaluation/format.ts';
import { DEFAULT_TARGET_WEIGHT } from '../evaluation/target-weight.ts';

export const ALERT_KINDS = ['target_at_risk', 'task_due_soon', 'task_overdue', 'stale_source', 'outlier'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

/**
 * pMiss (calibrated) from which a target not yet met raises an early warning, confirmed by the
 * month before (see `earlyWarning`): within WARN_NEAR_MONTHS of the due date (counted from the
 * latest value) every target at risk; further out only a near-certain miss, because a year ahead
 * a jump, a campaign or a new system can still rescue a target that looks lost (a warning then is
 * mostly a false alarm). Chosen on the calibration's fitting seeds, never on the reported ones
 * (docs/evaluation.md). How loud the warning is depends on time as well (`targetSeverity`).
 */
export const WARN_P_MISS = 0.5;
export const WARN_P_MISS_FAR = 0.9;
export const WARN_NEAR_MONTHS = 9;
/** A warning is critical when a miss is this likely and at most CRITICAL_MONTHS_LEFT remain to act. */
export const CRITICAL_P_MISS = 0.9;
export const CRITICAL_MONTHS_LEFT = 6;
/** More than this many months before the due date a warning is an early notice ('info'): there is time. */
export const NOTICE_MONTHS_LEFT = 12;
/**
 * How far a target's importance (its weight, target-weight.ts: 1 ordinary) stretches the time in which
 * its warning is loud: an important target (weight 2 or more) is critical from twice as far out and a
 * notice only from twice as far; a minor one (weight 0.5 or less) from half as far; a weight in
 * between stretches them in proportion (1.5: critical from 9 months). Bounded so that
 * the windows stay within what a plan's year allows (critical 3–12 months, notice beyond 6–24).
 */
export const IMPORTANCE_STRETCH = { min: 0.5, max: 2 } as const;
/** Days before a task's deadline from which it is "near due". */
export const TASK_DUE_SOON_DAYS = 30;
/** A monthly report is expected by this day of the following month (the city collects before the 25th). */
export const REPORT_DAY = 25;

export interface AlertSubject {
  targetCode?: string;
  taskCode?: string;
  unitCode?: string;
  indicatorCode?: string;
}

export interface AlertDraft {
  kind: AlertKind;
  subject: AlertSubject;
  severity: AlertSeverity;
  /** ISO date from which the condition holds. */
  since: string;
  /**
   * What holds and why, without the subject: every screen, notification and digest names the
   * target, task, indicator and unit by their names beside it (codes in a reason would reach
   * officials as `HN_P_…`).
   */
  reason: string;
  reasonEn: string;
  data: Record<string, unknown>;
}

/**
 * Early warning for a target: raised when it is not met, not yet due, and the probability of
 * missing at the due date is past `warnThreshold` (by the time left from the latest value).
 *
 * @example
 * targetAlert({ code: 'CT-01', unit: 'P-VINH-TUY' }, evaluation, '2026-05-10')?.severity // 'warning'
 */
export function targetAlert(target: { code: string; unit: string | null; due: string; weight?: number }, ev: TargetEvaluation, asOf: string): AlertDraft | null {
  if (!warnsOf(ev, target.due)) return null;
  const monthsLeft = daysBetween(asOf, target.due) / DAYS_PER_MONTH;
  const weight = target.weight ?? DEFAULT_TARGET_WEIGHT;
  const importance = importanceWords(weight);
  return {
    kind: 'target_at_risk',
    subject: { targetCode: target.code, ...(target.unit ? { unitCode: target.unit } : {}) },
    severity: targetSeverity(ev.pMiss, monthsLeft, weight),
    since: asOf,
    reason: importance ? `${ev.reason} ${importance.vi}` : ev.reason,
    reasonEn: importance ? `${ev.reasonEn} ${importance.en}` : ev.reasonEn,
    data: { pMiss: ev.pMiss, monthsLeft: Math.round(monthsLeft * 10) / 10, weight, current: ev.current, expected: ev.expected, forecast: ev.forecast, forecastLow: ev.forecastLow, forecastHigh: ev.forecastHigh },
  };
}

/**
 * What a target's weight does to its warning, said beside the reason when it is not an ordinary
 * target's: an official reading "khẩn cấp" seven months out must see why.
 *
 * @example
 * importanceWords(3)?.vi // 'Chỉ tiêu có trọng số 3 (quan trọng): mức khẩn cấp tính từ 12 tháng trước hạn, thay vì 6.'
 */
export function importanceWords(weight: number): { vi: string; en: string } | null {
  const stretch = importanceStretch(weight);
  if (stretch === 1) return null;
  const months = CRITICAL_MONTHS_LEFT * stretch;
  const vi = `Chỉ tiêu có trọng số ${formatNumber(weight, 'vi')} (${stretch > 1 ? 'quan trọng' : 'ít quan trọng'}): mức khẩn cấp tính từ ${formatNumber(months, 'vi')} tháng trước hạn, thay vì ${CRITICAL_MONTHS_LEFT}.`;
  const en = `Weight ${formatNumber(weight, 'en')} (${stretch > 1 ? 'important' : 'minor'}): critical from ${formatNumber(months, 'en')} months before the due date, instead of ${CRITICAL_MONTHS_LEFT}.`;
  return { vi, en };
}

/** The factor by which a target's weight stretches the windows of `targetSeverity` (1 for an ordinary target). */
export function importanceStretch(weight: number): number {
  return Math.min(IMPORTANCE_STRETCH.max, Math.max(IMPORTANCE_STRETCH.min, weight));
}

/**
 * How loud an early warning is, from the probability of missing, the time left to act and the
 * target's importance: a target a little behind with most of the year ahead is not an emergency, one
 * almost certain to miss within six months is — within twelve if it weighs twice an ordinary target
 * (IMPORTANCE_STRETCH). How many targets warn at all is the warning rule's (`warnThreshold`); what
 * the leader sees first is the critical ones.
 *
 * @example
 * targetSeverity(0.82, 7) // 'warning' (a leader sees it, nothing is on fire)
 * targetSeverity(0.95, 4) // 'critical'
 * targetSeverity(0.95, 15) // 'info'
 * targetSeverity(0.95, 10, 3) // 'critical': an important target, ten months to rescue it
 */
export function targetSeverity(pMiss: number, monthsLeft: number, weight = DEFAULT_TARGET_WEIGHT): AlertSeverity {
  const stretch = importanceStretch(weight);
  if (monthsLeft > NOTICE_MONTHS_LEFT * stretch) return 'info';
  return pMiss >= CRITICAL_P_MISS && monthsLeft <= CRITICAL_MONTHS_LEFT * stretch ? 'critical' : 'warning';
}

const DAYS_PER_MONTH = 365.25 / 12;

/** The warning threshold for a target whose latest value is `monthsAhead` months before its due date. */
export function warnThreshold(monthsAhead: number): number {
  return monthsAhead > WARN_NEAR_MONTHS ? WARN_P_MISS_FAR : WARN_P_MISS;
}

/** Whether one evaluation is past the warning threshold. */
export function warnsOf(ev: TargetEvaluation, due: string): boolean {
  if (ev.status !== 'at_risk') return false;
  const monthsAhead = ev.currentPeriod ? monthTime(due) - monthNumber(ev.currentPeriod) : Infinity;
  return ev.pMiss >= warnThreshold(monthsAhead);
}

/**
 * The early-warning rule the backtest scores: the target is at risk with pMiss ≥ `warnThreshold` now,
 * and was too on the data as it stood one month of data earlier (the latest value left out). The
 * confirmation is stateless — it needs no stored history — and stops one noisy month from raising
 * an alarm that the next month withdraws.
 *
 * @example
 * earlyWarning(spec, series, '2026-06-30').warn // true when two successive months both say "likely to miss"
 */
export function earlyWarning(target: TargetSpec, series: SeriesPoint[], asOf: string): { warn: boolean; evaluation: TargetEvaluation } {
  const evaluation = evaluateTarget(target, series, asOf);
  if (!warnsOf(evaluation, target.due) || !evaluation.currentPeriod) return { warn: false, evaluation };
  const earlier = series.filter((p) => p.period !== evaluation.currentPeriod && p.period < evaluation.currentPeriod!);
  return { warn: warnsOf(evaluateTarget(target, earlier, asOf), target.due), evaluation };
}

export interface TaskFacts {
  code: string;
  title: string;
  /** ISO date of the deadline's end; null for "Thường xuyên" and the like. */
  dueEnd: string | null;
  status: 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
  progress: number;
  leadUnit: string | null;
}

/** Near-due (within `days`) and past-due alerts for an unfinished task. */
export function taskAlert(task: TaskFacts, asOf: string, days = TASK_DUE_SOON_DAYS): AlertDraft | null {
  if (!task.dueEnd || task.status === 'done' || task.status === 'cancelled') return null;
  const left = daysBetween(asOf, task.dueEnd);
  const subject = { taskCode: task.code, ...(task.leadUnit ? { unitCode: task.leadUnit } : {}) };
  const progress = formatNumber(task.progress, 'vi', '%');
  if (left < 0) {
    return {
      kind: 'task_overdue', subject, severity: 'critical', since: addDays(task.dueEnd, 1),
      reason: `Quá hạn ${-left} ngày (hạn ${formatDate(task.dueEnd)}), tiến độ ${progress}.`,
      reasonEn: `${-left} days past its deadline (${formatDate(task.dueEnd)}), progress ${formatNumber(task.progress, 'en', '%')}.`,
      data: { dueEnd: task.dueEnd, daysLate: -left, progress: task.progress },
    };
  }
  if (left <= days) {
    return {
      kind: 'task_due_soon', subject, severity: 'warning', since: addDays(task.dueEnd, -days),
      reason: `Sắp đến hạn: còn ${left} ngày (hạn ${formatDate(task.dueEnd)}), tiến độ ${progress}.`,
      reasonEn: `Due in ${left} days (${formatDate(task.dueEnd)}), progress ${formatNumber(task.progress, 'en', '%')}.`,
      data: { dueEnd: task.dueEnd, daysLeft: left, progress: task.progress },
    };
  }
  return null;
}

export type Frequency = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

/**
 * The latest month a source should have reported by `asOf`: a period's report is due on the
 * REPORT_DAY of the month after it ends.
 */
export function latestDueMonth(asOf: string, frequency: Frequency): { month: string; dueOn: string } {
  const cycle = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : frequency === 'half_yearly' ? 6 : 12;
  let m = monthNumber(asOf.slice(0, 7)) - 1;
  if (Number(asOf.slice(8, 10)) < REPORT_DAY) m -= 1;
  // Round down to the last month that closes a cycle (March, June… for quarters).
  m -= ((m % 12) + 1) % cycle;
  const dueMonth = monthCode(m + 1);
  return { month: monthCode(m), dueOn: `${dueMonth}-${String(REPORT_DAY).padStart(2, '0')}` };
}

/** A source that has not reported the latest period it owes. */
export function staleAlert(
  facts: { indicatorCode: string; unitCode: string; frequency: Frequency; lastPeriod: string | null },
  asOf: string,
): AlertDraft | null {
  const owed = latestDueMonth(asOf, facts.frequency);
  if (facts.lastPeriod && monthNumber(facts.lastPeriod.slice(0, 7)) >= monthNumber(owed.month)) return null;
  // Since: the due date of the first period that went unreported.
  const cycle = facts.frequency === 'monthly' ? 1 : facts.frequency === 'quarterly' ? 3 : facts.frequency === 'half_yearly' ? 6 : 12;
  const firstMissing = facts.lastPeriod ? monthNumber(facts.lastPeriod.slice(0, 7)) + cycle : null;
  const since = firstMissing === null ? owed.dueOn : `${monthCode(firstMissing + 1)}-${String(REPORT_DAY).padStart(2, '0')}`;
  const lastVi = facts.lastPeriod ? periodLabel(parsePeriod(facts.lastPeriod.slice(0, 7))!, 'vi') : 'chưa có';
  const lastEn = facts.lastPeriod ? periodLabel(parsePeriod(facts.lastPeriod.slice(0, 7))!, 'en') : 'none';
  const owedVi = periodLabel(parsePeriod(owed.month)!, 'vi');
  const owedEn = periodLabel(parsePeriod(owed.month)!, 'en');
  return {
    kind: 'stale_source', subject: { unitCode: facts.unitCode, indicatorCode: facts.indicatorCode },
    severity: facts.lastPeriod && monthNumber(owed.month) - monthNumber(facts.lastPeriod.slice(0, 7)) > 2 * cycle ? 'critical' : 'warning',
    since,
    reason: `Chưa có số liệu ${lowerFirst(owedVi)} (hạn báo cáo ${formatDate(owed.dueOn)}); số liệu gần nhất: ${lowerFirst(lastVi)}.`,
    reasonEn: `No figure for ${owedEn} (due ${formatDate(owed.dueOn)}); latest: ${lastEn}.`,
    data: { owedPeriod: owed.month, lastPeriod: facts.lastPeriod, frequency: facts.frequency },
  };
}

/** Robust z above which the latest month-on-month change is an outlier. */
export const OUTLIER_Z = 5;

/**
 * The latest value is an outlier when its change from the month before is far outside the series'
 * usual changes (robust z-score of differences, median/MAD, over at least 6 earlier changes).
 */
export function outlierAlert(facts: { indicatorCode: string; unitCode: string; series: SeriesPoint[] }): AlertDraft | null {
  const pts = facts.series.filter((p): p is { period: string; value: number } => p.value !== null)
    .sort((a, b) => monthNumber(a.period) - monthNumber(b.period));
  if (pts.length < 8) return null;
  const diffs: number[] = [];
  for (let i = 1; i < pts.length; i++) diffs.push(pts[i]!.value - pts[i - 1]!.value);
  const latest = diffs.pop()!;
  // MAD collapses to 0 when most changes are equal (a steady climb); half the standard deviation
  // of the earlier changes is the floor then, and a tiny absolute floor for a constant series.
  const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / Math.max(1, diffs.length - 1));
  const scale = Math.max(robustScale(diffs), 0.5 * sd, 1e-6 * (1 + Math.abs(median(pts.map((p) => p.value)))));
  const z = (latest - median(diffs)) / scale;
  if (Math.abs(z) < OUTLIER_Z) return null;
  const last = pts[pts.length - 1]!;
  const prev = pts[pts.length - 2]!;
  const label = periodLabel(parsePeriod(last.period)!, 'vi');
  return {
    kind: 'outlier', subject: { unitCode: facts.unitCode, indicatorCode: facts.indicatorCode },
    severity: 'warning', since: `${last.period}-01`,
    reason: `Giá trị ${lowerFirst(label)} bất thường: ${formatNumber(last.value, 'vi')} so với ${formatNumber(prev.value, 'vi')} tháng trước (lệch ${formatNumber(Math.abs(z), 'vi')} lần mức dao động thường thấy).`,
    reasonEn: `The figure for ${periodLabel(parsePeriod(last.period)!, 'en')} is unusual: ${formatNumber(last.value, 'en')} after ${formatNumber(prev.value, 'en')} (${formatNumber(Math.abs(z), 'en')}× the usual change).`,
    data: { period: last.period, value: last.value, previous: prev.value, z: Math.round(z * 10) / 10 },
  };
}

/** "Tháng 5/2026" inside a sentence: "tháng 5/2026". */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso.slice(0, 10)}T00:00:00Z`) - Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
