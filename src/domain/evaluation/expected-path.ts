import { monthTime } from '../forecasting/forecast.ts';

/**
 * The expected path of a target: a straight line from the baseline at the start date to the goal
 * at the due date, flat before the start and after the due date. Time is measured in months so a
 * monthly value (which stands for the end of its month) is compared with the path at that point.
 *
 * @example
 * expectedOnPath({ start: '2026-01-01', baseline: 60, due: '2026-12-31', goal: 90 }, '2026-06-30') // ≈ 75
 */
export function expectedOnPath(
  path: { start: string; baseline: number; due: string; goal: number },
  isoDate: string,
): number {
  return expectedAtTime(path, monthTime(isoDate));
}

/** Same as `expectedOnPath` with time given as a month count (see `monthTime`). */
export function expectedAtTime(path: { start: string; baseline: number; due: string; goal: number }, t: number): number {
  const t0 = monthTime(path.start);
  const t1 = monthTime(path.due);
  if (t1 <= t0) return path.goal;
  const share = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
  return path.baseline + (path.goal - path.baseline) * share;
}
