import type { TargetStatus } from './evaluate-target.ts';

/**
 * How much one target pulls its unit behind — the "Đơn vị chậm tiến độ" ranking adds these up.
 *
 *   weight = importance × severity × urgency
 *   importance = the target's own weight or priority when the plan gives one, else 1
 *   severity   = 1 for a missed target; max(pMiss, 0.5) for one at risk; 0 otherwise
 *                (met and on-track targets do not pull a unit behind; a target without data is
 *                 counted as missing coverage, never as a risk)
 *   urgency    = 1 + 1 / (1 + monthsLeft), monthsLeft = max(0, days to the due date) / 30.44
 *                (past due or due now: 2; due in a year: ≈ 1.08; no due date: 1)
 *
 * Sooner due weighs more because there is less time left to catch up; the factor is bounded (1–2)
 * so one distant miss never outweighs two near ones by time alone. See docs/scoring.md.
 *
 * @example
 * behindWeight({ status: 'missed', pMiss: 1, due: '2026-06-30' }, '2026-08-05') // → 2
 * behindWeight({ status: 'met', pMiss: 0, due: '2026-12-31' }, '2026-08-05')    // → 0
 */
export function behindWeight(
  target: { status: TargetStatus; pMiss: number; due: string | null; weight?: number | null },
  asOf: string,
): number {
  const severity = target.status === 'missed' ? 1 : target.status === 'at_risk' ? Math.max(target.pMiss, 0.5) : 0;
  if (severity === 0) return 0;
  const importance = target.weight !== undefined && target.weight !== null && target.weight > 0 ? target.weight : 1;
  return importance * severity * urgency(target.due, asOf);
}

/** 1 + 1/(1 + months left): 2 at or past the due date, towards 1 far ahead; 1 without a due date. */
export function urgency(due: string | null, asOf: string): number {
  if (!due) return 1;
  const days = (Date.parse(`${due.slice(0, 10)}T00:00:00Z`) - Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days)) return 1;
  const monthsLeft = Math.max(0, days) / 30.44;
  return 1 + 1 / (1 + monthsLeft);
}

/**
 * How far the current value is from the goal, in the goal's own unit and direction: positive means
 * short of it ("≥ 90" at 71 → 19; "≤ 5" at 8 → 3), zero or less means met; null when either is unknown
 * or the goal is not a number comparison.
 *
 * @example
 * targetGap('>=', 90, 71) // → 19
 */
export function targetGap(op: string, goal: number | null, current: number | null): number | null {
  if (goal === null || current === null) return null;
  if (op === '>=' || op === '>') return goal - current;
  if (op === '=') return Math.abs(current - goal);
  if (op === '<=' || op === '<') return current - goal;
  return null;
}
