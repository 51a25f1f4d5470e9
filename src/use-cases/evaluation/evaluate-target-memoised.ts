import { evaluateTarget, type TargetEvaluation } from '../../domain/evaluation/evaluate-target.ts';
import type { SeriesPoint } from '../../domain/forecasting/forecast.ts';
import type { TargetForEvaluation } from '../../repositories/targets.repository.ts';

/** What evaluateTarget needs of a target. */
export function specOf(t: TargetForEvaluation) {
  return { code: t.code, op: t.op, value: t.value, due: t.dueOn, start: t.startOn, baseline: t.baseline, measure: t.measure };
}

/** How many evaluations are remembered: a few times the targets of a city. */
const MEMO_LIMIT = 8192;
const memo = new Map<string, TargetEvaluation>();

/**
 * `evaluateTarget` remembered by its inputs (the target, the series' figures and the date). The
 * forecaster fits dozens of trend models per series, which dominates a whole-city evaluation; the
 * overview asks for the same evaluation again and again while the figures stay the same, and a
 * changed figure or goal is a different key, so the answer never goes stale. Least recently used
 * entries are dropped beyond MEMO_LIMIT.
 *
 * @example
 * evaluateTargetMemoised(specOf(t), series, '2026-06-30') // same object as the first call with equal inputs
 */
export function evaluateTargetMemoised(spec: ReturnType<typeof specOf>, series: readonly SeriesPoint[], asOf: string): TargetEvaluation {
  const key = JSON.stringify([spec.code, spec.op, spec.value, spec.due, spec.start, spec.baseline, spec.measure, asOf, series.map((p) => [p.period, p.value])]);
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const ev = Object.freeze(evaluateTarget(spec, [...series], asOf));
  memo.set(key, ev);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  return ev;
}

/** Forgets every remembered evaluation. */
export function forgetMemo(): void {
  memo.clear();
}
