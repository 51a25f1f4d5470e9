import type { AppContext } from '../../app-context.ts';
import type { TargetEvaluation } from '../../domain/evaluation/evaluate-target.ts';
import { EVALUATION_MODEL_REVISION } from '../../domain/evaluation/evaluation-model.ts';
import type { UnitTree } from '../../domain/rollup/unit-tree.ts';
import { lastObservationIdOf, observationsFingerprint, observedCellsAfter } from '../../repositories/rollups.repository.ts';
import { confirmTargetEvaluationsOf, readTargetEvaluations, writeTargetStatuses, type TargetEvaluationSnapshot } from '../../repositories/snapshots.repository.ts';
import { targetsForEvaluation, type TargetForEvaluation } from '../../repositories/targets.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { cellKey, loadTargetSeries } from './target-series.ts';
import { evaluateTargetMemoised, specOf } from './evaluate-target-memoised.ts';

/**
 * The target as evaluated, and by which model: what its evaluation depends on besides the figures. A
 * stored snapshot whose key differs (a new goal or due date, another indicator or unit after a link
 * change, a plan published again, an upgrade that changed what evaluations say) no longer holds.
 */
export function specKeyOf(t: TargetForEvaluation): string {
  return JSON.stringify([t.indicatorId, t.scopeUnitId, t.scopeKind, t.op, t.value, t.dueOn, t.startOn, t.baseline, t.measure, EVALUATION_MODEL_REVISION]);
}

/**
 * The one function that computes target evaluations for today and stores them as snapshots. It takes
 * every target measured on the same cells as those asked for, because a set target shares the figures
 * of a single-unit target on its cell (see loadTargetSeries): a snapshot then never depends on which
 * targets happened to be refreshed together. The observations' fingerprint is read before the figures,
 * so a write that lands meanwhile leaves the snapshot marked stale rather than wrongly current.
 *
 * @example
 * const fresh = await storeTargetEvaluations(ctx, tree, targets, '2026-12-04');
 * fresh.get(targets[0].id)?.status // 'at_risk'
 */
export async function storeTargetEvaluations(
  ctx: AppContext,
  tree: UnitTree,
  targets: readonly TargetForEvaluation[],
  asOf: string,
): Promise<Map<number, TargetEvaluation>> {
  const out = new Map<number, TargetEvaluation>();
  if (targets.length === 0) return out;
  const version = await observationsFingerprint(ctx.db);
  const cells = new Set(targets.map(cellKey));
  const sharing = (await targetsForEvaluation(ctx.db, { unitIds: [...new Set(targets.map((t) => t.scopeUnitId))] })).filter((t) => cells.has(cellKey(t)));
  const all = new Map([...targets, ...sharing].map((t) => [t.id, t]));
  const list = [...all.values()];
  const series = await loadTargetSeries(ctx, tree, list, asOf);
  const rows: TargetEvaluationSnapshot[] = [];
  for (const t of list) {
    const e = evaluateTargetMemoised(specOf(t), series.get(cellKey(t)) ?? [], asOf);
    out.set(t.id, e);
    rows.push({
      targetId: t.id, asOf, status: e.status, current: e.current, currentPeriod: e.currentPeriod, forecast: e.forecast, pMiss: e.pMiss,
      reason: e.reason, evaluation: e, specKey: specKeyOf(t), inputsVersion: version,
    });
  }
  await writeTargetStatuses(ctx.db, rows);
  return out;
}

/**
 * Today's evaluations of the targets, read from their snapshots. The snapshots that do not hold
 * (missing for a new target, of an earlier day, of an older definition or model) are computed and stored
 * here, in one pass, by storeTargetEvaluations — the only place a read computes anything. So are
 * those older than the latest observations whose cells those observations touch (the real-time
 * path has not re-evaluated them yet): a snapshot of today and of its definition, older than the
 * figures, still holds when nothing written since is on its indicator for its unit or a unit below.
 * Without that, each write would make every snapshot stale until the real-time path confirmed them,
 * and every read in between would evaluate the whole country again. A batch that took its ids before
 * a snapshot was computed but committed after it is not among "written since" here; the real-time
 * path, notified of every batch, re-evaluates what it touches.
 *
 * @example
 * const evaluations = await readCurrentTargetEvaluations(ctx, tree, targets, '2026-12-04');
 */
export async function readCurrentTargetEvaluations(
  ctx: AppContext,
  tree: UnitTree,
  targets: readonly TargetForEvaluation[],
  asOf: string,
): Promise<Map<number, TargetEvaluation>> {
  const out = new Map<number, TargetEvaluation>();
  if (targets.length === 0) return out;
  const [version, stored] = await Promise.all([observationsFingerprint(ctx.db), readTargetEvaluations(ctx.db, targets.map((t) => t.id))]);
  const byId = new Map(stored.map((s) => [s.targetId, s]));
  const stale: TargetForEvaluation[] = [];
  const olderThanFigures: { target: TargetForEvaluation; snapshot: TargetEvaluationSnapshot; seen: number }[] = [];
  for (const t of targets) {
    const s = byId.get(t.id);
    if (!s || !s.evaluation || s.asOf !== asOf || s.specKey !== specKeyOf(t)) stale.push(t);
    else if (s.inputsVersion === version) out.set(t.id, s.evaluation as TargetEvaluation);
    else {
      const seen = lastObservationIdOf(s.inputsVersion);
      if (seen === null) stale.push(t);
      else olderThanFigures.push({ target: t, snapshot: s, seen });
    }
  }
  if (olderThanFigures.length) {
    const touched = new Set<string>();
    for (const c of await observedCellsAfter(ctx.db, Math.min(...olderThanFigures.map((o) => o.seen)))) {
      for (const unitId of tree.affectedUnits(c.unitId, c.periodEnd)) touched.add(`${c.indicatorId}|${unitId}`);
    }
    const holding: number[] = [];
    for (const { target, snapshot } of olderThanFigures) {
      if (touched.has(`${target.indicatorId}|${target.scopeUnitId}`)) stale.push(target);
      else {
        out.set(target.id, snapshot.evaluation as TargetEvaluation);
        holding.push(target.id);
      }
    }
    // Saves the next read the same search (the real-time path does this after every batch it applies).
    await confirmTargetEvaluationsOf(ctx.db, asOf, version, holding);
  }
  if (stale.length) for (const [id, e] of await storeTargetEvaluations(ctx, tree, stale, asOf)) out.set(id, e);
  return out;
}

/** The job kind of the daily re-evaluation (src/jobs/start-job-runner.ts). */
export const REFRESH_TARGET_SNAPSHOTS_JOB = 'targets.refresh-snapshots';

/**
 * Re-evaluates every target for today and stores the snapshots: a status depends on the time left
 * as well as on the figures, so the day's first run (the job runner's daily slot) moves what time
 * alone moved, before anyone reads it. Returns how many targets were evaluated.
 *
 * @example
 * await refreshAllTargetSnapshots(ctx); // → 412
 */
export async function refreshAllTargetSnapshots(ctx: AppContext): Promise<number> {
  const asOf = ctx.now().toISOString().slice(0, 10);
  const [tree, targets] = await Promise.all([loadUnitTree(ctx.db), targetsForEvaluation(ctx.db)]);
  return (await storeTargetEvaluations(ctx, tree, targets, asOf)).size;
}
