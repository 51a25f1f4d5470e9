import { foldVietnamese } from './indicator.ts';

/** The range a value of an indicator may take, as its measure implies. */
export interface ValueBounds {
  min: number;
  max: number;
  /** Ranks are whole numbers. */
  integer: boolean;
  /** Which range it is, so a refusal can say it in the reader's language. */
  kind: 'percent' | 'rank' | 'amount';
}

/** No figure a city reports comes near this; past it a value is a typing or system error. */
const MAGNITUDE = 1e15;

/**
 * What values an indicator's measure admits: a percentage lies in 0–100, a rank is a whole number
 * from 1, anything counted or summed (doanh nghiệp, hồ sơ, lượt, tỷ đồng…) is not negative, and
 * nothing is larger than 10^15. Values outside are refused at ingest (they would otherwise be ranked
 * and rolled up as if true).
 *
 * @example
 * valueBounds('%')        // { min: 0, max: 100, integer: false, … }
 * valueBounds('thứ hạng') // { min: 1, max: 1e15, integer: true, … }
 */
export function valueBounds(measure: string): ValueBounds {
  const m = foldVietnamese(measure);
  if (m.startsWith('%') || m.startsWith('phan tram')) {
    return { min: 0, max: 100, integer: false, kind: 'percent' };
  }
  if (/^(thu hang|thu bac|xep hang|hang)\b/.test(m)) {
    return { min: 1, max: MAGNITUDE, integer: true, kind: 'rank' };
  }
  return { min: 0, max: MAGNITUDE, integer: false, kind: 'amount' };
}

/** Whether `value` fits the bounds. */
export function withinBounds(value: number, bounds: ValueBounds): boolean {
  return Number.isFinite(value) && value >= bounds.min && value <= bounds.max && (!bounds.integer || Number.isInteger(value));
}
