/**
 * Reporting periods as officials name them. A period has a code used in the API ("2026-03",
 * "2026-Q1", "2026-H1", "2026"), an inclusive date range, and a Vietnamese label ("Tháng 3/2026",
 * "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026").
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  code: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2; absent for a year. */
  index: number | null;
  /** Inclusive ISO dates. */
  start: string;
  end: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const PATTERN = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/;

/** Parses a period code; returns null when it is not one (the caller names the field in its error). */
export function parsePeriod(code: string): Period | null {
  const m = PATTERN.exec(code.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return null;
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return build('month', year, month, month, month);
  }
  if (m[3] !== undefined) {
    const q = Number(m[3]);
    return build('quarter', year, q, q * 3 - 2, q * 3);
  }
  if (m[4] !== undefined) {
    const h = Number(m[4]);
    return build('half', year, h, h * 6 - 5, h * 6);
  }
  return build('year', year, null, 1, 12);
}

export function monthPeriod(year: number, month: number): Period {
  return build('month', year, month, month, month);
}

/** The month containing an ISO date or Date. */
export function periodOfDate(date: string | Date): Period {
  const iso = typeof date === 'string' ? date : date.toISOString().slice(0, 10);
  return monthPeriod(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)));
}

/** The Vietnamese label officials use; English when `lang` is "en". */
/**
 * English month names, written out: `toLocaleString('en', { month: 'long' })` gives the same words
 * but builds a formatter on every call, which was the largest single cost of evaluating a whole city
 * (every evaluation names its latest month in both languages).
 */
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export function periodLabel(period: Period, lang: 'vi' | 'en' = 'vi'): string {
  const i = period.index ?? 0;
  if (lang === 'en') {
    switch (period.kind) {
      case 'month': return `${ENGLISH_MONTHS[i - 1]} ${period.year}`;
      case 'quarter': return `Q${i} ${period.year}`;
      case 'half': return `${i === 1 ? 'First' : 'Second'} half of ${period.year}`;
      case 'year': return `Year ${period.year}`;
    }
  }
  switch (period.kind) {
    case 'month': return `Tháng ${i}/${period.year}`;
    case 'quarter': return `Quý ${ROMAN[i - 1]}/${period.year}`;
    case 'half': return i === 1 ? `6 tháng đầu năm ${period.year}` : `6 tháng cuối năm ${period.year}`;
    case 'year': return `Năm ${period.year}`;
  }
}

/** The months a period covers, in order. */
export function monthsOf(period: Period): Period[] {
  const first = Number(period.start.slice(5, 7));
  const last = Number(period.end.slice(5, 7));
  const out: Period[] = [];
  for (let m = first; m <= last; m++) out.push(monthPeriod(period.year, m));
  return out;
}

function build(kind: PeriodKind, year: number, index: number | null, firstMonth: number, lastMonth: number): Period {
  const code =
    kind === 'month' ? `${year}-${String(index).padStart(2, '0')}`
    : kind === 'quarter' ? `${year}-Q${index}`
    : kind === 'half' ? `${year}-H${index}`
    : `${year}`;
  return { code, kind, year, index, start: isoDate(year, firstMonth, 1), end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
