import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A problem as use-cases see it: units by code, the area type in force (its own, else its ward's). */
export interface ProblemRecord {
  id: number;
  code: string;
  name: string;
  fields: string[];
  problem: string;
  currentHandling: string;
  managementNeed: string;
  pilotScope: string;
  dataAvailable: string | null;
  dataInputs: string | null;
  outputStandards: string | null;
  sandboxConditions: string | null;
  resources: string | null;
  proposingUnit: string;
  proposingUnitName: string;
  receivingUnit: string;
  receivingUnitName: string;
  state: string;
  scaleClass: string | null;
  priority: string;
  areaType: string | null;
  mergedInto: string | null;
  classified: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  contact: { name: string | null; title: string | null; phone: string | null; email: string | null };
}

function problemQuery(db: Db) {
  return db
    .selectFrom('problems as p')
    .innerJoin('units as pu', 'pu.id', 'p.proposing_unit_id')
    .innerJoin('units as ru', 'ru.id', 'p.receiving_unit_id')
    .leftJoin('unit_area_types as uat', 'uat.unit_id', 'p.proposing_unit_id')
    .leftJoin('problems as m', 'm.id', 'p.merged_into_id')
    .selectAll('p')
    .select(['pu.code as pu_code', 'pu.name as pu_name', 'ru.code as ru_code', 'ru.name as ru_name', 'uat.area_type as unit_area_type', 'm.code as merged_code']);
}

type Row = Awaited<ReturnType<ReturnType<typeof problemQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: Row): ProblemRecord {
  return {
    id: r.id, code: r.code, name: r.name, fields: r.fields, problem: r.problem, currentHandling: r.current_handling, managementNeed: r.management_need,
    pilotScope: r.pilot_scope, dataAvailable: r.data_available, dataInputs: r.data_inputs, outputStandards: r.output_standards,
    sandboxConditions: r.sandbox_conditions, resources: r.resources, proposingUnit: r.pu_code, proposingUnitName: r.pu_name,
    receivingUnit: r.ru_code, receivingUnitName: r.ru_name, state: r.state, scaleClass: r.scale_class, priority: r.priority,
    areaType: r.area_type ?? r.unit_area_type ?? null, mergedInto: r.merged_code ?? null, classified: r.classified, createdBy: r.created_by,
    createdAt: r.created_at, updatedAt: r.updated_at,
    contact: { name: r.contact_name, title: r.contact_title, phone: r.contact_phone, email: r.contact_email },
  };
}

export async function findProblemByCode(db: Db, code: string): Promise<ProblemRecord | null> {
  const r = await problemQuery(db).where('p.code', '=', code).executeTakeFirst();
  return r ? toRecord(r) : null;
}

/** Problems by code, locked for update, for moves and merges inside a transaction. */
export async function lockProblems(trx: Db, codes: readonly string[]): Promise<ProblemRecord[]> {
  if (codes.length === 0) return [];
  await trx.selectFrom('problems').select('id').where('code', 'in', [...codes]).orderBy('id').forUpdate().execute();
  const rows = await problemQuery(trx).where('p.code', 'in', [...codes]).execute();
  return rows.map(toRecord);
}

export interface ProblemFilter {
  states?: readonly string[];
  field?: string;
  areaType?: string;
  proposingUnit?: string;
  priority?: string;
}

/** Every problem matching the filters, in code order; the caller keeps those the reader may see. */
export async function listProblemRecords(db: Db, filter: ProblemFilter): Promise<ProblemRecord[]> {
  let q = problemQuery(db);
  if (filter.states?.length) q = q.where('p.state', 'in', [...filter.states]);
  if (filter.field) q = q.where(sql<boolean>`${filter.field} = any(p.fields)`);
  if (filter.areaType) q = q.where((eb) => eb.fn.coalesce('p.area_type', 'uat.area_type'), '=', filter.areaType);
  if (filter.proposingUnit) q = q.where('pu.code', '=', filter.proposingUnit);
  if (filter.priority) q = q.where('p.priority', '=', filter.priority);
  const rows = await q.orderBy('p.code').execute();
  return rows.map(toRecord);
}

export interface NewProblem {
  name: string;
  fields: string[];
  problem: string;
  currentHandling: string;
  managementNeed: string;
  pilotScope: string;
  dataAvailable: string | null;
  proposingUnitId: number;
  receivingUnitId: number;
  contactName: string | null;
  contactTitle: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  state: string;
  areaType: string | null;
  createdBy: string;
  at: Date;
}

/** Inserts a problem and gives it the next code of its year, "BT-2026-0007". */
export async function insertProblem(trx: Db, p: NewProblem): Promise<{ id: number; code: string }> {
  const { id } = await trx
    .insertInto('problems')
    .values({
      code: `pending-${p.at.getTime()}-${Math.random().toString(36).slice(2)}`, name: p.name, fields: p.fields, problem: p.problem, current_handling: p.currentHandling,
      management_need: p.managementNeed, pilot_scope: p.pilotScope, data_available: p.dataAvailable, proposing_unit_id: p.proposingUnitId,
      receiving_unit_id: p.receivingUnitId, contact_name: p.contactName, contact_title: p.contactTitle, contact_phone: p.contactPhone,
      contact_email: p.contactEmail, state: p.state, area_type: p.areaType, created_by: p.createdBy, created_at: p.at, updated_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const code = `BT-${p.at.getUTCFullYear()}-${String(id).padStart(4, '0')}`;
  await trx.updateTable('problems').set({ code }).where('id', '=', id).execute();
  return { id, code };
}

export type ProblemChanges = Partial<{
  name: string; fields: string[]; problem: string; current_handling: string; management_need: string; pilot_scope: string;
  data_available: string | null; data_inputs: string | null; output_standards: string | null; sandbox_conditions: string | null;
  resources: string | null; scale_class: string | null; priority: string; area_type: string | null; classified: boolean;
  contact_name: string | null; contact_title: string | null; contact_phone: string | null; contact_email: string | null;
  state: string; merged_into_id: number | null;
}>;

export async function updateProblem(trx: Db, id: number, changes: ProblemChanges, at: Date): Promise<void> {
  await trx.updateTable('problems').set({ ...changes, updated_at: at }).where('id', '=', id).execute();
}

export async function insertTransition(trx: Db, t: { problemId: number; from: string | null; to: string; actor: string; note: string | null; at: Date; evidence?: unknown }): Promise<void> {
  // Evidence goes in as text cast to jsonb, so that the same JSON is stored on PGlite and PostgreSQL.
  const evidence = t.evidence === undefined || t.evidence === null ? null : sql<unknown>`cast(${JSON.stringify(t.evidence)} as jsonb)`;
  await trx.insertInto('problem_transitions').values({ problem_id: t.problemId, from_state: t.from, to_state: t.to, actor: t.actor, note: t.note, at: t.at, evidence }).execute();
}

export interface TransitionRecord { from: string | null; to: string; actor: string; note: string | null; at: Date; evidence: unknown }

export async function listTransitions(db: Db, problemId: number): Promise<TransitionRecord[]> {
  const rows = await db.selectFrom('problem_transitions').select(['from_state', 'to_state', 'actor', 'note', 'at', 'evidence']).where('problem_id', '=', problemId).orderBy('id').execute();
  return rows.map((r) => ({ from: r.from_state, to: r.to_state, actor: r.actor, note: r.note, at: r.at, evidence: r.evidence ?? null }));
}

export async function insertOrigins(trx: Db, problemId: number, originIds: readonly number[]): Promise<void> {
  if (originIds.length) await trx.insertInto('problem_origins').values(originIds.map((origin_id) => ({ problem_id: problemId, origin_id }))).execute();
}

/** The proposals a consolidated problem merges, with their wards. */
export async function listOrigins(db: Db, problemId: number): Promise<{ code: string; name: string; unit: string; unitName: string }[]> {
  return db
    .selectFrom('problem_origins as o')
    .innerJoin('problems as p', 'p.id', 'o.origin_id')
    .innerJoin('units as u', 'u.id', 'p.proposing_unit_id')
    .select(['p.code', 'p.name', 'u.code as unit', 'u.name as unitName'])
    .where('o.problem_id', '=', problemId)
    .orderBy('p.code')
    .execute();
}

export async function unitIdByCode(db: Db, code: string): Promise<{ id: number; kind: string } | null> {
  return (await db.selectFrom('units').select(['id', 'kind']).where('code', '=', code).executeTakeFirst()) ?? null;
}

export async function unitAreaType(db: Db, unitId: number): Promise<string | null> {
  return (await db.selectFrom('unit_area_types').select('area_type').where('unit_id', '=', unitId).executeTakeFirst())?.area_type ?? null;
}

export async function upsertUnitAreaType(trx: Db, unitId: number, areaType: string, actor: string, at: Date): Promise<string | null> {
  const before = await unitAreaType(trx, unitId);
  await trx
    .insertInto('unit_area_types')
    .values({ unit_id: unitId, area_type: areaType, set_by: actor, set_at: at })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ area_type: areaType, set_by: actor, set_at: at }))
    .execute();
  return before;
}

export async function listUnitAreaTypes(db: Db): Promise<{ unit: string; name: string; areaType: string }[]> {
  return db.selectFrom('unit_area_types as a').innerJoin('units as u', 'u.id', 'a.unit_id').select(['u.code as unit', 'u.name', 'a.area_type as areaType']).orderBy('u.code').execute();
}

/** Every unit's code and name, for resolving a unit written by name in an imported form. */
export async function listUnitCodesAndNames(db: Db): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('units').select(['code', 'name']).execute();
}
