import { foldVietnamese } from './indicator.ts';

/** The range a value of an indicator may take, as its measure implies. */
export interface ValueBounds {
  min: number;
  max: number;
  /** Ranks are whole numbers. */
  integer: boolean;
  /** How the range is said to the person who sent the value (vi / en). */
  describe: string;
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
    return { min: 0, max: 100, integer: false, describe: 'từ 0 đến 100 (%) / between 0 and 100 (%)' };
  }
  if (/^(thu hang|thu bac|xep hang|hang)\b/.test(m)) {
    return { min: 1, max: MAGNITUDE, integer: true, describe: 'số nguyên từ 1 (thứ hạng) / a whole number from 1 (a rank)' };
  }
  return { min: 0, max: MAGNITUDE, integer: false, describe: `không âm, tối đa 10^15 (${measure}) / not negative, at most 10^15` };
}

/** Whether `value` fits the bounds. */
export function withinBounds(value: number, bounds: ValueBounds): boolean {
  return Number.isFinite(value) && value >= bounds.min && value <= bounds.max && (!bounds.integer || Number.isInteger(value));
}
