import { parsePeriod, periodLabel, type Period, type PeriodKind } from '../periods/period.ts';

/** How often a unit reports. */
export type ReportingCycle = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'ad_hoc';
export const REPORTING_CYCLES: readonly ReportingCycle[] = ['monthly', 'quarterly', 'half_yearly', 'yearly', 'ad_hoc'];

const PERIOD_KIND: Record<Exclude<ReportingCycle, 'ad_hoc'>, PeriodKind> = {
  monthly: 'month',
  quarterly: 'quarter',
  half_yearly: 'half',
  yearly: 'year',
};

/** Vietnamese time: deadlines fall at midnight in Hà Nội, whatever the server's zone. */
const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * The plans' rule "trước ngày N hằng tháng": a ward's offices before the 18th, the ward before the
 * 19th, city bodies before the 25th. Units under a ward (schools, clinics, residential groups) follow
 * its offices.
 *
 * @example defaultDueDay('office') // 18
 */
export function defaultDueDay(unitKind: string): number {
  switch (unitKind) {
    case 'commune': return 19;
    case 'agency':
    case 'city': return 25;
    default: return 18;
  }
}

export interface ObligationTerms {
  cycle: ReportingCycle;
  /** "Before day N" of the month the deadline falls in (monthly, quarterly). */
  dueDay: number | null;
  /** The "before" date of an ad hoc report (ISO). */
  dueOn: string | null;
}

/**
 * The period a cycle reports on for a period code, or null when the code does not fit the cycle
 * (a monthly obligation takes "2026-03", a quarterly one "2026-Q1", ad hoc any code).
 */
export function periodForCycle(cycle: ReportingCycle, code: string): Period | null {
  const period = parsePeriod(code);
  if (!period) return null;
  if (cycle === 'ad_hoc') return period;
  return period.kind === PERIOD_KIND[cycle] ? period : null;
}

/**
 * The date before which the report of `period` is due (ISO; the report is on time when it leaves
 * before 00:00 of that day in Hà Nội). Figures are cut off inside the period (Nghị định 09/2019:
 * the 15th of the previous month to the 14th), so a monthly report is due in its own month, a
 * quarterly one in the quarter's last month, the half-year report before 30/6 and the year report
 * before 30/12.
 *
 * @example dueBefore({ cycle: 'monthly', dueDay: 18, dueOn: null }, parsePeriod('2026-03')!) // '2026-03-18'
 */
export function dueBefore(terms: ObligationTerms, period: Period): string {
  const lastMonth = Number(period.end.slice(5, 7));
  switch (terms.cycle) {
    case 'ad_hoc':
      return terms.dueOn ?? period.end;
    case 'half_yearly':
      return iso(period.year, lastMonth, clampDay(period.year, lastMonth, terms.dueDay ?? 30));
    case 'yearly':
      return iso(period.year, 12, clampDay(period.year, 12, terms.dueDay ?? 30));
    default:
      return iso(period.year, lastMonth, clampDay(period.year, lastMonth, terms.dueDay ?? 18));
  }
}

/** The instant a "before" date starts in Hà Nội. */
export function deadlineInstant(dueBeforeIso: string): Date {
  return new Date(Date.parse(`${dueBeforeIso}T00:00:00Z`) - VN_OFFSET_MS);
}

/** The calendar date in Hà Nội of an instant (ISO). */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later), counted on Hà Nội's calendar. */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

/** Adds days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The periods of a cycle whose deadline falls between two dates (inclusive) — what the scheduler
 * walks to find reminders and missing reports.
 */
export function periodsDueBetween(terms: ObligationTerms, fromIso: string, toIso: string): Period[] {
  if (terms.cycle === 'ad_hoc') return [];
  const out: Period[] = [];
  const first = Number(fromIso.slice(0, 4)) - 1;
  const last = Number(toIso.slice(0, 4)) + 1;
  for (let year = first; year <= last; year++) {
    for (const code of codesOfYear(terms.cycle, year)) {
      const period = parsePeriod(code);
      if (!period) continue;
      const due = dueBefore(terms, period);
      if (due >= fromIso && due <= toIso) out.push(period);
    }
  }
  return out;
}

/** "Tháng 3/2026", or "Báo cáo đột xuất" wording for an ad hoc report. */
export function reportPeriodLabel(period: Period): string {
  return periodLabel(period);
}

/** Vietnamese name of a cycle. */
export function cycleLabel(cycle: ReportingCycle): string {
  switch (cycle) {
    case 'monthly': return 'Hằng tháng';
    case 'quarterly': return 'Hằng quý';
    case 'half_yearly': return '6 tháng';
    case 'yearly': return 'Hằng năm';
    case 'ad_hoc': return 'Đột xuất';
  }
}

function codesOfYear(cycle: Exclude<ReportingCycle, 'ad_hoc'>, year: number): string[] {
  switch (cycle) {
    case 'monthly': return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    case 'quarterly': return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
    case 'half_yearly': return [`${year}-H1`, `${year}-H2`];
    case 'yearly': return [`${year}`];
  }
}

function clampDay(year: number, month: number, day: number): number {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Math.max(1, Math.min(day, days));
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether a report was expected at all: one due on or before the day the obligation was created
 * was not (a plan published in March does not make February's report missing).
 */
export function isExpected(dueBeforeIso: string, obligationCreatedAt: Date): boolean {
  return dueBeforeIso > vietnamDate(obligationCreatedAt);
}
