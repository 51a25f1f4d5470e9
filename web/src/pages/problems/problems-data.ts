import type { MessageKey } from '../../i18n/vi.ts';

/** What the problems API answers (docs/problems.md); only the fields the screens use. */
export interface ProblemSummary {
  code: string;
  name: string;
  fields: string[];
  problem: string;
  currentHandling: string;
  managementNeed: string;
  pilotScope: string;
  dataAvailable: string | null;
  dataInputs: string | null;
  outputStandards: string | null;
  sandboxConditions: string | null;
  proposingUnit: { code: string; name: string };
  receivingUnit: { code: string; name: string };
  state: string;
  scaleClass: string | null;
  areaType: string | null;
  mergedInto: string | null;
  updatedAt: string;
  contact: { name?: string | null; title?: string | null; phone?: string | null; email?: string | null } | null;
}

export interface ProblemKpi { target: string; indicator: string; indicatorName: string; text: string; op: string; baseline: number | null; goal: number | null; dueOn: string | null; unit: string }

export interface ProblemDetail extends ProblemSummary {
  origins: { code: string; name: string; unit: string }[];
  transitions: { from: string | null; to: string; actor: string; note: string | null; at: string }[];
  kpis: ProblemKpi[];
  /** The moves the signed-in person may make now, as the server decides them. */
  allowedTransitions: { to: string; needsReason: boolean }[];
}

export interface DuplicatePair { a: string; b: string; score: number; sharedFields: string[]; sharedTerms: string[]; names: [string, string] }

export interface Solution {
  id: number;
  organisationName: string;
  organisationType: string;
  contact: { name: string | null; email: string | null; phone: string | null };
  approach: string;
  commitments: { kpi: string | null; time: string | null; cost: string | null };
  state: string;
  reviewerNote: string | null;
  submittedAt: string;
}

export interface Pilot { code: string; title: string; problemCode: string | null; indicators: string[]; treatedUnits: string[]; comparisonUnits: string[]; start: string; end: string | null; state: string }

export interface EffectIndicator {
  indicator: { code: string; name: string; measure: string | null; direction: string };
  estimate: {
    sufficient: boolean;
    reason: { code: string; vi: string; en: string } | null;
    effect: number | null;
    interval: { low: number; high: number; level: number } | null;
    warnings: { code: string; vi: string; en: string }[];
  };
  chart: { start: string; startLabel: string; points: { period: string; label: string; phase: string; treated: number | null; comparison: number | null }[] };
}

export interface PilotEffect { pilot: Pilot; confidence: number; indicators: EffectIndicator[] }

export const STATES = ['proposed', 'consolidated', 'appraised', 'published', 'in_pilot', 'evaluated', 'scaled', 'closed'] as const;
export const FIELDS = ['urban_management', 'health', 'education', 'environment', 'administrative_data', 'other'] as const;
export const AREA_TYPES = ['urban_core', 'peri_urban', 'rural'] as const;
export const SCALES = ['small_test', 'extended_pilot', 'wide_rollout'] as const;

export const stateKey = (s: string) => `problems.state.${s}` as MessageKey;
export const fieldKey = (s: string) => `problems.field.${s}` as MessageKey;
export const areaKey = (s: string) => `problems.area.${s}` as MessageKey;

/** Counts of a list by a key, in the order of `order` then any others, zeros left out. */
export function countBy<T>(items: readonly T[], keysOf: (item: T) => readonly (string | null)[], order: readonly string[] = []): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) for (const k of keysOf(item)) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  const known = order.filter((k) => counts.has(k)).map((k) => [k, counts.get(k)!] as [string, number]);
  const others = [...counts].filter(([k]) => !order.includes(k)).sort((a, b) => b[1] - a[1]);
  return [...known, ...others];
}

/**
 * A pilot's estimate in words, as officials read it: "+4,75 điểm %, khoảng tin cậy 90 %: 3,17 đến 6,33".
 * Percent indicators are measured in percentage points.
 */
export function effectInWords(effect: number, interval: { low: number; high: number; level: number } | null, measure: string | null, lang: 'vi' | 'en'): string {
  const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const unit = measure === '%' ? (lang === 'vi' ? ' điểm %' : ' percentage points') : measure ? ` ${measure}` : '';
  const head = `${effect > 0 ? '+' : ''}${nf.format(effect)}${unit}`;
  if (!interval) return head;
  const level = Math.round(interval.level * 100);
  return lang === 'vi'
    ? `${head}, khoảng tin cậy ${level} %: ${nf.format(interval.low)} đến ${nf.format(interval.high)}`
    : `${head}, ${level}% confidence interval: ${nf.format(interval.low)} to ${nf.format(interval.high)}`;
}

/** "user:ha.nguyen" → "ha.nguyen": the API names actors by account. */
export function actorName(actor: string): string {
  return actor.replace(/^(user|token|cli|test):/, '');
}

/** dd/mm/yyyy → yyyy-mm-dd; null when not a date. */
export function parseDayMonthYear(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}
