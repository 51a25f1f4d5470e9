import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Framework } from '../domain/scoring/framework.ts';

/**
 * Stores a framework version (idempotent: the same code and version replace the definition) and marks
 * it active, so the real-time engine keeps its scores current.
 */
export async function saveFramework(db: Kysely<Database>, framework: Framework): Promise<number> {
  const row = await db
    .insertInto('scoring_frameworks')
    .values({ code: framework.code, version: framework.version, name: framework.name, definition: JSON.stringify(framework) })
    .onConflict((oc) => oc.columns(['code', 'version']).doUpdateSet({ name: framework.name, definition: JSON.stringify(framework), active: true }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The latest stored version of each active framework (or of one code). */
export async function activeFrameworks(db: Kysely<Database>, code?: string): Promise<Framework[]> {
  let query = db
    .selectFrom('scoring_frameworks')
    .select(['definition'])
    .distinctOn('code')
    .where('active', '=', true)
    .orderBy('code')
    .orderBy('id', 'desc');
  if (code) query = query.where('code', '=', code);
  const rows = await query.execute();
  return rows.map((r) => r.definition as Framework);
}

export interface StoredAssessment {
  unitId: number;
  criterion: string;
  kind: 'self' | 'appraised';
  points: number;
  evidenceUrl: string | null;
  actor: string;
}

/** The latest self and appraised assessment of each criterion for each unit in a period. */
export async function currentAssessments(db: Kysely<Database>, frameworkCode: string, period: string, unitIds: readonly number[] | null = null): Promise<StoredAssessment[]> {
  if (unitIds && unitIds.length === 0) return [];
  let query = db
    .selectFrom('score_assessments')
    .select(['unit_id', 'criterion', 'kind', 'points', 'evidence_url', 'actor'])
    .distinctOn(['unit_id', 'criterion', 'kind'])
    .where('framework_code', '=', frameworkCode)
    .where('period', '=', period)
    .orderBy('unit_id')
    .orderBy('criterion')
    .orderBy('kind')
    .orderBy('id', 'desc');
  if (unitIds) query = query.where('unit_id', 'in', [...unitIds]);
  const rows = await query.execute();
  return rows.map((r) => ({ unitId: r.unit_id, criterion: r.criterion, kind: r.kind, points: r.points, evidenceUrl: r.evidence_url, actor: r.actor }));
}

export interface NewAssessment {
  frameworkCode: string;
  criterion: string;
  unitId: number;
  period: string;
  kind: 'self' | 'appraised';
  points: number;
  evidenceUrl: string | null;
  note: string | null;
  actor: string;
}

export async function insertAssessment(db: Kysely<Database>, a: NewAssessment): Promise<{ id: number; recordedAt: Date }> {
  const row = await db
    .insertInto('score_assessments')
    .values({
      framework_code: a.frameworkCode, criterion: a.criterion, unit_id: a.unitId, period: a.period, kind: a.kind,
      points: a.points, evidence_url: a.evidenceUrl, note: a.note, actor: a.actor,
    })
    .returning(['id', 'recorded_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, recordedAt: row.recorded_at };
}

/** Announces on a channel inside the caller's transaction (delivered at commit). */
export async function notify(db: Kysely<Database>, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}
