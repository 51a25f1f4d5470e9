import { issuerKey } from '../domain/plans/issuer-key.ts';
import { sql, type Kysely } from 'kysely';
import { TARGET_OPS } from '../domain/evaluation/target-spec.ts';
import type { Database } from '../db/database.ts';
import type { DraftUnit, PlanDraft } from '../importers/draft.ts';

type Db = Kysely<Database>;

export type VersionStatus = 'draft' | 'published' | 'superseded';

export interface PlanRow {
  id: number;
  code: string | null;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  /** The whole plan is classified ("có yếu tố mật"): only readers with the right over its owner see it. */
  classified: boolean;
  createdAt: Date;
}

export interface PlanVersionRow {
  id: number;
  planId: number;
  versionNo: number;
  contentHash: string;
  sourceName: string | null;
  status: VersionStatus;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface SectionRow {
  id: number;
  parentId: number | null;
  number: string | null;
  title: string;
  position: number;
  classified: boolean;
}

export interface ResponsibilityRow {
  role: 'monitor' | 'lead' | 'partner';
  name: string;
  unitCode: string | null;
  collective: boolean;
}

export interface TargetRow {
  id: number;
  code: string;
  planVersionId: number | null;
  sectionId: number | null;
  seq: number | null;
  text: string;
  measure: string | null;
  op: string;
  value: number | null;
  goalRaw: string | null;
  startOn: string | null;
  dueOn: string | null;
  dueRaw: string | null;
  basis: string | null;
  sourceLine: number | null;
  /** "Có yếu tố mật": shown only to those with the right over the plan's owner. */
  classified: boolean;
  responsibilities: ResponsibilityRow[];
}

export interface TaskRow {
  id: number;
  code: string;
  planVersionId: number | null;
  sectionId: number | null;
  seq: number | null;
  title: string;
  result: string | null;
  product: string | null;
  dueKind: string;
  dueStart: string | null;
  dueEnd: string | null;
  dueRaw: string | null;
  status: string;
  progress: number;
  sourceLine: number | null;
  /** "Có yếu tố mật": shown only to those with the right over the plan's owner. */
  classified: boolean;
  responsibilities: ResponsibilityRow[];
}

// ── Plans ──

/**
 * The plan a document belongs to: the same code from the same issuer, or, for a plan without a
 * number (drafts often have "Số: /KH-UBND"), the same title with no code.
 */
export async function findPlanIdByIdentity(
  db: Db,
  identity: { code: string | null; issuer: string | null; title: string },
): Promise<number | null> {
  if (identity.code === null) {
    const row = await db.selectFrom('plans').select('id').where('code', 'is', null).where('title', '=', identity.title).orderBy('id').limit(1).executeTakeFirst();
    return row?.id ?? null;
  }
  // The issuer is compared by meaning, not spelling (see issuerKey): few plans share a number.
  const wanted = issuerKey(identity.issuer);
  const rows = await db.selectFrom('plans').select(['id', 'issuer']).where('code', '=', identity.code).orderBy('id').execute();
  return rows.find((r) => issuerKey(r.issuer) === wanted)?.id ?? null;
}

/**
 * An unnumbered plan with this title and issuer: the draft that a numbered document now issues
 * ("Số: /KH-UBND" becomes "Số: 45/KH-UBND").
 */
export async function findUnnumberedPlanId(db: Db, identity: { issuer: string | null; title: string }): Promise<number | null> {
  const wanted = issuerKey(identity.issuer);
  const rows = await db.selectFrom('plans').select(['id', 'issuer']).where('code', 'is', null).where('title', '=', identity.title).orderBy('id').execute();
  return rows.find((r) => issuerKey(r.issuer) === wanted)?.id ?? null;
}

/** Fills in a plan's document number once it is issued; a number already set is never replaced. */
export async function setPlanCodeIfMissing(db: Db, planId: number, code: string, issuedOn: string | null): Promise<void> {
  await db
    .updateTable('plans')
    .set((eb) => ({ code, issued_on: eb.fn.coalesce('issued_on', eb.val(issuedOn)) }))
    .where('id', '=', planId)
    .where('code', 'is', null)
    .execute();
}

export async function insertPlan(
  db: Db,
  plan: { code: string | null; title: string; issuer: string | null; issuedOn: string | null; ownerUnitId: number | null },
): Promise<number> {
  const row = await db
    .insertInto('plans')
    .values({ code: plan.code, title: plan.title, issuer: plan.issuer, issued_on: plan.issuedOn, owner_unit_id: plan.ownerUnitId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const planColumns = (db: Db) =>
  db
    .selectFrom('plans as p')
    .leftJoin('units as u', 'u.id', 'p.owner_unit_id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'p.issuer',
      'p.issued_on as issuedOn',
      'u.code as ownerUnitCode',
      'u.name as ownerUnitName',
      'p.classified',
      'p.created_at as createdAt',
    ]);

export async function findPlanById(db: Db, id: number): Promise<PlanRow | null> {
  return (await planColumns(db).where('p.id', '=', id).executeTakeFirst()) ?? null;
}

export async function planOwnerUnitId(db: Db, planId: number): Promise<number | null> {
  const row = await db.selectFrom('plans').select('owner_unit_id').where('id', '=', planId).executeTakeFirst();
  return row?.owner_unit_id ?? null;
}

/** Plans whose document code is `code` ("131/KH-UBND"), oldest first. */
export async function findPlansByCode(db: Db, code: string): Promise<PlanRow[]> {
  return planColumns(db).where('p.code', '=', code).orderBy('p.id').execute();
}

export interface PlanListRow extends PlanRow {
  versionCount: number;
  latestVersionNo: number | null;
  latestStatus: VersionStatus | null;
  publishedVersionNo: number | null;
}

export async function listPlans(db: Db): Promise<PlanListRow[]> {
  const rows = await planColumns(db)
    .select((eb) => [
      eb.selectFrom('plan_versions as v').whereRef('v.plan_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('versionCount'),
      eb
        .selectFrom('plan_versions as v')
        .whereRef('v.plan_id', '=', 'p.id')
        .select('v.version_no')
        .orderBy('v.version_no', 'desc')
        .limit(1)
        .as('latestVersionNo'),
      eb
        .selectFrom('plan_versions as v')
        .whereRef('v.plan_id', '=', 'p.id')
        .select('v.status')
        .orderBy('v.version_no', 'desc')
        .limit(1)
        .as('latestStatus'),
      eb
        .selectFrom('plan_versions as v')
        .whereRef('v.plan_id', '=', 'p.id')
        .where('v.status', '=', 'published')
        .select('v.version_no')
        .limit(1)
        .as('publishedVersionNo'),
    ])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, versionCount: Number(r.versionCount ?? 0), latestStatus: (r.latestStatus) ?? null }));
}

// ── Versions ──

const versionColumns = (db: Db) =>
  db
    .selectFrom('plan_versions')
    .select([
      'id',
      'plan_id as planId',
      'version_no as versionNo',
      'content_hash as contentHash',
      'source_name as sourceName',
      'status',
      'created_at as createdAt',
      'published_at as publishedAt',
    ]);

export async function findVersionByHash(db: Db, planId: number, contentHash: string): Promise<PlanVersionRow | null> {
  return (await versionColumns(db).where('plan_id', '=', planId).where('content_hash', '=', contentHash).executeTakeFirst()) ?? null;
}

export async function findVersion(db: Db, planId: number, versionNo: number): Promise<PlanVersionRow | null> {
  return (await versionColumns(db).where('plan_id', '=', planId).where('version_no', '=', versionNo).executeTakeFirst()) ?? null;
}

export async function listVersions(db: Db, planId: number): Promise<PlanVersionRow[]> {
  return versionColumns(db).where('plan_id', '=', planId).orderBy('version_no').execute();
}

/** The version's stored draft (what the import produced, never edited afterwards). */
export async function versionDraft(db: Db, versionId: number): Promise<PlanDraft> {
  const row = await db.selectFrom('plan_versions').select('draft').where('id', '=', versionId).executeTakeFirstOrThrow();
  // Stored from a PlanDraft by insertVersion and never written otherwise.
  return (typeof row.draft === 'string' ? JSON.parse(row.draft) : row.draft) as PlanDraft;
}

export async function nextVersionNo(db: Db, planId: number): Promise<number> {
  const row = await db
    .selectFrom('plan_versions')
    .select((eb) => eb.fn.max('version_no').as('max'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertVersion(
  db: Db,
  version: { planId: number; versionNo: number; contentHash: string; sourceName: string | null; draft: PlanDraft },
): Promise<number> {
  const row = await db
    .insertInto('plan_versions')
    .values({
      plan_id: version.planId,
      version_no: version.versionNo,
      content_hash: version.contentHash,
      source_name: version.sourceName,
      draft: sql`${JSON.stringify(version.draft)}::jsonb`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks `versionId` published and the plan's previously published version superseded. */
export async function markVersionPublished(db: Db, planId: number, versionId: number, at: Date): Promise<void> {
  await db
    .updateTable('plan_versions')
    .set({ status: 'superseded' })
    .where('plan_id', '=', planId)
    .where('status', '=', 'published')
    .where('id', '<>', versionId)
    .execute();
  await db.updateTable('plan_versions').set({ status: 'published', published_at: at }).where('id', '=', versionId).execute();
}

// ── Sections ──

/** A section to store, with the index of its parent in the same list (parents come first). */
export interface NewSection {
  parentIndex: number | null;
  number: string | null;
  title: string;
  position: number;
}

/** Stores a version's section tree in two statements; returns the new ids in the order given. */
export async function insertSections(db: Db, versionId: number, sections: NewSection[]): Promise<number[]> {
  if (sections.length === 0) return [];
  // Ids drawn from the table's own sequence up front, so parents can be referenced in one insert.
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('plan_sections', 'id'))::int as id from generate_series(1, ${sections.length})
  `.execute(db);
  const ids = rows.map((r) => Number(r.id));
  for (const part of chunks(sections.map((section, i) => ({ section, id: ids[i] as number })))) {
    await db
      .insertInto('plan_sections')
      .values(
        part.map(({ section, id }) => ({
          id,
          plan_version_id: versionId,
          parent_id: section.parentIndex === null ? null : (ids[section.parentIndex] ?? null),
          number: section.number,
          title: section.title,
          position: section.position,
        })),
      )
      .execute();
  }
  return ids;
}

export async function sectionsOfVersion(db: Db, versionId: number): Promise<SectionRow[]> {
  return db
    .selectFrom('plan_sections')
    .select(['id', 'parent_id as parentId', 'number', 'title', 'position', 'classified'])
    .where('plan_version_id', '=', versionId)
    .orderBy('id')
    .execute();
}

// ── Targets and tasks ──

/** Every target and task code already used by any version of the plan. */
export async function itemCodesOfPlan(db: Db, planId: number): Promise<Set<string>> {
  const versionIds = db.selectFrom('plan_versions').select('id').where('plan_id', '=', planId);
  const targets = await db.selectFrom('targets').select('code').where('plan_version_id', 'in', versionIds).execute();
  const tasks = await db.selectFrom('tasks').select('code').where('plan_version_id', 'in', versionIds).execute();
  return new Set([...targets, ...tasks].map((r) => r.code));
}

export async function targetsOfVersion(db: Db, versionId: number): Promise<TargetRow[]> {
  const rows = await db
    .selectFrom('targets')
    .select([
      'id',
      'code',
      'plan_version_id as planVersionId',
      'section_id as sectionId',
      'seq',
      'text',
      'measure',
      'op',
      'value',
      'goal_raw as goalRaw',
      'start_on as startOn',
      'due_on as dueOn',
      'due_raw as dueRaw',
      'basis',
      'source_line as sourceLine',
      'classified',
    ])
    .where('plan_version_id', '=', versionId)
    .orderBy('id')
    .execute();
  const responsibilities = await db
    .selectFrom('target_responsibilities as r')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.target_id as itemId', 'r.role', 'r.name', 'u.code as unitCode', 'r.collective'])
    .where('r.target_id', 'in', (eb) => eb.selectFrom('targets').select('id').where('plan_version_id', '=', versionId))
    .orderBy('r.id')
    .execute();
  const byItem = groupByItem(responsibilities);
  return rows.map((r) => ({
    ...r,
    value: r.value === null ? null : Number(r.value),
    responsibilities: byItem.get(r.id) ?? [],
  }));
}

export async function tasksOfVersion(db: Db, versionId: number): Promise<TaskRow[]> {
  const rows = await db
    .selectFrom('tasks')
    .select([
      'id',
      'code',
      'plan_version_id as planVersionId',
      'section_id as sectionId',
      'seq',
      'title',
      'result',
      'product',
      'due_kind as dueKind',
      'due_start as dueStart',
      'due_end as dueEnd',
      'due_raw as dueRaw',
      'status',
      'progress',
      'source_line as sourceLine',
      'classified',
    ])
    .where('plan_version_id', '=', versionId)
    .orderBy('id')
    .execute();
  const responsibilities = await db
    .selectFrom('task_responsibilities as r')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.task_id as itemId', 'r.role', 'r.name', 'u.code as unitCode', 'r.collective'])
    .where('r.task_id', 'in', (eb) => eb.selectFrom('tasks').select('id').where('plan_version_id', '=', versionId))
    .orderBy('r.id')
    .execute();
  const byItem = groupByItem(responsibilities);
  return rows.map((r) => ({
    ...r,
    progress: Number(r.progress),
    responsibilities: byItem.get(r.id) ?? [],
  }));
}

/** Responsibility rows grouped under their target or task, in the order they were read. */
function groupByItem<R extends { itemId: number }>(rows: readonly R[]): Map<number, Omit<R, 'itemId'>[]> {
  const byItem = new Map<number, Omit<R, 'itemId'>[]>();
  for (const { itemId, ...rest } of rows) {
    const list = byItem.get(itemId) ?? [];
    list.push(rest);
    byItem.set(itemId, list);
  }
  return byItem;
}

export interface TargetValues {
  planVersionId: number;
  /** The unit the target is for: the owning ward of a ward's plan; null when the plan does not say. */
  scopeUnitId: number | null;
  sectionId: number | null;
  seq: number | null;
  text: string;
  measure: string | null;
  op: TargetRow['op'];
  value: number | null;
  goalRaw: string | null;
  startOn: string | null;
  dueOn: string | null;
  dueRaw: string | null;
  basis: string | null;
  sourceLine: number | null;
}

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters at 13 columns a row. */
const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Writes targets under their codes: new rows, or, when a code exists (the same item in an earlier
 * version), that row updated in place so its id — and everything attached to it — carries over.
 * Returns each code's row id.
 */
export async function upsertTargets(db: Db, targets: (TargetValues & { code: string })[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunks(targets)) {
    const rows = await db
      .insertInto('targets')
      .values(
        part.map((t) => ({
          code: t.code,
          plan_version_id: t.planVersionId,
          scope_unit_id: t.scopeUnitId,
          scope_kind: t.scopeUnitId === null ? null : 'unit',
          section_id: t.sectionId,
          seq: t.seq,
          text: t.text,
          measure: t.measure,
          op: t.op as 'qualitative',
          value: t.value,
          goal_raw: t.goalRaw,
          start_on: t.startOn,
          due_on: t.dueOn,
          due_raw: t.dueRaw,
          basis: t.basis,
          source_line: t.sourceLine,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => {
          // A target linked to an indicator carries an official's decisions (the unit or set it is
          // measured on, a measurable goal and due date where the plan gave none): a new version of
          // the plan keeps them, and replaces the goal or due date only with one it actually states.
          const linked = eb('targets.indicator_id', 'is not', null);
          const goalStated = eb.and([eb('excluded.op', 'in', [...TARGET_OPS]), eb('excluded.value', 'is not', null)]);
          const keepGoal = eb.and([linked, eb.not(goalStated)]);
          const keepIfLinked = <C extends 'scope_unit_id' | 'scope_kind' | 'due_on'>(column: C) =>
            eb.case().when(linked).then(eb.ref(`targets.${column}`)).else(eb.ref(`excluded.${column}`)).end();
          return {
            plan_version_id: eb.ref('excluded.plan_version_id'),
            scope_unit_id: keepIfLinked('scope_unit_id'),
            scope_kind: keepIfLinked('scope_kind'),
            section_id: eb.ref('excluded.section_id'),
            seq: eb.ref('excluded.seq'),
            text: eb.ref('excluded.text'),
            measure: eb.ref('excluded.measure'),
            op: eb.case().when(keepGoal).then(eb.ref('targets.op')).else(eb.ref('excluded.op')).end(),
            value: eb.case().when(keepGoal).then(eb.ref('targets.value')).else(eb.ref('excluded.value')).end(),
            goal_raw: eb.ref('excluded.goal_raw'),
            start_on: eb.ref('excluded.start_on'),
            due_on: eb.fn.coalesce('excluded.due_on', keepIfLinked('due_on')),
            due_raw: eb.ref('excluded.due_raw'),
            basis: eb.ref('excluded.basis'),
            source_line: eb.ref('excluded.source_line'),
          };
        }),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) ids.set(r.code, r.id);
  }
  return ids;
}

export interface TaskValues {
  planVersionId: number;
  sectionId: number | null;
  seq: number | null;
  title: string;
  result: string | null;
  product: string | null;
  dueKind: string;
  dueStart: string | null;
  dueEnd: string | null;
  dueRaw: string | null;
  sourceLine: number | null;
}

/** As {@link upsertTargets}; a task's status and progress (reported by people) are never touched. */
export async function upsertTasks(db: Db, tasks: (TaskValues & { code: string })[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunks(tasks)) {
    const rows = await db
      .insertInto('tasks')
      .values(
        part.map((t) => ({
          code: t.code,
          plan_version_id: t.planVersionId,
          section_id: t.sectionId,
          seq: t.seq,
          title: t.title,
          result: t.result,
          product: t.product,
          due_kind: t.dueKind,
          due_start: t.dueStart,
          due_end: t.dueEnd,
          due_raw: t.dueRaw,
          source_line: t.sourceLine,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          plan_version_id: eb.ref('excluded.plan_version_id'),
          section_id: eb.ref('excluded.section_id'),
          seq: eb.ref('excluded.seq'),
          title: eb.ref('excluded.title'),
          result: eb.ref('excluded.result'),
          product: eb.ref('excluded.product'),
          due_kind: eb.ref('excluded.due_kind'),
          due_start: eb.ref('excluded.due_start'),
          due_end: eb.ref('excluded.due_end'),
          due_raw: eb.ref('excluded.due_raw'),
          source_line: eb.ref('excluded.source_line'),
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) ids.set(r.code, r.id);
  }
  return ids;
}

export interface NewResponsibility {
  itemId: number;
  role: ResponsibilityRow['role'];
  unit: DraftUnit;
}

/**
 * Replaces the monitor/lead/partner rows of the given items (all of `itemIds`, even those that now
 * have none); unresolved and collective names keep a null unit and their name as written.
 */
export async function replaceResponsibilities(
  db: Db,
  item: 'target' | 'task',
  itemIds: number[],
  rows: NewResponsibility[],
): Promise<void> {
  const codes = [...new Set(rows.map((r) => r.unit.code).filter((c): c is string => c !== null))];
  const units = codes.length ? await db.selectFrom('units').select(['id', 'code']).where('code', 'in', codes).execute() : [];
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  const values = rows.map((r) => ({
    itemId: r.itemId,
    role: r.role,
    unit_id: r.unit.code === null ? null : (idOf.get(r.unit.code) ?? null),
    name: r.unit.name,
    collective: r.unit.collective,
  }));
  for (const ids of chunks(itemIds)) {
    if (item === 'target') await db.deleteFrom('target_responsibilities').where('target_id', 'in', ids).execute();
    else await db.deleteFrom('task_responsibilities').where('task_id', 'in', ids).execute();
  }
  for (const part of chunks(values)) {
    if (item === 'target') {
      await db.insertInto('target_responsibilities').values(part.map(({ itemId, ...v }) => ({ ...v, target_id: itemId }))).execute();
    } else {
      await db.insertInto('task_responsibilities').values(part.map(({ itemId, ...v }) => ({ ...v, task_id: itemId }))).execute();
    }
  }
}

// ── Units, as plans refer to them ──

export async function unitIdByCode(db: Db, code: string): Promise<number | null> {
  const row = await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

/** Row counts of every plan table, for tests and reports that check nothing was half-stored. */
export async function countPlanRows(db: Db): Promise<Record<string, number>> {
  const tables = ['plans', 'plan_versions', 'plan_sections', 'targets', 'tasks', 'target_responsibilities', 'task_responsibilities'] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** A task's progress as an approved report gives it. */
export interface ReportedTaskProgress {
  taskId: number;
  status: 'not_started' | 'in_progress' | 'done' | 'cancelled';
  progress: number;
  evidence: string | null;
}

/**
 * Writes the progress an approved report gives each task into the register (status, progress,
 * evidence, which report and when); answers the ids of the tasks that changed.
 */
export async function recordReportedTaskProgress(db: Db, reportId: number, lines: readonly ReportedTaskProgress[], at: Date): Promise<number[]> {
  const changed: number[] = [];
  for (const line of lines) {
    const rows = await db
      .updateTable('tasks')
      .set({ status: line.status, progress: line.progress, evidence: line.evidence, progress_reported_at: at, progress_report_id: reportId })
      .where('id', '=', line.taskId)
      .where((eb) => eb.or([eb('status', '!=', line.status), eb('progress', '!=', line.progress), eb('evidence', 'is distinct from', line.evidence)]))
      .returning('id')
      .execute();
    changed.push(...rows.map((r) => r.id));
  }
  return changed;
}

/**
 * The section titles above each target, outermost first ("Phụ lục 01", "II. Chính quyền số", …), for
 * the given target codes. A set's members ("CT-01.P_X") carry no section of their own: ask for the
 * set's code too.
 *
 * @example
 * await targetSectionPaths(db, ['CT-01']) // → Map { 'CT-01' => ['Phụ lục 01', 'Phát triển chính quyền số'] }
 */
export async function targetSectionPaths(db: Db, codes: readonly string[]): Promise<Map<string, string[]>> {
  if (codes.length === 0) return new Map();
  const targets = await db
    .selectFrom('targets as t')
    .innerJoin('plan_sections as s', 's.id', 't.section_id')
    .select(['t.code', 't.section_id', 's.plan_version_id'])
    .where('t.code', 'in', [...codes])
    .orderBy('s.plan_version_id')
    .execute();
  if (targets.length === 0) return new Map();
  const sections = await db
    .selectFrom('plan_sections')
    .select(['id', 'parent_id', 'title'])
    .where('plan_version_id', 'in', [...new Set(targets.map((t) => t.plan_version_id))])
    .execute();
  const byId = new Map(sections.map((s) => [s.id, s]));
  const out = new Map<string, string[]>();
  for (const t of targets) {
    const path: string[] = [];
    let section = t.section_id === null ? undefined : byId.get(t.section_id);
    for (let depth = 0; section && depth < 64; depth++) {
      path.unshift(section.title);
      section = section.parent_id === null ? undefined : byId.get(section.parent_id);
    }
    // The newest version's sections win when a code lives in several versions.
    out.set(t.code, path);
  }
  return out;
}

/** Replaces a draft version's extracted content (the administrator's corrections); never a published one. */
export async function updateVersionDraft(db: Db, versionId: number, draft: PlanDraft): Promise<void> {
  await db.updateTable('plan_versions').set({ draft: JSON.stringify(draft) }).where('id', '=', versionId).where('status', '=', 'draft').execute();
}

/** Locks a version row for a read-modify-write of its draft. */
export async function lockVersion(db: Db, versionId: number): Promise<void> {
  await db.selectFrom('plan_versions').select('id').where('id', '=', versionId).forUpdate().execute();
}

/** Sets the indicator of published targets (chosen on the draft before publishing), by target id. */
export async function setTargetIndicators(db: Db, links: readonly { targetId: number; indicatorId: number }[]): Promise<void> {
  for (const l of links) await db.updateTable('targets').set({ indicator_id: l.indicatorId }).where('id', '=', l.targetId).execute();
}
