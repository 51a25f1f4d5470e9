import { problem, type Problem } from '../errors.ts';
import { message, type Message } from '../messages/message.ts';

/** Whether a larger value is better (`up`) or a smaller one (`down`). */
export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How values roll up the unit tree. `ratio` sums numerators and denominators separately. */
export const AGGREGATIONS = ['sum', 'mean', 'ratio', 'min', 'max', 'last'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** How often a source is expected to deliver a new value; drives staleness. */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'ad_hoc'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** An indicator as defined by the steering office: what is measured, once, whoever asks for it. */
export interface IndicatorDefinition {
  code: string;
  name: string;
  /** Measure unit as officials write it: "%", "doanh nghiệp", "hồ sơ"… */
  measure: string;
  direction: Direction;
  aggregation: Aggregation;
  /** For ratios: what is counted above and below the line (e.g. "hồ sơ trực tuyến" / "tổng hồ sơ"). */
  numerator: string | null;
  denominator: string | null;
  frequency: Frequency;
  sourceSystem: string | null;
  classified: boolean;
}

/** The columns an indicator file must start with; the rest are optional. */
export const REQUIRED_INDICATOR_COLUMNS = ['code', 'name', 'measure', 'direction', 'aggregation'] as const;
export const OPTIONAL_INDICATOR_COLUMNS = ['numerator', 'denominator', 'frequency', 'source_system', 'classified'] as const;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const FREQUENCY_ALIASES: Record<string, Frequency> = {
  daily: 'daily', ngay: 'daily', 'hang ngay': 'daily',
  weekly: 'weekly', tuan: 'weekly', 'hang tuan': 'weekly',
  monthly: 'monthly', thang: 'monthly', 'hang thang': 'monthly',
  quarterly: 'quarterly', quy: 'quarterly', 'hang quy': 'quarterly',
  half_yearly: 'half_yearly', 'half-yearly': 'half_yearly', '6 thang': 'half_yearly',
  yearly: 'yearly', annual: 'yearly', nam: 'yearly', 'hang nam': 'yearly',
  ad_hoc: 'ad_hoc', 'ad-hoc': 'ad_hoc', 'dot xuat': 'ad_hoc',
};

/**
 * Validates one indicator record (from a file line or an API body), collecting every problem rather
 * than stopping at the first, so a person fixes a file in one pass.
 *
 * @example
 * parseIndicatorRecord({ code: 'DVC_TT', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%', direction: 'up',
 *   aggregation: 'ratio', numerator: 'hồ sơ trực tuyến', denominator: 'tổng hồ sơ' }, { line: 2 });
 * // → { value: { code: 'DVC_TT', …, frequency: 'monthly', classified: false }, problems: [] }
 */
export function parseIndicatorRecord(
  record: Record<string, unknown>,
  where: { line?: number; index?: number } = {},
): { value: IndicatorDefinition | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (field: string, said: Message) => problems.push(problem({ ...where, field }, said));
  const text = (field: string): string | null => {
    const raw = record[field];
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      fail(field, message('indicator.must_text'));
      return null;
    }
    const value = String(raw).normalize('NFC').trim();
    return value === '' ? null : value;
  };

  const code = text('code');
  if (!code) fail('code', message('indicator.code_required'));
  else if (!CODE.test(code)) fail('code', message('indicator.code_may_hold_only_z'));
  const name = text('name');
  if (!name) fail('name', message('indicator.name_required'));
  const measure = text('measure');
  if (!measure) fail('measure', message('indicator.measure_required'));

  const direction = oneOf(text('direction')?.toLowerCase() ?? null, DIRECTIONS);
  if (!direction) fail('direction', message('indicator.must_one_of', { DIRECTIONS: DIRECTIONS.join(', ') }));
  const aggregation = oneOf(text('aggregation')?.toLowerCase() ?? null, AGGREGATIONS);
  if (!aggregation) fail('aggregation', message('indicator.must_one_of_again', { AGGREGATIONS: AGGREGATIONS.join(', ') }));

  const numerator = text('numerator');
  const denominator = text('denominator');
  if (aggregation === 'ratio') {
    if (!numerator) fail('numerator', message('indicator.ratio_needs_numerator'));
    if (!denominator) fail('denominator', message('indicator.ratio_needs_denominator'));
  }

  const frequencyText = text('frequency');
  const frequency = frequencyText === null ? 'monthly' : parseFrequency(frequencyText);
  if (!frequency) fail('frequency', message('indicator.unknown_frequency', { FREQUENCIES: FREQUENCIES.join(', ') }));

  const classifiedText = text('classified');
  const classified = classifiedText === null ? false : parseFlag(classifiedText);
  if (classified === null) fail('classified', message('indicator.must_true_or_false'));

  if (problems.length > 0 || !code || !name || !measure || !direction || !aggregation || !frequency || classified === null) {
    return { value: null, problems };
  }
  return {
    value: { code, name, measure, direction, aggregation, numerator, denominator, frequency, sourceSystem: text('source_system'), classified },
    problems,
  };
}

/** Reads a frequency as written in English or Vietnamese ("monthly", "hằng tháng", "Quý"). */
export function parseFrequency(input: string): Frequency | null {
  const key = foldVietnamese(input).replace(/\s+/g, ' ').trim();
  return FREQUENCY_ALIASES[key] ?? null;
}

/** Whether two definitions say the same thing (re-import of an unchanged line changes nothing). */
export function sameIndicator(a: IndicatorDefinition, b: IndicatorDefinition): boolean {
  return (Object.keys(a) as (keyof IndicatorDefinition)[]).every((k) => a[k] === b[k]);
}

function parseFlag(input: string): boolean | null {
  const key = foldVietnamese(input);
  if (['true', '1', 'yes', 'x', 'co', 'mat', 'classified'].includes(key)) return true;
  if (['false', '0', 'no', 'khong', ''].includes(key)) return false;
  return null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Lower case without diacritics ("Hằng tháng" → "hang thang"), for lenient matching of words. */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}
