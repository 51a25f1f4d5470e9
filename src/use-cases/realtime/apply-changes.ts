import type { AppContext } from '../../app-context.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import type { UnitTree } from '../../domain/rollup/unit-tree.ts';
import { indicatorsOf, type Framework } from '../../domain/scoring/framework.ts';
import { rankScores } from '../../domain/scoring/rank.ts';
import type { AssessmentChange, ObservationChange } from '../../realtime/change-feed.ts';
import type { LiveEvent } from '../../realtime/event-bus.ts';
import { findIndicatorsByCode } from '../../repositories/rollups.repository.ts';
import { activeFrameworks } from '../../repositories/scores.repository.ts';
import { observationsFingerprint } from '../../repositories/rollups.repository.ts';
import { confirmTargetEvaluations, readScoreRanks, readTargetStatuses, storedScorePeriods, writeScoreSnapshots } from '../../repositories/snapshots.repository.ts';
import { targetsForEvaluation } from '../../repositories/targets.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { storeTargetEvaluations } from '../evaluation/target-snapshots.ts';
import { computeScores } from '../scores/compute-scores.ts';

export interface AppliedChanges {
  targets: number;
  scores: number;
  ranks: number;
}

/**
 * Re-evaluates only what changed cells touch, stores the current snapshots and emits live events:
 * the targets on the changed indicators whose unit is the changed unit or one of its ancestors (as the
 * tree stood in the changed month; after a merger, the successor's line); then, for each active
 * framework reading a changed indicator (or whose assessments changed), the scores of the touched units
 * in every stored period containing the month (the month's year when none is stored yet), and the
 * ranks of every unit whose place moved. A framework/period/kind without a snapshot yet is computed
 * in full once.
 *
 * @example
 * await applyChanges(ctx, { observations: [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-03' }] }, (e) => bus.publish(e));
 */
export async function applyChanges(
  ctx: AppContext,
  changes: { observations?: readonly ObservationChange[]; assessments?: readonly AssessmentChange[] },
  emit: (event: LiveEvent) => void,
): Promise<AppliedChanges> {
  const observations = changes.observations ?? [];
  const assessments = changes.assessments ?? [];
  const result: AppliedChanges = { targets: 0, scores: 0, ranks: 0 };
  // Independent reads at once, and below the targets and the scores side by side: each read is a
  // round trip, and on a busy database server the round trips in a row, not the work, made most of
  // a batch's time (issue #13: write → status readable).
  const [indicators, tree, frameworks] = await Promise.all([
    findIndicatorsByCode(ctx.db, [...new Set(observations.map((o) => o.indicator))]),
    loadUnitTree(ctx.db),
    activeFrameworks(ctx.db),
  ]);
  const classified = new Set(indicators.filter((i) => i.classified).map((i) => i.code));
  for (const o of observations) emit({ type: 'observation', indicator: o.indicator, unit: o.unit, period: o.period, classified: classified.has(o.indicator) });

  // Which units each changed indicator touches, and in which months.
  const touched = new Map<string, { units: Set<number>; months: Set<string> }>();
  for (const o of observations) {
    const unit = tree.byCode.get(o.unit);
    const period = parsePeriod(o.period);
    if (!unit || !period) continue;
    const entry = touched.get(o.indicator) ?? { units: new Set<number>(), months: new Set<string>() };
    for (const id of tree.affectedUnits(unit.id, period.end)) entry.units.add(id);
    entry.months.add(period.code);
    touched.set(o.indicator, entry);
  }
  const targetsDone = reevaluateTargets(ctx, tree, indicators.filter((i) => touched.has(i.code)).map((i) => ({ id: i.id, code: i.code, classified: i.classified, units: touched.get(i.code)?.units ?? new Set() })), emit);
  const scoresDone = Promise.all(frameworks.map(async (framework) => {
    const reads = new Set(indicatorsOf(framework));
    // period code → units touched
    const work = new Map<string, Set<number>>();
    const storedPeriods = await storedScorePeriods(ctx.db, framework.code);
    for (const [indicator, t] of touched) {
      if (!reads.has(indicator)) continue;
      for (const month of t.months) {
        for (const p of periodsContaining(month, storedPeriods)) {
          const set = work.get(p) ?? new Set<number>();
          for (const u of t.units) set.add(u);
          work.set(p, set);
        }
      }
    }
    for (const a of assessments) {
      if (a.framework !== framework.code) continue;
      const unit = tree.byCode.get(a.unit);
      if (!unit) continue;
      const set = work.get(a.period) ?? new Set<number>();
      set.add(unit.id);
      work.set(a.period, set);
    }
    for (const [period, units] of work) {
      const r = await refreshScores(ctx, tree, framework, period, units, emit);
      result.scores += r.scores;
      result.ranks += r.ranks;
    }
  }));
  // Both settle before either failure is thrown: a batch is retried whole, never while half of it still writes.
  const [targets, scores] = await Promise.allSettled([targetsDone, scoresDone]);
  if (targets.status === 'rejected') throw targets.reason;
  if (scores.status === 'rejected') throw scores.reason;
  result.targets = targets.value;
  return result;
}

async function reevaluateTargets(
  ctx: AppContext,
  tree: UnitTree,
  indicators: { id: number; code: string; classified: boolean; units: Set<number> }[],
  emit: (event: LiveEvent) => void,
): Promise<number> {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const asOf = ctx.now().toISOString().slice(0, 10);
  // Read before anything is re-evaluated: the snapshots this batch does not touch saw every
  // observation up to here (a later write leaves them marked stale, never wrongly current).
  const units = [...new Set(indicators.flatMap((i) => [...i.units]))];
  if (units.length === 0) return 0;
  const [version, candidates] = await Promise.all([observationsFingerprint(ctx.db), targetsForEvaluation(ctx.db, { unitIds: units })]);
  const targets = candidates.filter((t) => byId.get(t.indicatorId)?.units.has(t.scopeUnitId));
  const previous = new Map((await readTargetStatuses(ctx.db, targets.map((t) => t.id))).map((s) => [s.targetId, s]));
  const fresh = await storeTargetEvaluations(ctx, tree, targets, asOf);
  await confirmTargetEvaluations(ctx.db, asOf, version, [...fresh.keys()]);
  // Emitted after the write, so a client that reads on the event sees the new snapshot.
  for (const t of targets) {
    const e = fresh.get(t.id);
    if (!e) continue;
    emit({
      type: 'target_status', target: t.code, unit: t.scopeUnitCode, indicator: t.indicatorCode, status: e.status, previous: previous.get(t.id)?.status ?? null,
      current: e.current, forecast: e.forecast, pMiss: e.pMiss, reason: e.reason, classified: t.classified || (byId.get(t.indicatorId)?.classified ?? false),
    });
  }
  return targets.length;
}

async function refreshScores(
  ctx: AppContext,
  tree: UnitTree,
  framework: Framework,
  period: string,
  units: ReadonlySet<number>,
  emit: (event: LiveEvent) => void,
): Promise<{ scores: number; ranks: number }> {
  let scores = 0;
  let ranks = 0;
  // Each kind is ranked apart (its own rows, its own lock): the kinds side by side.
  await Promise.all(framework.unitKinds.map(async (kind) => {
    const key = { framework: framework.code, version: framework.version, period, kind };
    // Which units of this kind the change touches: none, and there is nothing to read or write.
    const touchedOfKind = [...units].some((id) => tree.units.get(id)?.kind === kind);
    const [stored, partial] = await Promise.all([
      readScoreRanks(ctx.db, { framework: framework.code, period, kind }),
      touchedOfKind ? computeScores(ctx, { framework, period, kind, onlyUnits: units }, { tree }) : null,
    ]);
    const full = stored.length === 0;
    const { ranking } = full ? await computeScores(ctx, { framework, period, kind, onlyUnits: null }, { tree }) : (partial ?? { ranking: [] });
    if (!full && ranking.length === 0) return;
    const fresh = new Map(ranking.map((r) => [r.unitId, r]));
    const merged = rankScores([
      ...stored.filter((s) => !fresh.has(s.unitId)).map((s) => ({ unitId: s.unitId, unit: s.unit, score: s.score, max: s.max, coverage: s.coverage })),
      ...ranking.map((r) => ({ unitId: r.unitId, unit: r.unit, score: r.score, max: r.max, coverage: r.coverage })),
    ], { minCoverage: framework.minCoverage ?? 0 });
    const before = new Map(stored.map((s) => [s.unitId, s]));
    const rankOf = new Map(merged.map((m) => [m.unitId, m.rank]));
    await writeScoreSnapshots(
      ctx.db,
      key,
      ranking.map((r) => ({ unitId: r.unitId, score: r.score, max: r.max, selfScore: r.selfScore, rank: rankOf.get(r.unitId) ?? r.rank, groups: r.groups, explain: r.explain })),
      { replaceAll: full, ranks: merged.filter((m) => !fresh.has(m.unitId) && before.get(m.unitId)?.rank !== m.rank).map((m) => ({ unitId: m.unitId, rank: m.rank })) },
    );
    for (const r of ranking) {
      const prev = before.get(r.unitId);
      if (!full && !units.has(r.unitId)) continue;
      emit({ type: 'score', framework: framework.code, period, unit: r.unit, kind, score: r.score, max: r.max, previous: prev?.score ?? null, groups: r.groups });
      scores++;
    }
    for (const m of merged) {
      const prev = before.get(m.unitId)?.rank ?? null;
      if (prev === m.rank && !(fresh.has(m.unitId) && units.has(m.unitId))) continue;
      emit({ type: 'rank', framework: framework.code, period, unit: m.unit, kind, rank: m.rank, previous: prev });
      ranks++;
    }
  }));
  return { scores, ranks };
}

/** Stored periods whose range holds the month; the month's year when none does. */
function periodsContaining(month: string, stored: readonly string[]): string[] {
  const m = parsePeriod(month);
  if (!m) return [];
  const hits = stored.filter((code) => {
    const p = parsePeriod(code);
    return p !== null && p.start <= m.start && m.end <= p.end;
  });
  return hits.length ? hits : [String(m.year)];
}
