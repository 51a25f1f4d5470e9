import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import type { TargetEvaluation } from '../../domain/evaluation/evaluate-target.ts';
import { parseDate } from '../../domain/evaluation/target-csv.ts';
import { untrackedStatus } from '../../domain/evaluation/untracked-status.ts';
import type { UnitTree } from '../../domain/rollup/unit-tree.ts';
import { existingTargetCodes, planIdsByRef, subjectNames } from '../../repositories/evaluation.repository.ts';
import { targetsForEvaluation, untrackedTargets, type TargetForEvaluation, type UntrackedTarget } from '../../repositories/targets.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { cellKey, forgetCellReads, loadTargetSeries } from './target-series.ts';
import { readCurrentTargetEvaluations } from './target-snapshots.ts';
import { evaluateTargetMemoised, forgetMemo, specOf } from './evaluate-target-memoised.ts';
import { message } from '../../domain/messages/message.ts';

export { evaluateTargetMemoised, specOf };

export interface EvaluationQuery {
  /** ISO date (yyyy-mm-dd or dd/mm/yyyy); today by default. */
  asOf?: string | undefined;
  /** Unit code: targets scoped to this unit or any unit below it. */
  unit?: string | undefined;
  /** Plan id or plan code ("131/KH-UBND"). */
  plan?: string | undefined;
  /** Only these target codes (a set target's members have their own codes, e.g. "CT-01.P_VINH_TUY"). */
  targets?: readonly string[] | undefined;
  /** Whether classified targets are included (the caller decides who may see them). */
  includeClassified?: boolean;
}

export interface EvaluatedTarget extends TargetEvaluation {
  /** What the target says (the plan's wording, or its indicator's name when it has none). */
  text: string | null;
  indicator: string | null;
  unit: string | null;
  responsibleUnit: string | null;
  op: string;
  goal: number | null;
  due: string | null;
  scopeKind: string | null;
  classified: boolean;
  /** Importance in the "behind" ranking (1 = ordinary; domain/evaluation/target-weight.ts). */
  weight: number;
  /** What the goal counts ("%", "doanh nghiệp"): the target's, else its indicator's; screens write values with it. */
  measure: string | null;
}

/**
 * Evaluates every numeric target at `asOf` from its unit's monthly series (own observations, or
 * rolled up from the subtree by the indicator's rule — sets such as "every ward" are evaluated on
 * the city roll-up, each member on its own series).
 *
 * @example
 * const { targets } = await evaluateTargets(ctx, { asOf: '2026-06-30', unit: 'P_VINH_TUY' });
 * targets[0] // { code: 'CT-01', status: 'at_risk', current: 71.5, forecast: 88.2, pMiss: 0.74, reason: '…', … }
 */
export async function evaluateTargets(ctx: AppContext, query: EvaluationQuery = {}): Promise<{ asOf: string; targets: EvaluatedTarget[] }> {
  const asOf = query.asOf ? parseDate(query.asOf) : ctx.now().toISOString().slice(0, 10);
  if (!asOf) throw new InputError(message('evaluation.invalid_as_of_date'), [problem({ field: 'asOf' }, message('evaluation.not_date', { asOf: String(query.asOf) }))]);
  const tree = await loadUnitTree(ctx.db);
  const filter: { unitIds?: number[]; planId?: number } = {};
  if (query.unit) {
    const unit = tree.byCode.get(query.unit);
    if (!unit) throw new InputError(message('evaluation.unknown_unit'), [problem({ field: 'unit' }, message('evaluation.unknown_unit_again', { unit: query.unit }))]);
    filter.unitIds = subtreeIds(tree, unit.id);
  }
  let planIds: number[] | null = null;
  if (query.plan) {
    planIds = await planIdsByRef(ctx.db, query.plan);
    if (planIds.length === 0) throw new InputError(message('evaluation.unknown_plan'), [problem({ field: 'plan' }, message('evaluation.unknown_plan_again', { plan: query.plan }))]);
  }
  const codes = query.targets && query.targets.length > 0 ? new Set(query.targets) : null;
  if (codes) {
    const known = new Set(await existingTargetCodes(ctx.db, [...codes]));
    const unknown = [...codes].filter((c) => !known.has(c));
    if (unknown.length) throw new InputError(message('evaluation.unknown_target'), unknown.map((c) => (problem({ field: 'target' }, message('evaluation.unknown_target_again', { c })))));
  }
  const targets = (await targetsForEvaluation(ctx.db, filter))
    .filter((t) => (planIds ? t.planId !== null && planIds.includes(t.planId) : true))
    .filter((t) => query.includeClassified !== false || !t.classified)
    .filter((t) => !codes || codes.has(t.code));
  // Today's evaluations are read from their snapshots (computed when data changes); another date is
  // a question about the past or a projection, evaluated on the spot and not stored.
  const today = ctx.now().toISOString().slice(0, 10);
  const evaluations = asOf === today ? await readCurrentTargetEvaluations(ctx, tree, targets, asOf) : await evaluateNow(ctx, tree, targets, asOf);
  const out: EvaluatedTarget[] = [];
  for (const t of targets) {
    const ev = evaluations.get(t.id) as TargetEvaluation;
    out.push({ ...ev, text: null, indicator: t.indicatorCode, unit: t.scopeUnitCode, responsibleUnit: t.responsibleUnitCode, op: t.op, goal: t.value, due: t.dueOn, scopeKind: t.scopeKind, classified: t.classified, weight: t.weight, measure: t.measure ?? null });
  }
  // Targets from plans that are not measurable yet are listed too, so every target is accounted for.
  for (const t of await untrackedTargets(ctx.db, filter)) {
    if (planIds && (t.planId === null || !planIds.includes(t.planId))) continue;
    if (query.includeClassified === false && t.classified) continue;
    if (codes && !codes.has(t.code)) continue;
    out.push(untrackedEvaluation(t));
  }
  const texts = (await subjectNames(ctx.db, { targets: out.map((t) => t.code), units: [], tasks: [], indicators: [] })).targets;
  for (const t of out) t.text = texts.get(t.code) ?? null;
  out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { asOf, targets: out };
}

async function evaluateNow(ctx: AppContext, tree: UnitTree, targets: readonly TargetForEvaluation[], asOf: string): Promise<Map<number, TargetEvaluation>> {
  const series = await loadTargetSeries(ctx, tree, targets, asOf);
  return new Map(targets.map((t) => [t.id, evaluateTargetMemoised(specOf(t), series.get(cellKey(t)) ?? [], asOf)]));
}

/**
 * Which of the given units' items the caller may read: built once per answer from the units it holds
 * (the HTTP layer passes `readVisibility` bound to the request; the CLI reads everything).
 */
export type ReadCheck = (unitCodes: readonly (string | null)[]) => Promise<(unitCode: string | null, classified?: boolean) => boolean>;

/**
 * `evaluateTargets` as a caller sees it: the targets of units outside their grants' subtrees, and the
 * classified ones without the classified right, are left out. The /evaluation list and the overview
 * both answer from this, so the two never disagree on a target's status.
 *
 * @example
 * await evaluateReadableTargets(ctx, { unit: 'HN' }, (codes) => readVisibility(request, codes));
 */
export async function evaluateReadableTargets(ctx: AppContext, query: Omit<EvaluationQuery, 'includeClassified'>, readable: ReadCheck): Promise<{ asOf: string; targets: EvaluatedTarget[] }> {
  const result = await evaluateTargets(ctx, { ...query, includeClassified: true });
  const canRead = await readable([...new Set(result.targets.map((t) => t.unit))]);
  return { asOf: result.asOf, targets: result.targets.filter((t) => canRead(t.unit, t.classified)) };
}

function untrackedEvaluation(t: UntrackedTarget): EvaluatedTarget {
  const { status, reason, reasonEn } = untrackedStatus(t);
  return {
    code: t.code, status, current: null, currentPeriod: null, expected: null, progress: null, forecast: null, forecastLow: null,
    forecastHigh: null, pMiss: 0.5, requiredRate: null, achievedRate: null, seasonal: false, levelShiftFrom: null, model: null, ceiling: null, damping: null, pMissRaw: 0.5, calibration: null,
    reason, reasonEn,
    text: null, indicator: null, unit: t.scopeUnitCode, responsibleUnit: t.responsibleUnitCode, op: t.op, goal: t.value, due: t.dueOn, scopeKind: null,
    classified: t.classified, weight: t.weight, measure: t.measure,
  };
}

/** Forgets every remembered evaluation and cell read (benchmarks measure the cold path with it). */
export function forgetEvaluations(): void {
  forgetMemo();
  forgetCellReads();
}

/** The unit and every unit below it, as the tree stands today (the unit first). */
export function subtreeIds(tree: UnitTree, rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const u of tree.units.values()) {
    if (u.parentId === null) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const out = [rootId];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}
