import { message, type Message } from '../messages/message.ts';

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
 * targetWeightProblem(0)   // message('target.weight_range', { max: 10 })
 */
export function targetWeightProblem(weight: unknown): Message | null {
  if (typeof weight !== 'number' || !Number.isFinite(weight)) return message('target.weight_not_number');
  if (weight <= 0 || weight > MAX_TARGET_WEIGHT) return message('target.weight_range', { max: MAX_TARGET_WEIGHT });
  return null;
}
