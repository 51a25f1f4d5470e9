import type { PilotAnswer, PilotEffectAnswer } from '../../../../src/http/routes/pilots/schema.ts';
import type { findProblemDuplicates } from '../../../../src/use-cases/problems/find-problem-duplicates.ts';
import type { ProblemDetail as ServerProblemDetail } from '../../../../src/use-cases/problems/get-problem.ts';
import type { ProblemView } from '../../../../src/use-cases/problems/problem-view.ts';
import type { solutionView } from '../../../../src/use-cases/problems/review-solutions.ts';
import type { MessageKey } from '../../i18n/vi.ts';

/*
 * The answers of the problems and pilots APIs, as the server types them (one shape for both sides: a
 * changed field fails the typecheck here). The pilots routes have TypeBox response schemas; the
 * problems routes answer what their use cases return (docs/problems.md), so those types come from the
 * use cases. `import type` only: nothing of the server enters the bundle.
 */
export type ProblemSummary = ProblemView;
export type ProblemDetail = ServerProblemDetail;
export type ProblemKpi = ServerProblemDetail['kpis'][number];
export type DuplicatePair = Awaited<ReturnType<typeof findProblemDuplicates>>['pairs'][number];
export type Solution = ReturnType<typeof solutionView>;
export type Pilot = PilotAnswer;
export type PilotEffect = PilotEffectAnswer;
export type EffectIndicator = PilotEffectAnswer['indicators'][number];

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

/** dd/mm/yyyy → yyyy-mm-dd; null when not a date. */
export function parseDayMonthYear(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}
