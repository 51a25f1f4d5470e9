/** Comparators a goal is written with ("≥ 95%", "< 5%"). */
export type Comparator = '>=' | '>' | '<=' | '<' | '=';

export const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '<', '='];

// Figures arrive rounded (95.0 may be stored as 94.99999999); compare with a little slack.
const EPSILON = 1e-9;

/**
 * Whether `value` satisfies `op goal`.
 *
 * @example
 * meets(95, '>=', 95); // → true
 */
export function meets(value: number, op: Comparator, goal: number): boolean {
  switch (op) {
    case '>=': return value >= goal - EPSILON;
    case '>': return value > goal + EPSILON;
    case '<=': return value <= goal + EPSILON;
    case '<': return value < goal - EPSILON;
    case '=': return Math.abs(value - goal) <= EPSILON * Math.max(1, Math.abs(goal));
  }
}

export interface ShareMeeting {
  /** Percentage 0–100 of counted units that meet the threshold; null when no unit is counted. */
  share: number | null;
  met: number;
  /** Units counted in the denominator. */
  total: number;
  /** Units without a value. */
  missing: number;
  /** Codes of the units that do not meet it (missing ones included when they count as failing). */
  failing: string[];
}

/**
 * "100% phường đạt …": the share of units whose value meets `op goal`. A unit without a value has not
 * shown that it meets the goal, so by default it counts as not meeting (`missing: 'fail'`); pass
 * `missing: 'exclude'` to leave it out of the denominator instead.
 *
 * @example
 * shareMeeting([{ unit: 'P1', value: 96 }, { unit: 'P2', value: 80 }], '>=', 95);
 * // → { share: 50, met: 1, total: 2, missing: 0, failing: ['P2'] }
 */
export function shareMeeting(
  units: readonly { unit: string; value: number | null }[],
  op: Comparator,
  goal: number,
  options: { missing?: 'fail' | 'exclude' } = {},
): ShareMeeting {
  const missingPolicy = options.missing ?? 'fail';
  let met = 0;
  let total = 0;
  let missing = 0;
  const failing: string[] = [];
  for (const u of units) {
    if (u.value === null || !Number.isFinite(u.value)) {
      missing++;
      if (missingPolicy === 'fail') {
        total++;
        failing.push(u.unit);
      }
      continue;
    }
    total++;
    if (meets(u.value, op, goal)) met++;
    else failing.push(u.unit);
  }
  return { share: total === 0 ? null : (met / total) * 100, met, total, missing, failing };
}
