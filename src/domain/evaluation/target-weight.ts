/**
 * A target's importance weight, which multiplies how much it pulls its unit behind
 * (`behindWeight`). 1 is an ordinary target. Bounded to 0 < w ≤ 10:
 * - above 0, because a zero (or negative) weight would hide a missed target from the ranking —
 *   a target that no longer matters is cancelled or left out of the plan, not weighted away;
 * - at most 10, so one target can count as ten ordinary ones but never drown a ward's whole
 *   list (Hanoi's plans give wards 20–60 targets; the DTI's heaviest criterion is ≈ 10 times its
 *   lightest).
 */
export const MAX_TARGET_WEIGHT = 10;
export const DEFAULT_TARGET_WEIGHT = 1;

/**
 * Why `weight` is not a valid importance weight, or null when it is.
 *
 * @example
 * targetWeightProblem(2.5) // null
 * targetWeightProblem(0)   // 'trọng số phải lớn hơn 0 và không quá 10 / …'
 */
export function targetWeightProblem(weight: unknown): string | null {
  if (typeof weight !== 'number' || !Number.isFinite(weight)) return 'trọng số phải là một số / the weight must be a number';
  if (weight <= 0 || weight > MAX_TARGET_WEIGHT) return `trọng số phải lớn hơn 0 và không quá ${MAX_TARGET_WEIGHT} / the weight must be above 0 and at most ${MAX_TARGET_WEIGHT}`;
  return null;
}
