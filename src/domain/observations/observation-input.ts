import { valueBounds, withinBounds } from '../indicators/value-bounds.ts';
import { parsePeriod, type Period } from '../periods/period.ts';
import { problem, type Problem } from '../errors.ts';
import { message, type Message } from '../messages/message.ts';

/** Where a value came from: pushed by a system, pulled by a connector, typed in, or imported from a file. */
export const ORIGINS = ['system', 'connector', 'manual', 'import'] as const;
export type Origin = (typeof ORIGINS)[number];

/** One rejected row of a batch: which row (0-based), which field, and why. */
/** A row's problem: its index in the batch and the field at fault, said as a catalogued message. */
export type Conflict = Problem & { index: number; field: string };

/** The indicator facts validation needs. */
export interface IndicatorRef {
  id: number;
  measure: string;
  classified: boolean;
}

/** A row that passed validation, ready to store. */
export interface ValidObservation {
  index: number;
  indicator: string;
  unit: string;
  indicatorId: number;
  unitId: number;
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
  note: string | null;
  evidenceUrl: string | null;
  reason: string | null;
}

export interface ValidationLookups {
  indicators: ReadonlyMap<string, IndicatorRef>;
  units: ReadonlyMap<string, { id: number }>;
}

export interface ValidationOptions {
  /** Manual entries must carry evidence (a URL or a note). */
  requireEvidence: boolean;
}

/** Largest batch one request may carry; larger loads go through `observations import`. */
export const MAX_BATCH_ROWS = 100_000;

const MAX_NOTE = 4000;

/**
 * The indicator and unit codes a batch mentions, so the caller loads exactly those before validating.
 */
export function codesIn(rows: readonly unknown[]): { indicators: string[]; units: string[] } {
  const indicators = new Set<string>();
  const units = new Set<string>();
  for (const row of rows) {
    if (!isRecord(row)) continue;
    if (typeof row.indicator === 'string') indicators.add(row.indicator.normalize('NFC').trim());
    if (typeof row.unit === 'string') units.add(row.unit.normalize('NFC').trim());
  }
  return { indicators: [...indicators], units: [...units] };
}

/**
 * Validates every row of a batch and reports every conflict (not just the first), so one answer tells
 * the sender all that is wrong. A row has `value`, or `numerator` and `denominator` (the value is then
 * their quotient, ×100 when the indicator is measured in %), never both.
 *
 * @example
 * validateObservations([{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-03', numerator: 45, denominator: 50 }],
 *   { indicators: new Map([['DVC_TT', { id: 1, measure: '%', classified: false }]]), units: new Map([['P_VT', { id: 7 }]]) },
 *   { requireEvidence: false });
 * // → { valid: [{ …, value: 90, numerator: 45, denominator: 50 }], conflicts: [] }
 */
export function validateObservations(
  rows: readonly unknown[],
  lookups: ValidationLookups,
  options: ValidationOptions,
): { valid: ValidObservation[]; conflicts: Conflict[] } {
  const valid: ValidObservation[] = [];
  const conflicts: Conflict[] = [];
  rows.forEach((row, index) => {
    const result = validateRow(row, index, lookups, options);
    if ('conflicts' in result) conflicts.push(...result.conflicts);
    else valid.push(result);
  });
  return { valid, conflicts };
}

function validateRow(
  row: unknown,
  index: number,
  lookups: ValidationLookups,
  options: ValidationOptions,
): ValidObservation | { conflicts: Conflict[] } {
  const conflicts: Conflict[] = [];
  const fail = (field: string, said: Message) => conflicts.push({ ...problem({ field }, said), index, field });
  if (!isRecord(row)) {
    fail('row', message('observation.each_row_must_object'));
    return { conflicts };
  }

  const indicatorCode = requiredText(row, 'indicator', fail);
  const indicator = indicatorCode === null ? undefined : lookups.indicators.get(indicatorCode);
  if (indicatorCode !== null && !indicator) fail('indicator', message('observation.unknown_indicator', { indicatorCode }));

  const unitCode = requiredText(row, 'unit', fail);
  const unit = unitCode === null ? undefined : lookups.units.get(unitCode);
  if (unitCode !== null && !unit) fail('unit', message('observation.unknown_unit', { unitCode }));

  let period: Period | null = null;
  const rawPeriod = row.period;
  if (rawPeriod === undefined || rawPeriod === null || rawPeriod === '') fail('period', message('observation.period_required'));
  else if (typeof rawPeriod !== 'string' && !(typeof rawPeriod === 'number' && Number.isInteger(rawPeriod))) fail('period', message('observation.period_must_text'));
  else {
    period = parsePeriod(String(rawPeriod));
    if (!period) fail('period', message('observation.invalid_period', { rawPeriod: String(rawPeriod) }));
  }

  const value = optionalNumber(row, 'value', fail);
  const numerator = optionalNumber(row, 'numerator', fail);
  const denominator = optionalNumber(row, 'denominator', fail);
  const hasValue = value !== undefined;
  const hasRatio = numerator !== undefined || denominator !== undefined;
  let finalValue: number | null = null;
  if (hasValue && hasRatio) {
    fail('value', message('observation.give_value_or_numerator_denominator'));
  } else if (!hasValue && !hasRatio) {
    if (!conflicts.some((c) => c.field === 'value' || c.field === 'numerator' || c.field === 'denominator')) {
      fail('value', message('observation.value_or_numerator_and_denominator'));
    }
  } else if (hasValue) {
    finalValue = value;
  } else if (numerator === undefined) {
    fail('numerator', message('observation.numerator_required_with_denominator'));
  } else if (denominator === undefined) {
    fail('denominator', message('observation.denominator_required_with_numerator'));
  } else if (numerator !== null && denominator !== null) {
    if (denominator === 0) fail('denominator', message('observation.denominator_must_not'));
    else finalValue = ratioValue(numerator, denominator, indicator?.measure ?? '');
  }

  if (finalValue !== null && indicator) {
    // The value a ratio gives is checked as the value; the complaint names what the sender wrote.
    const bounds = valueBounds(indicator.measure);
    if (!withinBounds(finalValue, bounds)) {
      fail(hasValue ? 'value' : 'numerator', message(`observation.value_out_of_range_${bounds.kind}`, { value: finalValue, measure: indicator.measure }));
      finalValue = null;
    }
  }
  if (hasRatio && ((numerator ?? 0) < 0 || (denominator ?? 0) < 0)) fail((numerator ?? 0) < 0 ? 'numerator' : 'denominator', message('observation.numerator_and_denominator_must_not'));

  const note = optionalText(row, 'note', fail);
  const reason = optionalText(row, 'reason', fail);
  const evidenceUrl = optionalText(row, 'evidenceUrl', fail);
  if (evidenceUrl !== null && !isHttpUrl(evidenceUrl)) fail('evidenceUrl', message('observation.evidenceurl_must_http_s_url'));
  if (options.requireEvidence && evidenceUrl === null && note === null) {
    fail('evidenceUrl', message('observation.manual_entries_need_evidence_evidenceurl'));
  }

  if (conflicts.length > 0 || !indicator || !unit || !period || finalValue === null || indicatorCode === null || unitCode === null) {
    if (conflicts.length === 0) fail('row', message('observation.invalid_row'));
    return { conflicts };
  }
  return {
    index,
    indicator: indicatorCode,
    unit: unitCode,
    indicatorId: indicator.id,
    unitId: unit.id,
    period,
    value: finalValue,
    numerator: numerator ?? null,
    denominator: denominator ?? null,
    note,
    evidenceUrl,
    reason,
  };
}

/**
 * The value of a ratio: numerator / denominator, as a percentage when the indicator is measured in %.
 * Rounded to 12 significant digits so that the same inputs always store the same number.
 *
 * @example
 * ratioValue(45, 50, '%') // → 90
 */
export function ratioValue(numerator: number, denominator: number, measure: string): number {
  const raw = measure.trim() === '%' ? (numerator * 100) / denominator : numerator / denominator;
  return Number(raw.toPrecision(12));
}

/** Whether a new value repeats the current one (then no new version is written). */
export function sameValue(
  a: { value: number | null; numerator: number | null; denominator: number | null },
  b: { value: number | null; numerator: number | null; denominator: number | null },
): boolean {
  return a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;
}

function requiredText(row: Record<string, unknown>, field: string, fail: (field: string, said: Message) => void): string | null {
  const raw = row[field];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    fail(field, message('observation.required', { field }));
    return null;
  }
  if (typeof raw !== 'string') {
    fail(field, message('observation.must_code_text', { field }));
    return null;
  }
  return raw.normalize('NFC').trim();
}

/** undefined when absent; null when present but wrong (a conflict was recorded). */
function optionalNumber(row: Record<string, unknown>, field: string, fail: (field: string, said: Message) => void): number | null | undefined {
  const raw = row[field];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseDecimal(raw) : Number.NaN;
  if (!Number.isFinite(value)) {
    fail(field, message('observation.must_number', { field }));
    return null;
  }
  return value;
}

function optionalText(row: Record<string, unknown>, field: string, fail: (field: string, said: Message) => void): string | null {
  const raw = row[field];
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') {
    fail(field, message('observation.must_text', { field }));
    return null;
  }
  const text = raw.normalize('NFC').trim();
  if (text.length > MAX_NOTE) fail(field, message('observation.too_long', { field, MAX_NOTE }));
  return text === '' ? null : text;
}

/** Plain decimal text only ("12", "-3.5", "1e3"); hex, blanks inside and thousands separators are not numbers here. */
export function parseDecimal(text: string): number {
  const t = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
