import { deadlineInstant } from '../reporting/cycles.ts';

export type ReminderKind = 'reminder_3d' | 'reminder_1d' | 'escalation';
/** Who hears it: the reporting unit, its head (approver), the unit it reports to. */
export type Audience = 'unit' | 'head' | 'parent';

export interface ReportDue {
  obligationId: number;
  period: string;
  dueBefore: string;
  /** The report has left the unit (submitted at least once). */
  submitted: boolean;
}

export interface DueReminder {
  kind: ReminderKind;
  audience: Audience;
  obligationId: number;
  period: string;
  dueBefore: string;
  /** Unique forever: the same reminder is never sent twice, across restarts and instances. */
  dedupeKey: string;
}

const DAY_MS = 86_400_000;
/** An old missing report is not escalated afresh when the scheduler first starts on an old database. */
export const ESCALATION_WINDOW_DAYS = 30;

/**
 * The reminders a report calls for at `now`: three days and one day before its deadline while it has
 * not been sent, and once late, an escalation to the unit's head and to the unit it reports to. Only
 * the latest reminder of a window is due: a scheduler that was down for the 3-day mark sends the
 * 1-day one, not both.
 *
 * @example dueReminders({ obligationId: 1, period: '2026-03', dueBefore: '2026-03-18', submitted: false }, new Date('2026-03-16T01:00:00Z'))
 * // [{ kind: 'reminder_3d', audience: 'unit', dedupeKey: 'report:1:2026-03:reminder_3d:unit', … }]
 */
export function dueReminders(report: ReportDue, now: Date): DueReminder[] {
  if (report.submitted) return [];
  const deadline = deadlineInstant(report.dueBefore).getTime();
  const t = now.getTime();
  const make = (kind: ReminderKind, audience: Audience): DueReminder => ({
    kind,
    audience,
    obligationId: report.obligationId,
    period: report.period,
    dueBefore: report.dueBefore,
    dedupeKey: `report:${report.obligationId}:${report.period}:${kind}:${audience}`,
  });
  if (t >= deadline) {
    if (t >= deadline + ESCALATION_WINDOW_DAYS * DAY_MS) return [];
    return [make('escalation', 'unit'), make('escalation', 'head'), make('escalation', 'parent')];
  }
  if (t >= deadline - DAY_MS) return [make('reminder_1d', 'unit')];
  if (t >= deadline - 3 * DAY_MS) return [make('reminder_3d', 'unit')];
  return [];
}

/** The next instant at which `dueReminders` may answer differently for this report, or null. */
export function nextReminderAt(report: ReportDue, now: Date): Date | null {
  if (report.submitted) return null;
  const deadline = deadlineInstant(report.dueBefore).getTime();
  const marks = [deadline - 3 * DAY_MS, deadline - DAY_MS, deadline].filter((m) => m > now.getTime());
  return marks.length ? new Date(Math.min(...marks)) : null;
}

/**
 * Delay before retry `attempt` (1-based): exponential, capped, so a failing webhook is tried again
 * after 30 s, 1 min, 2 min… up to an hour.
 *
 * @example retryDelayMs(3) // 120000
 */
export function retryDelayMs(attempt: number, baseMs = 30_000, capMs = 3_600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
