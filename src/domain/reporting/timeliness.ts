import { daysBetween, deadlineInstant, vietnamDate } from './cycles.ts';

export type Timeliness =
  | { status: 'on_time'; dueBefore: string; submittedOn: string }
  | { status: 'late'; dueBefore: string; submittedOn: string; daysLate: number }
  | { status: 'missing'; dueBefore: string; daysLate: number }
  | { status: 'not_due'; dueBefore: string };

/**
 * Whether a report left on time. The first submission counts: a report returned for correction and
 * resubmitted after the deadline was still on time if it first left before it. A report not yet sent
 * is missing once its deadline has passed, and as late as the days gone by.
 *
 * @example timelinessOf('2026-03-18', new Date('2026-03-19T03:00:00Z'), new Date()) // late by 2 days
 */
export function timelinessOf(dueBeforeIso: string, firstSubmittedAt: Date | null, now: Date): Timeliness {
  const deadline = deadlineInstant(dueBeforeIso);
  if (firstSubmittedAt) {
    const submittedOn = vietnamDate(firstSubmittedAt);
    if (firstSubmittedAt.getTime() < deadline.getTime()) return { status: 'on_time', dueBefore: dueBeforeIso, submittedOn };
    return { status: 'late', dueBefore: dueBeforeIso, submittedOn, daysLate: daysBetween(dueBeforeIso, submittedOn) + 1 };
  }
  if (now.getTime() < deadline.getTime()) return { status: 'not_due', dueBefore: dueBeforeIso };
  return { status: 'missing', dueBefore: dueBeforeIso, daysLate: daysBetween(dueBeforeIso, vietnamDate(now)) + 1 };
}

export interface TimelinessSummary {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  notDue: number;
  /** Late plus missing: the figure "số lần chậm báo cáo" counts. */
  lateCount: number;
  /** Share of due reports sent on time, 0..1, null when none was due. */
  onTimeRate: number | null;
}

export function summarizeTimeliness(items: readonly Timeliness[]): TimelinessSummary {
  const count = (s: Timeliness['status']) => items.filter((i) => i.status === s).length;
  const onTime = count('on_time');
  const late = count('late');
  const missing = count('missing');
  const due = onTime + late + missing;
  return {
    expected: items.length,
    onTime,
    late,
    missing,
    notDue: count('not_due'),
    lateCount: late + missing,
    onTimeRate: due === 0 ? null : onTime / due,
  };
}

export const TIMELINESS_VI: Record<Timeliness['status'], string> = {
  on_time: 'Đúng hạn',
  late: 'Chậm',
  missing: 'Chưa gửi',
  not_due: 'Chưa đến hạn',
};
