import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A problem's KPI: a target on an indicator, as evaluation sees it. */
export interface ProblemKpi {
  target: string;
  indicator: string;
  indicatorName: string;
  text: string;
  op: string;
  baseline: number | null;
  goal: number | null;
  dueOn: string | null;
  unit: string;
}

/**
 * The year's catalogue plan ("Danh mục bài toán quản trị năm 2026", code DMBT-2026) with its one
 * published version, created on first use. KPI targets live in it, one section per problem, so
 * evaluation, early warning and reports treat them like any other plan's targets.
 */
export async function catalogueVersion(trx: Db, year: number, ownerUnitId: number | null, at: Date): Promise<number> {
  const code = `DMBT-${year}`;
  const found = await trx
    .selectFrom('plans as p')
    .innerJoin('plan_versions as v', 'v.plan_id', 'p.id')
    .select('v.id')
    .where('p.code', '=', code)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
  if (found) return found.id;
  const plan = await trx
    .insertInto('plans')
    .values({ code, title: `Danh mục bài toán quản trị năm ${year}`, issuer: null, issued_on: null, owner_unit_id: ownerUnitId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await trx
    .insertInto('plan_versions')
    .values({ plan_id: plan.id, version_no: 1, content_hash: `problem-catalogue-${year}`, source_name: 'problems registry', status: 'published', draft: sql`${JSON.stringify({ catalogue: year })}::jsonb`, published_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return version.id;
}

/** The section of a problem in the catalogue version, created on first use. */
export async function problemSection(trx: Db, versionId: number, problemCode: string, title: string): Promise<number> {
  const found = await trx.selectFrom('plan_sections').select('id').where('plan_version_id', '=', versionId).where('number', '=', problemCode).executeTakeFirst();
  if (found) return found.id;
  const position = Number((await trx.selectFrom('plan_sections').select((eb) => eb.fn.countAll().as('n')).where('plan_version_id', '=', versionId).executeTakeFirstOrThrow()).n);
  return (await trx.insertInto('plan_sections').values({ plan_version_id: versionId, parent_id: null, number: problemCode, title, position }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function nextKpiSeq(trx: Db, problemId: number): Promise<number> {
  const r = await trx.selectFrom('problem_kpis').select((eb) => eb.fn.countAll().as('n')).where('problem_id', '=', problemId).executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

export async function setTargetPlacement(trx: Db, targetCode: string, versionId: number, sectionId: number, seq: number, goalRaw: string): Promise<number> {
  const r = await trx.updateTable('targets').set({ plan_version_id: versionId, section_id: sectionId, seq, goal_raw: goalRaw }).where('code', '=', targetCode).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function linkProblemKpi(trx: Db, problemId: number, targetId: number): Promise<void> {
  await trx.insertInto('problem_kpis').values({ problem_id: problemId, target_id: targetId }).execute();
}

export async function countProblemKpis(db: Db, problemId: number): Promise<number> {
  return Number((await db.selectFrom('problem_kpis').select((eb) => eb.fn.countAll().as('n')).where('problem_id', '=', problemId).executeTakeFirstOrThrow()).n);
}

export async function listProblemKpis(db: Db, problemId: number): Promise<ProblemKpi[]> {
  const rows = await db
    .selectFrom('problem_kpis as k')
    .innerJoin('targets as t', 't.id', 'k.target_id')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .innerJoin('units as u', 'u.id', 't.scope_unit_id')
    .select(['t.code', 'i.code as indicator', 'i.name as indicator_name', 't.text', 't.op', 't.baseline', 't.value', 't.due_on', 'u.code as unit'])
    .where('k.problem_id', '=', problemId)
    .orderBy('k.id')
    .execute();
  return rows.map((r) => ({
    target: r.code, indicator: r.indicator, indicatorName: r.indicator_name, text: r.text, op: r.op,
    baseline: r.baseline === null ? null : Number(r.baseline), goal: r.value === null ? null : Number(r.value), dueOn: r.due_on === null ? null : String(r.due_on).slice(0, 10), unit: r.unit,
  }));
}
