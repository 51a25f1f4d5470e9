/**
 * How values combine up the unit tree. Pure: no I/O. The rule is the indicator's `aggregation`.
 * A ratio indicator rolls up as Σnumerator ÷ Σdenominator (a ratio of sums), never as a mean of the
 * children's ratios, because a ward with 10 files and a ward with 10,000 must not weigh the same.
 */
export type Aggregation = 'sum' | 'mean' | 'ratio' | 'min' | 'max' | 'last';

/** A value for one unit and period, with the parts a ratio needs. */
export interface CellValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** When the value was recorded (ms since epoch); orders the `last` rule. */
  recordedAt?: number;
}

/** How a value came to be: observed for the unit itself, or combined from `count` other units. */
export interface RolledValue extends CellValue {
  source: 'own' | 'rollup' | 'none';
  /** How many observed cells stand behind the value. */
  count: number;
}

export const NO_VALUE: RolledValue = { value: null, numerator: null, denominator: null, source: 'none', count: 0 };

export interface AggregateOptions {
  /**
   * What a ratio is multiplied by to give the indicator's value (100 for a percentage). When absent it
   * is read off the parts themselves (value ÷ (numerator ÷ denominator)), else 1.
   */
  ratioScale?: number;
}

/**
 * Combines the values of several units into one by `rule`. Parts without a value are ignored; no
 * part with a value gives `null` (an empty set of children has no value, not zero).
 *
 * For `ratio`, only parts with both a numerator and a positive denominator count; when none has them
 * the rule falls back to the mean of the values, since a source that sends only percentages still
 * deserves a roll-up (documented in docs/scoring.md).
 *
 * @example
 * aggregate('ratio', [{ value: 50, numerator: 1, denominator: 2 }, { value: 100, numerator: 8, denominator: 8 }]);
 * // → value 90 (9 of 10), not 75 (the mean of 50 and 100)
 */
export function aggregate(rule: Aggregation, parts: readonly CellValue[], options: AggregateOptions = {}): RolledValue {
  const present = parts.filter((p) => p.value !== null || (p.numerator !== null && p.denominator !== null));
  if (present.length === 0) return NO_VALUE;
  const values = present.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const rolled = (value: number | null, numerator: number | null = null, denominator: number | null = null): RolledValue => ({
    value,
    numerator,
    denominator,
    source: 'rollup',
    count: present.length,
    ...latestRecorded(present),
  });
  switch (rule) {
    case 'sum': {
      if (values.length === 0) return NO_VALUE;
      const num = sumOf(present.map((p) => p.numerator));
      const den = sumOf(present.map((p) => p.denominator));
      return rolled(values.reduce((a, b) => a + b, 0), num, den);
    }
    case 'mean':
      return values.length === 0 ? NO_VALUE : rolled(values.reduce((a, b) => a + b, 0) / values.length);
    case 'min':
      return values.length === 0 ? NO_VALUE : rolled(Math.min(...values));
    case 'max':
      return values.length === 0 ? NO_VALUE : rolled(Math.max(...values));
    case 'last': {
      // The most recently recorded value; input order breaks ties (the caller passes a stable order).
      let best: CellValue | null = null;
      for (const p of present) {
        if (p.value === null) continue;
        if (best === null || (p.recordedAt ?? 0) >= (best.recordedAt ?? 0)) best = p;
      }
      return best ? rolled(best.value, best.numerator, best.denominator) : NO_VALUE;
    }
    case 'ratio': {
      const weighted = present.filter(
        (p): p is CellValue & { numerator: number; denominator: number } =>
          p.numerator !== null && p.denominator !== null && p.denominator > 0,
      );
      if (weighted.length === 0) {
        return values.length === 0 ? NO_VALUE : rolled(values.reduce((a, b) => a + b, 0) / values.length);
      }
      const num = weighted.reduce((a, p) => a + p.numerator, 0);
      const den = weighted.reduce((a, p) => a + p.denominator, 0);
      const scale = options.ratioScale ?? inferRatioScale(weighted) ?? 1;
      return rolled((num / den) * scale, num, den);
    }
  }
}

/** Reads the scale of a ratio indicator (1 or 100) off cells that carry value, numerator and denominator. */
export function inferRatioScale(parts: readonly CellValue[]): number | null {
  for (const p of parts) {
    if (p.value === null || p.numerator === null || p.denominator === null || p.numerator === 0 || p.denominator === 0) continue;
    const scale = p.value / (p.numerator / p.denominator);
    // Round to the nearest power of ten: a value rounded for display must not give 99.7 as a scale.
    return 10 ** Math.round(Math.log10(scale));
  }
  return null;
}

function sumOf(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

function latestRecorded(parts: readonly CellValue[]): { recordedAt?: number } {
  let latest: number | undefined;
  for (const p of parts) if (p.recordedAt !== undefined && (latest === undefined || p.recordedAt > latest)) latest = p.recordedAt;
  return latest === undefined ? {} : { recordedAt: latest };
}
