import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Plans named by id ("12") or by code ("131/KH-UBND"). */
export async function planIdsByRef(db: Db, ref: string): Promise<number[]> {
  const byId = /^\d+$/.test(ref) ? Number(ref) : null;
  const rows = await db
    .selectFrom('plans')
    .select('id')
    .where((eb) => (byId !== null ? eb.or([eb('id', '=', byId), eb('code', '=', ref)]) : eb('code', '=', ref)))
    .execute();
  return rows.map((r) => r.id);
}

export interface TaskForAlerts {
  id: number;
  code: string;
  title: string;
  dueEnd: string | null;
  status: 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
  progress: number;
  leadUnitId: number | null;
  leadUnitCode: string | null;
}

/** Unfinished tasks with a deadline, with their first lead unit. */
export async function openTasksWithDeadline(db: Db): Promise<TaskForAlerts[]> {
  const rows = await db
    .selectFrom('tasks as t')
    .select(['t.id', 't.code', 't.title', 't.due_end', 't.status', 't.progress'])
    .select((eb) => eb.selectFrom('task_responsibilities as r').select('r.unit_id').whereRef('r.task_id', '=', 't.id').where('r.role', '=', 'lead').where('r.unit_id', 'is not', null).orderBy('r.id').limit(1).as('lead_id'))
    .where('t.due_end', 'is not', null)
    .where('t.status', 'not in', ['done', 'cancelled'])
    .orderBy('t.code')
    .execute();
  const leadIds = [...new Set(rows.map((r) => r.lead_id).filter((x): x is number => x !== null))];
  const codes = leadIds.length ? await db.selectFrom('units').select(['id', 'code']).where('id', 'in', leadIds).execute() : [];
  const codeOf = new Map(codes.map((c) => [c.id, c.code]));
  return rows.map((r) => ({
    id: r.id, code: r.code, title: r.title, dueEnd: r.due_end, status: r.status, progress: Number(r.progress),
    leadUnitId: r.lead_id, leadUnitCode: r.lead_id === null ? null : codeOf.get(r.lead_id) ?? null,
  }));
}

export interface ReportingCell {
  indicatorId: number;
  indicatorCode: string;
  frequency: string;
  unitId: number;
  unitCode: string;
  /** Latest period code with a value (monthly codes "YYYY-MM" sort as dates). */
  lastPeriod: string;
  lastPeriodEnd: string;
}

/** For every indicator × unit that has ever reported, the latest period reported (up to `asOf`). */
export async function latestReportedPeriods(db: Db, asOf: string): Promise<ReportingCell[]> {
  const rows = await db
    .selectFrom('observations as o')
    .innerJoin('indicators as i', 'i.id', 'o.indicator_id')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.indicator_id', 'i.code as indicator_code', 'i.frequency', 'o.unit_id', 'u.code as unit_code'])
    .select(sql<string>`max(o.period_end)::text`.as('last_end'))
    .where('o.period_start', '<=', asOf)
    .where('o.value', 'is not', null)
    .groupBy(['o.indicator_id', 'i.code', 'i.frequency', 'o.unit_id', 'u.code'])
    .execute();
  return rows.map((r) => ({
    indicatorId: r.indicator_id, indicatorCode: r.indicator_code, frequency: r.frequency, unitId: r.unit_id, unitCode: r.unit_code,
    lastPeriod: r.last_end.slice(0, 7), lastPeriodEnd: r.last_end,
  }));
}

/** Which of these target codes exist. */
export async function existingTargetCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('targets').select('code').where('code', 'in', [...codes]).execute();
  return rows.map((r) => r.code);
}

/**
 * What decides who may read one target: the unit that answers for it (its scope unit, else its
 * plan's owner; null for a city-wide item without either) and whether it is classified (itself — a
 * plan's or section's mark is carried by its items — or through its indicator). Null: no such target.
 */
export async function targetReadFacts(db: Db, code: string): Promise<{ unitCode: string | null; classified: boolean } | null> {
  const row = await db
    .selectFrom('targets as t')
    .leftJoin('units as su', 'su.id', 't.scope_unit_id')
    .leftJoin('plan_versions as v', 'v.id', 't.plan_version_id')
    .leftJoin('plans as p', 'p.id', 'v.plan_id')
    .leftJoin('units as pu', 'pu.id', 'p.owner_unit_id')
    .leftJoin('indicators as i', 'i.id', 't.indicator_id')
    .select(['su.code as scopeCode', 'pu.code as ownerCode', 't.classified', 'i.classified as indicatorClassified'])
    .where('t.code', '=', code)
    .orderBy('t.id', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  return { unitCode: row.scopeCode ?? row.ownerCode ?? null, classified: row.classified || row.indicatorClassified === true };
}

/** What an alert's subjects are called, keyed by their codes: a target's text (its indicator's name when it has none), units', tasks' and indicators' names. */
export interface SubjectNames {
  targets: Map<string, string>;
  units: Map<string, string>;
  tasks: Map<string, string>;
  indicators: Map<string, string>;
}

/** Names of the targets, units, tasks and indicators with these codes, in at most four small queries. */
export async function subjectNames(db: Db, codes: { targets: readonly string[]; units: readonly string[]; tasks: readonly string[]; indicators: readonly string[] }): Promise<SubjectNames> {
  const [targets, units, tasks, indicators] = await Promise.all([
    codes.targets.length
      ? db.selectFrom('targets as t').leftJoin('indicators as i', 'i.id', 't.indicator_id').select(['t.code', 't.text', 'i.name']).where('t.code', 'in', [...codes.targets]).execute()
      : [],
    codes.units.length ? db.selectFrom('units').select(['code', 'name']).where('code', 'in', [...codes.units]).execute() : [],
    codes.tasks.length ? db.selectFrom('tasks').select(['code', 'title']).where('code', 'in', [...codes.tasks]).execute() : [],
    codes.indicators.length ? db.selectFrom('indicators').select(['code', 'name']).where('code', 'in', [...codes.indicators]).execute() : [],
  ]);
  return {
    targets: new Map(targets.flatMap((t) => {
      const text = t.text.trim() ? t.text : t.name;
      return text ? [[t.code, text] as const] : [];
    })),
    units: new Map(units.map((u) => [u.code, u.name])),
    tasks: new Map(tasks.map((k) => [k.code, k.title])),
    indicators: new Map(indicators.map((i) => [i.code, i.name])),
  };
}

/**
 * The pillar (outermost plan section title) of each target code that sits in a plan section, read in
 * two queries: the targets' sections, then every section of those plan versions, walked up in memory
 * (sections nest a few levels deep, so a recursive query would buy nothing).
 *
 * @example
 * await targetPillars(db, ['CT-01']) // Map { 'CT-01' => 'Chuyển đổi số' }
 */
export async function targetPillars(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const targets = await db
    .selectFrom('targets as t')
    .innerJoin('plan_sections as s', 's.id', 't.section_id')
    .select(['t.code', 't.section_id', 's.plan_version_id'])
    .where('t.code', 'in', [...codes])
    .execute();
  if (targets.length === 0) return new Map();
  const sections = await db
    .selectFrom('plan_sections')
    .select(['id', 'parent_id', 'title'])
    .where('plan_version_id', 'in', [...new Set(targets.map((t) => t.plan_version_id))])
    .execute();
  const byId = new Map(sections.map((s) => [s.id, s]));
  const out = new Map<string, string>();
  for (const t of targets) {
    let section = t.section_id === null ? undefined : byId.get(t.section_id);
    for (let depth = 0; section && section.parent_id !== null && depth < 64; depth++) section = byId.get(section.parent_id) ?? section;
    if (section) out.set(t.code, section.title);
  }
  return out;
}
