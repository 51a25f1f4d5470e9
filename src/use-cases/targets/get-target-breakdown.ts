import type { AppContext } from '../../app-context.ts';
import { targetGap } from '../../domain/evaluation/behind-weight.ts';
import type { TargetStatus } from '../../domain/evaluation/evaluate-target.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { subjectNames, targetReadFacts } from '../../repositories/evaluation.repository.ts';
import { memberTargetsOf, targetsForEvaluation } from '../../repositories/targets.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import type { UnitTree } from '../../domain/rollup/unit-tree.ts';
import { evaluateReadableTargets, subtreeIds, type ReadCheck } from '../evaluation/evaluate-targets.ts';
import { cellKey, loadTargetSeries } from '../evaluation/target-series.ts';
import { message } from '../../domain/messages/message.ts';

/** How many months of each unit's series the breakdown's small charts show. */
export const BREAKDOWN_MONTHS = 12;

export interface BreakdownRow {
  code: string;
  unit: string | null;
  unitName: string | null;
  status: TargetStatus;
  current: number | null;
  currentPeriod: string | null;
  goal: number | null;
  op: string;
  /** Short of the goal in the goal's unit (positive = short; null without a figure). */
  gap: number | null;
  due: string | null;
  /** The last months up to the evaluation date, oldest first, for a sparkline. */
  series: { period: string; value: number | null }[];
}

/**
 * A city (set) target unit by unit: each member target ("CT-01.P_X") the caller may read, with its
 * status, current value, gap and recent series, furthest behind first (largest gap; units without a
 * figure last). A target that is not split by unit answers no rows; see `membersOf` for what a set's
 * members are.
 *
 * @example
 * const b = await getTargetBreakdown(ctx, { code: 'CT-01' }, (codes) => readVisibility(request, codes));
 * b.rows[0] // { code: 'CT-01.P_A', unitName: 'Phường A', status: 'at_risk', gap: 19, series: [{ period: '2026-01', value: 61 }, …] }
 */
export async function getTargetBreakdown(
  ctx: AppContext,
  query: { code: string; asOf?: string | undefined },
  readable: ReadCheck,
): Promise<{ code: string; asOf: string; rows: BreakdownRow[] }> {
  // A classified target, for a caller without the right over its unit, is answered exactly as one
  // that does not exist. An open city target is broken down for anyone signed in: each sees the rows
  // of the units they may read (a ward's viewer, their own ward).
  const facts = await targetReadFacts(ctx.db, query.code);
  const hidden = facts?.classified === true && !(await readable([facts.unitCode]))(facts.unitCode, true);
  if (!facts || hidden) throw new NotFoundError(message('target.no_such_target_again', { queryCode: query.code }));
  const tree = await loadUnitTree(ctx.db);
  const memberCodes = await membersOf(ctx, tree, query.code);
  const evaluated = await evaluateReadableTargets(ctx, { targets: memberCodes.length ? memberCodes : [query.code], asOf: query.asOf }, readable);
  const { asOf } = evaluated;
  if (memberCodes.length === 0) return { code: query.code, asOf, rows: [] };
  const shown = new Set(evaluated.targets.map((t) => t.code));
  const unitIds = [...new Set(evaluated.targets.map((t) => (t.unit ? tree.byCode.get(t.unit)?.id : undefined)).filter((id): id is number => id !== undefined))];
  const forSeries = (await targetsForEvaluation(ctx.db, { unitIds })).filter((t) => shown.has(t.code));
  const series = await loadTargetSeries(ctx, tree, forSeries, asOf);
  const seriesOf = new Map(forSeries.map((t) => [t.code, (series.get(cellKey(t)) ?? []).slice(-BREAKDOWN_MONTHS)]));
  const names = (await subjectNames(ctx.db, { targets: [], units: evaluated.targets.map((t) => t.unit).filter((u): u is string => u !== null), tasks: [], indicators: [] })).units;
  const rows: BreakdownRow[] = evaluated.targets.map((t) => ({
    code: t.code, unit: t.unit, unitName: t.unit ? names.get(t.unit) ?? null : null, status: t.status, current: t.current, currentPeriod: t.currentPeriod,
    goal: t.goal, op: t.op, gap: targetGap(t.op, t.goal, t.current), due: t.due,
    series: (seriesOf.get(t.code) ?? []).map((p) => ({ period: p.period, value: p.value })),
  }));
  // Furthest behind first; a unit without a figure is unknown, not behind, so it follows the known ones.
  rows.sort((a, b) => (a.gap === null ? 1 : 0) - (b.gap === null ? 1 : 0) || (b.gap ?? 0) - (a.gap ?? 0) || (a.unitName ?? a.code).localeCompare(b.unitName ?? b.code, 'vi'));
  return { code: query.code, asOf, rows };
}

/**
 * The unit targets a set target stands for. A set imported from a targets file was split into
 * members "<code>.<unit>"; a set from a plan or the demo ("every ward ≥ 90 %", scope `set:commune`)
 * is measured by the unit targets on the same indicator for units of that kind below its scope —
 * those due the same day when there are any, one per unit.
 */
async function membersOf(ctx: AppContext, tree: UnitTree, code: string): Promise<string[]> {
  const split = await memberTargetsOf(ctx.db, code);
  if (split.length) return split.map((m) => m.code);
  const all = await targetsForEvaluation(ctx.db);
  const set = all.find((t) => t.code === code);
  if (!set || !(set.scopeKind ?? '').startsWith('set:')) return [];
  const kind = (set.scopeKind ?? '').slice(4);
  const below = new Set(subtreeIds(tree, set.scopeUnitId));
  const candidates = all.filter((t) => t.indicatorId === set.indicatorId && !(t.scopeKind ?? '').startsWith('set:') && below.has(t.scopeUnitId) && tree.units.get(t.scopeUnitId)?.kind === kind);
  const sameDue = candidates.filter((t) => t.dueOn === set.dueOn);
  const chosen = new Map<number, string>();
  for (const t of (sameDue.length ? sameDue : candidates).sort((a, b) => a.code.localeCompare(b.code))) if (!chosen.has(t.scopeUnitId)) chosen.set(t.scopeUnitId, t.code);
  return [...chosen.values()];
}
