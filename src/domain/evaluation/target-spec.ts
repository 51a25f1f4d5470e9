/** What the evaluator needs to know about a target, independent of storage. */
export const TARGET_OPS = ['>=', '>', '<=', '<', '='] as const;
export type TargetOp = (typeof TARGET_OPS)[number];

export interface TargetSpec {
  code: string;
  op: TargetOp;
  /** The goal. */
  value: number;
  /** ISO date by which the goal must hold. */
  due: string;
  /** ISO date the expected path starts from; defaults to the first observed month. */
  start?: string | null;
  /** Value at `start`; defaults to the first observed value. */
  baseline?: number | null;
  /** Measure unit ("%", "doanh nghiệp"…); "%" bounds forecasts to 0–100. */
  measure?: string | null;
  /** For `=`: how close counts as equal; 0.5% of the goal (at least 1e-9) by default. */
  tolerance?: number;
}

/** Whether a value satisfies the target's comparator. */
export function satisfies(spec: Pick<TargetSpec, 'op' | 'value' | 'tolerance'>, v: number): boolean {
  switch (spec.op) {
    case '>=': return v >= spec.value;
    case '>': return v > spec.value;
    case '<=': return v <= spec.value;
    case '<': return v < spec.value;
    case '=': return Math.abs(v - spec.value) <= toleranceOf(spec);
  }
}

export function toleranceOf(spec: Pick<TargetSpec, 'value' | 'tolerance'>): number {
  return spec.tolerance ?? Math.max(1e-9, Math.abs(spec.value) * 0.005);
}

/** Lower-is-better targets ("tỷ lệ hồ sơ trễ hạn < 5%"). */
export function isDownward(spec: Pick<TargetSpec, 'op'>): boolean {
  return spec.op === '<=' || spec.op === '<';
}
