import { sql, type Kysely } from 'kysely';
import { TARGET_OPS } from '../domain/evaluation/target-spec.ts';
import type { Database } from '../db/database.ts';
import type { CriterionScore } from '../domain/scoring/score.ts';

/** A unit's current score and rank in a framework, period and kind, as stored for dashboards. */
export interface ScoreSnapshot {
  unitId: number;
  unit: string;
  kind: string;
  score: number;
  max: number;
  selfScore: number;
  rank: number;
  groups: Record<string, number>;
  explain: CriterionScore[];
  frameworkVersion: string;
}

export async function readScoreSnapshots(
  db: Kysely<Database>,
  key: { framework: string; period: string; kind?: string | null; unit?: string | null },
): Promise<ScoreSnapshot[]> {
  let query = db
    .selectFrom('unit_scores_current as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.unit_id', 'u.code', 's.kind', 's.score', 's.max', 's.self_score', 's.rank', 's.groups', 's.explain', 's.framework_version'])
    .where('s.framework_code', '=', key.framework)
    .where('s.period', '=', key.period);
  if (key.kind) query = query.where('s.kind', '=', key.kind);
  if (key.unit) query = query.where('u.code', '=', key.unit);
  const rows = await query.orderBy('s.kind').orderBy('s.rank').orderBy('u.code').execute();
  return rows.map((r) => ({
    unitId: r.unit_id, unit: r.code, kind: r.kind, score: r.score, max: r.max, selfScore: r.self_score, rank: r.rank,
    groups: r.groups, explain: r.explain as CriterionScore[], frameworkVersion: r.framework_version,
  }));
}

/** Scores and ranks only (no explanations): what re-ranking after a change needs. */
export async function readScoreRanks(
  db: Kysely<Database>,
  key: { framework: string; period: string; kind: string },
): Promise<{ unitId: number; unit: string; score: number; max: number; rank: number }[]> {
  const rows = await db
    .selectFrom('unit_scores_current as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.unit_id', 'u.code', 's.score', 's.max', 's.rank'])
    .where('s.framework_code', '=', key.framework)
    .where('s.period', '=', key.period)
    .where('s.kind', '=', key.kind)
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, unit: r.code, score: r.score, max: r.max, rank: r.rank }));
}

/** Upserts scores and ranks of some units; a full recompute passes every unit and `replaceAll`. */
export async function writeScoreSnapshots(
  db: Kysely<Database>,
  key: { framework: string; version: string; period: string; kind: string },
  rows: readonly Omit<ScoreSnapshot, 'unit' | 'kind' | 'frameworkVersion'>[],
  options: { replaceAll?: boolean; ranks?: readonly { unitId: number; rank: number }[] } = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Every server instance reacts to the same NOTIFY: serialise their writes of one table so that two
    // upserts of overlapping rows in different orders cannot deadlock.
    await sql`select pg_advisory_xact_lock(hashtext(${`scores|${key.framework}|${key.period}|${key.kind}`}))`.execute(trx);
    if (options.replaceAll) {
      await trx.deleteFrom('unit_scores_current').where('framework_code', '=', key.framework).where('period', '=', key.period).where('kind', '=', key.kind).execute();
    }
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await trx
        .insertInto('unit_scores_current')
        .values(chunk.map((r) => ({
          framework_code: key.framework, framework_version: key.version, period: key.period, unit_id: r.unitId, kind: key.kind,
          score: r.score, max: r.max, self_score: r.selfScore, rank: r.rank, groups: JSON.stringify(r.groups), explain: JSON.stringify(r.explain),
        })))
        .onConflict((oc) =>
          oc.columns(['framework_code', 'period', 'kind', 'unit_id']).doUpdateSet((eb) => ({
            framework_version: eb.ref('excluded.framework_version'), score: eb.ref('excluded.score'), max: eb.ref('excluded.max'),
            self_score: eb.ref('excluded.self_score'), rank: eb.ref('excluded.rank'), groups: eb.ref('excluded.groups'),
            explain: eb.ref('excluded.explain'), computed_at: eb.fn('now'),
          })),
        )
        .execute();
    }
    if (options.ranks) await updateRanks(trx, key, options.ranks);
  });
}

/** Only the ranks of units whose score did not change but whose place did, in one statement. */
export async function updateRanks(db: Kysely<Database>, key: { framework: string; period: string; kind: string }, ranks: readonly { unitId: number; rank: number }[]): Promise<void> {
  if (ranks.length === 0) return;
  const values = sql.join(ranks.map((r) => sql`(${r.unitId}::int, ${r.rank}::int)`));
  await sql`
    update unit_scores_current s set rank = v.rank
    from (values ${values}) as v(unit_id, rank)
    where s.framework_code = ${key.framework} and s.period = ${key.period} and s.kind = ${key.kind} and s.unit_id = v.unit_id`.execute(db);
}

export interface TargetStatusSnapshot {
  targetId: number;
  asOf: string;
  status: string;
  current: number | null;
  currentPeriod: string | null;
  forecast: number | null;
  pMiss: number;
  reason: string;
}

export async function writeTargetStatuses(db: Kysely<Database>, rows: readonly TargetStatusSnapshot[]): Promise<void> {
  if (rows.length === 0) return;
  // One order for every instance, so concurrent upserts of the same targets queue instead of deadlocking.
  const ordered = [...rows].sort((a, b) => a.targetId - b.targetId);
  await db
    .insertInto('target_status_current')
    .values(ordered.map((r) => ({
      target_id: r.targetId, as_of: r.asOf, status: r.status, current: r.current, current_period: r.currentPeriod,
      forecast: r.forecast, p_miss: r.pMiss, reason: r.reason,
    })))
    .onConflict((oc) =>
      oc.column('target_id').doUpdateSet((eb) => ({
        as_of: eb.ref('excluded.as_of'), status: eb.ref('excluded.status'), current: eb.ref('excluded.current'),
        current_period: eb.ref('excluded.current_period'), forecast: eb.ref('excluded.forecast'), p_miss: eb.ref('excluded.p_miss'),
        reason: eb.ref('excluded.reason'), computed_at: eb.fn('now'),
      })),
    )
    .execute();
}

export async function readTargetStatuses(db: Kysely<Database>, targetIds: readonly number[]): Promise<TargetStatusSnapshot[]> {
  if (targetIds.length === 0) return [];
  const rows = await db.selectFrom('target_status_current').selectAll().where('target_id', 'in', [...targetIds]).execute();
  return rows.map((r) => ({
    targetId: r.target_id, asOf: r.as_of, status: r.status, current: r.current, currentPeriod: r.current_period,
    forecast: r.forecast, pMiss: r.p_miss, reason: r.reason,
  }));
}

/** A target with what evaluation needs, for the targets a change touches. */
export interface TargetForEvaluation {
  id: number;
  code: string;
  indicatorId: number;
  unitId: number;
  /** The target or its indicator is classified: its events reach only readers with the right. */
  classified: boolean;
  op: string;
  value: number;
  due: string;
  start: string | null;
  baseline: number | null;
  measure: string | null;
}

export async function targetsOnIndicators(db: Kysely<Database>, indicatorIds: readonly number[]): Promise<TargetForEvaluation[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await db
    .selectFrom('targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .select(['t.id', 't.code', 't.indicator_id', 't.scope_unit_id', 't.op', 't.value', 't.due_on', 't.start_on', 't.baseline', 'i.measure', sql<boolean>`t.classified or i.classified`.as('classified')])
    .where('t.indicator_id', 'in', [...indicatorIds])
    .where('t.scope_unit_id', 'is not', null)
    .where('t.value', 'is not', null)
    .where('t.due_on', 'is not', null)
    .where('t.op', 'in', [...TARGET_OPS])
    .execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, indicatorId: r.indicator_id as number, unitId: r.scope_unit_id as number, op: r.op,
    value: r.value as number, due: r.due_on as string, start: r.start_on, baseline: r.baseline, measure: r.measure, classified: r.classified,
  }));
}

/** Periods for which a framework's scores are kept current. */
export async function storedScorePeriods(db: Kysely<Database>, framework: string): Promise<string[]> {
  const rows = await db.selectFrom('unit_scores_current').select('period').distinct().where('framework_code', '=', framework).execute();
  return rows.map((r) => r.period);
}
