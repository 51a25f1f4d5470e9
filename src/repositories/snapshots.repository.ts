import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { storedExplainMessage } from '../domain/scoring/explain-words.ts';
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
    groups: r.groups, explain: storedExplain(r.explain), frameworkVersion: r.framework_version,
  }));
}

/** A snapshot's explanation, its reasons and sources as messages even in rows stored as text. */
function storedExplain(explain: unknown): CriterionScore[] {
  return (explain as (Omit<CriterionScore, 'reason' | 'source'> & { reason: unknown; source: unknown })[]).map((line) => ({
    ...line, reason: storedExplainMessage(line.reason), source: storedExplainMessage(line.source),
  }));
}

/**
 * Scores, ranks and data coverage only (no explanations): what re-ranking after a change needs, and
 * what the overview's ranking excerpt picks its few rows from (every kind when none is given). The
 * coverage is counted from the stored explanation as scoreCoverage counts it: applicable lines, with
 * a `missing` rule when not known.
 */
export async function readScoreRanks(
  db: Kysely<Database>,
  key: { framework: string; period: string; kind?: string },
): Promise<{ unitId: number; unit: string; kind: string; score: number; max: number; rank: number; coverage: { withData: number; missing: number } }[]> {
  let query = db
    .selectFrom('unit_scores_current as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.unit_id', 'u.code', 's.kind', 's.score', 's.max', 's.rank'])
    .select(sql<number>`(select count(*) from jsonb_array_elements(s.explain) e where (e->>'applicable')::boolean and e->>'missing' is null)::int`.as('with_data'))
    .select(sql<number>`(select count(*) from jsonb_array_elements(s.explain) e where (e->>'applicable')::boolean and e->>'missing' is not null)::int`.as('missing'))
    .where('s.framework_code', '=', key.framework)
    .where('s.period', '=', key.period);
  if (key.kind) query = query.where('s.kind', '=', key.kind);
  const rows = await query.execute();
  return rows.map((r) => ({
    unitId: r.unit_id, unit: r.code, kind: r.kind, score: r.score, max: r.max, rank: r.rank,
    coverage: { withData: Number(r.with_data), missing: Number(r.missing) },
  }));
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

/** A stored evaluation with what tells whether it still holds. */
export interface TargetEvaluationSnapshot extends TargetStatusSnapshot {
  /** The whole evaluation as computed (null in rows stored before it was kept). */
  evaluation: unknown;
  specKey: string | null;
  inputsVersion: string | null;
}

/**
 * Upserts target snapshots. Only `storeTargetEvaluations` (src/use-cases/evaluation/target-snapshots.ts)
 * calls it: one function computes and writes every snapshot.
 */
export async function writeTargetStatuses(db: Kysely<Database>, rows: readonly TargetEvaluationSnapshot[]): Promise<void> {
  if (rows.length === 0) return;
  // One order for every instance, so concurrent upserts of the same targets queue instead of deadlocking.
  const ordered = [...rows].sort((a, b) => a.targetId - b.targetId);
  for (let i = 0; i < ordered.length; i += 500) {
    await db
      .insertInto('target_status_current')
      .values(ordered.slice(i, i + 500).map((r) => ({
        target_id: r.targetId, as_of: r.asOf, status: r.status, current: r.current, current_period: r.currentPeriod,
        forecast: r.forecast, p_miss: r.pMiss, reason: r.reason, evaluation: JSON.stringify(r.evaluation), spec_key: r.specKey,
        inputs_version: r.inputsVersion,
      })))
      .onConflict((oc) =>
        oc.column('target_id').doUpdateSet((eb) => ({
          as_of: eb.ref('excluded.as_of'), status: eb.ref('excluded.status'), current: eb.ref('excluded.current'),
          current_period: eb.ref('excluded.current_period'), forecast: eb.ref('excluded.forecast'), p_miss: eb.ref('excluded.p_miss'),
          reason: eb.ref('excluded.reason'), evaluation: eb.ref('excluded.evaluation'), spec_key: eb.ref('excluded.spec_key'),
          inputs_version: eb.ref('excluded.inputs_version'), computed_at: eb.fn('now'),
        })),
      )
      .execute();
  }
}

/** The stored evaluations of these targets, with what tells whether each still holds. */
export async function readTargetEvaluations(db: Kysely<Database>, targetIds: readonly number[]): Promise<TargetEvaluationSnapshot[]> {
  if (targetIds.length === 0) return [];
  const out: TargetEvaluationSnapshot[] = [];
  const ids = [...targetIds];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db.selectFrom('target_status_current').selectAll().where('target_id', 'in', ids.slice(i, i + 5000)).execute();
    for (const r of rows) {
      out.push({
        targetId: r.target_id, asOf: r.as_of, status: r.status, current: r.current, currentPeriod: r.current_period,
        forecast: r.forecast, pMiss: r.p_miss, reason: r.reason, evaluation: r.evaluation, specKey: r.spec_key, inputsVersion: r.inputs_version,
      });
    }
  }
  return out;
}

/**
 * Marks every snapshot of `asOf` but the given targets as having seen the observations of `version`:
 * after a batch, the real-time path re-evaluated what the batch touched, and the rest did not change.
 */
export async function confirmTargetEvaluations(db: Kysely<Database>, asOf: string, version: string, except: readonly number[]): Promise<void> {
  let q = db.updateTable('target_status_current').set({ inputs_version: version }).where('as_of', '=', asOf).where('inputs_version', 'is not', null).where('inputs_version', '!=', version);
  if (except.length) q = q.where('target_id', 'not in', [...except]);
  await q.execute();
}

/**
 * Marks the snapshots of these targets (of `asOf`) as having seen the observations of `version`: a
 * read found nothing written since them on their cells.
 */
export async function confirmTargetEvaluationsOf(db: Kysely<Database>, asOf: string, version: string, targetIds: readonly number[]): Promise<void> {
  if (targetIds.length === 0) return;
  await db.updateTable('target_status_current').set({ inputs_version: version }).where('as_of', '=', asOf).where('target_id', 'in', [...targetIds])
    .where('inputs_version', 'is not', null).where('inputs_version', '!=', version).execute();
}

export async function readTargetStatuses(db: Kysely<Database>, targetIds: readonly number[]): Promise<TargetStatusSnapshot[]> {
  if (targetIds.length === 0) return [];
  const rows = await db.selectFrom('target_status_current').selectAll().where('target_id', 'in', [...targetIds]).execute();
  return rows.map((r) => ({
    targetId: r.target_id, asOf: r.as_of, status: r.status, current: r.current, currentPeriod: r.current_period,
    forecast: r.forecast, pMiss: r.p_miss, reason: r.reason,
  }));
}

/** Periods for which a framework's scores are kept current. */
export async function storedScorePeriods(db: Kysely<Database>, framework: string): Promise<string[]> {
  const rows = await db.selectFrom('unit_scores_current').select('period').distinct().where('framework_code', '=', framework).execute();
  return rows.map((r) => r.period);
}
