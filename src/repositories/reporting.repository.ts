import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ObligationScope } from '../db/tables/reports.ts';
import type { ReportingCycle } from '../domain/reporting/cycles.ts';
import type { SubmissionState } from '../domain/reporting/submission-state.ts';

type Db = Kysely<Database>;

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
}

export interface ObligationRow {
  id: number;
  planId: number | null;
  title: string | null;
  unit: UnitRef;
  recipient: UnitRef | null;
  cycle: ReportingCycle;
  dueDay: number | null;
  dueOn: string | null;
  scope: ObligationScope;
  active: boolean;
  /** Reports due before the obligation existed are not expected of the unit. */
  createdAt: Date;
}

export interface SubmissionRow {
  id: number;
  obligationId: number;
  period: string;
  state: SubmissionState;
  content: unknown;
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  approvedAt: Date | null;
  locked: boolean;
  number: string | null;
  updatedAt: Date;
}

export interface ReportEventRow {
  id: number;
  submissionId: number;
  event: string;
  actor: string;
  comment: string | null;
  at: Date;
}

// ── Units ──

export async function findUnitByCode(db: Db, code: string): Promise<UnitRef | null> {
  const row = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parent_id']).where('code', '=', code).executeTakeFirst();
  return row ? { id: row.id, code: row.code, name: row.name, kind: row.kind, parentId: row.parent_id } : null;
}

export async function findUnitsByIds(db: Db, ids: readonly number[]): Promise<Map<number, UnitRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parent_id']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id }]));
}

// ── Plans as the source of obligations ──

export interface PlanForReporting {
  id: number;
  code: string | null;
  title: string;
  ownerUnitId: number | null;
  versionId: number | null;
}

/** The plan and its adopted version: the latest published one, or else the latest. */
export async function findPlanForReporting(db: Db, planId: number): Promise<PlanForReporting | null> {
  const plan = await db.selectFrom('plans').select(['id', 'code', 'title', 'owner_unit_id']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return null;
  const version = await db
    .selectFrom('plan_versions')
    .select('id')
    .where('plan_id', '=', planId)
    .orderBy(sql`case when status = 'published' then 0 else 1 end`)
    .orderBy('version_no', 'desc')
    .executeTakeFirst();
  return { id: plan.id, code: plan.code, title: plan.title, ownerUnitId: plan.owner_unit_id, versionId: version?.id ?? null };
}

/** Units holding a lead responsibility for the version's targets and tasks, with the items they lead. */
export async function leadItemsOfPlanVersion(db: Db, versionId: number): Promise<{ unitId: number; targetIds: number[]; taskIds: number[] }[]> {
  const [targets, tasks] = await Promise.all([
    db
      .selectFrom('target_responsibilities as r')
      .innerJoin('targets as t', 't.id', 'r.target_id')
      .select(['r.unit_id', 't.id'])
      .where('t.plan_version_id', '=', versionId)
      .where('r.role', '=', 'lead')
      .where('r.unit_id', 'is not', null)
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('task_responsibilities as r')
      .innerJoin('tasks as t', 't.id', 'r.task_id')
      .select(['r.unit_id', 't.id'])
      .where('t.plan_version_id', '=', versionId)
      .where('r.role', '=', 'lead')
      .where('r.unit_id', 'is not', null)
      .orderBy('t.id')
      .execute(),
  ]);
  const byUnit = new Map<number, { unitId: number; targetIds: number[]; taskIds: number[] }>();
  const entry = (unitId: number) => {
    let e = byUnit.get(unitId);
    if (!e) byUnit.set(unitId, (e = { unitId, targetIds: [], taskIds: [] }));
    return e;
  };
  for (const r of targets) if (r.unit_id !== null) entry(r.unit_id).targetIds.push(r.id);
  for (const r of tasks) if (r.unit_id !== null) entry(r.unit_id).taskIds.push(r.id);
  return [...byUnit.values()].sort((a, b) => a.unitId - b.unitId);
}

// ── Obligations ──

function obligationQuery(db: Db) {
  return db
    .selectFrom('reporting_obligations as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .leftJoin('units as r', 'r.id', 'o.recipient_unit_id')
    .select([
      'o.id', 'o.plan_id', 'o.title', 'o.cycle', 'o.due_day', 'o.due_on', 'o.scope', 'o.active', 'o.created_at',
      'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.kind as unit_kind', 'u.parent_id as unit_parent_id',
      'r.id as recipient_id', 'r.code as recipient_code', 'r.name as recipient_name', 'r.kind as recipient_kind', 'r.parent_id as recipient_parent_id',
    ]);
}

type ObligationSelect = Awaited<ReturnType<ReturnType<typeof obligationQuery>['execute']>>[number];

function toObligation(r: ObligationSelect): ObligationRow {
  return {
    id: r.id,
    planId: r.plan_id,
    title: r.title,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, kind: r.unit_kind, parentId: r.unit_parent_id },
    recipient:
      r.recipient_id !== null && r.recipient_code !== null && r.recipient_name !== null && r.recipient_kind !== null
        ? { id: r.recipient_id, code: r.recipient_code, name: r.recipient_name, kind: r.recipient_kind, parentId: r.recipient_parent_id }
        : null,
    cycle: r.cycle,
    dueDay: r.due_day,
    dueOn: r.due_on,
    scope: typeof r.scope === 'string' ? (JSON.parse(r.scope) as ObligationScope) : r.scope,
    active: r.active,
    createdAt: r.created_at,
  };
}

export interface NewObligation {
  planId: number | null;
  unitId: number;
  recipientUnitId: number | null;
  cycle: ReportingCycle;
  dueDay: number | null;
  dueOn: string | null;
  title: string | null;
  scope: ObligationScope;
  at: Date;
}

/** Inserts an obligation unless the plan already has one for the unit and cycle; returns its id and whether it is new. */
export async function insertObligationIfAbsent(trx: Db, o: NewObligation): Promise<{ id: number; created: boolean }> {
  const inserted = await trx
    .insertInto('reporting_obligations')
    .values({
      plan_id: o.planId,
      unit_id: o.unitId,
      recipient_unit_id: o.recipientUnitId,
      cycle: o.cycle,
      due_day: o.dueDay,
      due_on: o.dueOn,
      title: o.title,
      scope: JSON.stringify(o.scope),
      created_at: o.at,
      updated_at: o.at,
    })
    .onConflict((c) => c.columns(['plan_id', 'unit_id', 'cycle']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await trx
    .selectFrom('reporting_obligations')
    .select('id')
    .where('plan_id', o.planId === null ? 'is' : '=', o.planId)
    .where('unit_id', '=', o.unitId)
    .where('cycle', '=', o.cycle)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function findObligation(db: Db, id: number): Promise<ObligationRow | null> {
  const row = await obligationQuery(db).where('o.id', '=', id).executeTakeFirst();
  return row ? toObligation(row) : null;
}

export interface ObligationFilter {
  planId?: number;
  unitId?: number;
  recipientUnitId?: number;
  cycle?: ReportingCycle;
  activeOnly?: boolean;
}

export async function listObligations(db: Db, filter: ObligationFilter = {}): Promise<ObligationRow[]> {
  let q = obligationQuery(db);
  if (filter.planId !== undefined) q = q.where('o.plan_id', '=', filter.planId);
  if (filter.unitId !== undefined) q = q.where('o.unit_id', '=', filter.unitId);
  if (filter.recipientUnitId !== undefined) q = q.where('o.recipient_unit_id', '=', filter.recipientUnitId);
  if (filter.cycle !== undefined) q = q.where('o.cycle', '=', filter.cycle);
  if (filter.activeOnly) q = q.where('o.active', '=', true);
  const rows = await q.orderBy('u.code').orderBy('o.cycle').orderBy('o.id').execute();
  return rows.map(toObligation);
}

export interface ObligationChanges {
  recipientUnitId?: number | null;
  cycle?: ReportingCycle;
  dueDay?: number | null;
  dueOn?: string | null;
  title?: string | null;
  scope?: ObligationScope;
  active?: boolean;
}

export async function updateObligation(trx: Db, id: number, changes: ObligationChanges, at: Date): Promise<void> {
  await trx
    .updateTable('reporting_obligations')
    .set({
      ...(changes.recipientUnitId !== undefined ? { recipient_unit_id: changes.recipientUnitId } : {}),
      ...(changes.cycle !== undefined ? { cycle: changes.cycle } : {}),
      ...(changes.dueDay !== undefined ? { due_day: changes.dueDay } : {}),
      ...(changes.dueOn !== undefined ? { due_on: changes.dueOn } : {}),
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.scope !== undefined ? { scope: JSON.stringify(changes.scope) } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

// ── Submissions and their events ──

const submissionColumns = [
  'id', 'obligation_id', 'period', 'state', 'content', 'submitted_at', 'first_submitted_at', 'approved_at', 'locked', 'number', 'updated_at',
] as const;

function toSubmission(r: {
  id: number; obligation_id: number; period: string; state: SubmissionState; content: unknown; submitted_at: Date | null;
  first_submitted_at: Date | null; approved_at: Date | null; locked: boolean; number: string | null; updated_at: Date;
}): SubmissionRow {
  return {
    id: r.id,
    obligationId: r.obligation_id,
    period: r.period,
    state: r.state,
    content: typeof r.content === 'string' ? (JSON.parse(r.content) as unknown) : r.content,
    submittedAt: r.submitted_at,
    firstSubmittedAt: r.first_submitted_at,
    approvedAt: r.approved_at,
    locked: r.locked,
    number: r.number,
    updatedAt: r.updated_at,
  };
}

export async function findSubmission(db: Db, obligationId: number, period: string): Promise<SubmissionRow | null> {
  const row = await db.selectFrom('report_submissions').select(submissionColumns).where('obligation_id', '=', obligationId).where('period', '=', period).executeTakeFirst();
  return row ? toSubmission(row) : null;
}

export async function findSubmissionById(db: Db, id: number): Promise<SubmissionRow | null> {
  const row = await db.selectFrom('report_submissions').select(submissionColumns).where('id', '=', id).executeTakeFirst();
  return row ? toSubmission(row) : null;
}

/** Locks the submission's row for the rest of the transaction, so two reviewers cannot both act. */
export async function lockSubmission(trx: Db, id: number): Promise<SubmissionRow | null> {
  const row = await trx.selectFrom('report_submissions').select(submissionColumns).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toSubmission(row) : null;
}

export async function insertSubmission(trx: Db, s: { obligationId: number; period: string; content: unknown; at: Date }): Promise<SubmissionRow> {
  const row = await trx
    .insertInto('report_submissions')
    .values({ obligation_id: s.obligationId, period: s.period, content: JSON.stringify(s.content), updated_at: s.at, created_at: s.at })
    .onConflict((c) => c.columns(['obligation_id', 'period']).doNothing())
    .returning(submissionColumns)
    .executeTakeFirst();
  if (row) return toSubmission(row);
  const existing = await findSubmission(trx, s.obligationId, s.period);
  if (!existing) throw new Error('submission vanished');
  return existing;
}

export interface SubmissionChanges {
  state?: SubmissionState;
  content?: unknown;
  submittedAt?: Date | null;
  firstSubmittedAt?: Date;
  approvedAt?: Date | null;
  locked?: boolean;
  number?: string | null;
}

export async function updateSubmission(trx: Db, id: number, changes: SubmissionChanges, at: Date): Promise<void> {
  await trx
    .updateTable('report_submissions')
    .set({
      ...(changes.state !== undefined ? { state: changes.state } : {}),
      ...(changes.content !== undefined ? { content: JSON.stringify(changes.content) } : {}),
      ...(changes.submittedAt !== undefined ? { submitted_at: changes.submittedAt } : {}),
      ...(changes.firstSubmittedAt !== undefined ? { first_submitted_at: changes.firstSubmittedAt } : {}),
      ...(changes.approvedAt !== undefined ? { approved_at: changes.approvedAt } : {}),
      ...(changes.locked !== undefined ? { locked: changes.locked } : {}),
      ...(changes.number !== undefined ? { number: changes.number } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertReportEvent(trx: Db, e: { submissionId: number; event: string; actor: string; comment: string | null; at: Date }): Promise<void> {
  await trx.insertInto('report_events').values({ submission_id: e.submissionId, event: e.event, actor: e.actor, comment: e.comment, at: e.at }).execute();
}

export async function listReportEvents(db: Db, submissionId: number): Promise<ReportEventRow[]> {
  const rows = await db.selectFrom('report_events').selectAll().where('submission_id', '=', submissionId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, submissionId: r.submission_id, event: r.event, actor: r.actor, comment: r.comment, at: r.at }));
}

/** Submissions of many obligations for the given periods, keyed "obligationId|period". */
export async function submissionsFor(db: Db, obligationIds: readonly number[], periods: readonly string[]): Promise<Map<string, SubmissionRow>> {
  if (obligationIds.length === 0 || periods.length === 0) return new Map();
  const rows = await db
    .selectFrom('report_submissions')
    .select(submissionColumns)
    .where('obligation_id', 'in', [...obligationIds])
    .where('period', 'in', [...periods])
    .execute();
  return new Map(rows.map((r) => [`${r.obligation_id}|${r.period}`, toSubmission(r)]));
}

// ── Figures for pre-filling ──

export interface TargetForReport {
  id: number;
  code: string;
  text: string;
  measure: string | null;
  op: string;
  value: number | null;
  goalRaw: string | null;
  baseline: number | null;
  startOn: string | null;
  dueOn: string | null;
  indicatorId: number | null;
  indicatorCode: string | null;
  indicatorMeasure: string | null;
  seq: number | null;
  /** The unit the target is set for, when it is one unit. */
  scopeUnitId: number | null;
}

export async function targetsByIds(db: Db, ids: readonly number[]): Promise<TargetForReport[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('targets as t')
    .leftJoin('indicators as i', 'i.id', 't.indicator_id')
    .select([
      't.id', 't.code', 't.text', 't.measure', 't.op', 't.value', 't.goal_raw', 't.baseline', 't.start_on', 't.due_on', 't.seq',
      't.indicator_id', 'i.code as indicator_code', 'i.measure as indicator_measure', 't.scope_unit_id',
    ])
    .where('t.id', 'in', [...ids])
    .orderBy('t.seq')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, text: r.text, measure: r.measure, op: r.op, value: r.value, goalRaw: r.goal_raw, baseline: r.baseline,
    startOn: r.start_on, dueOn: r.due_on, indicatorId: r.indicator_id, indicatorCode: r.indicator_code, indicatorMeasure: r.indicator_measure, seq: r.seq,
    scopeUnitId: r.scope_unit_id,
  }));
}

export interface TaskForReport {
  id: number;
  code: string;
  title: string;
  dueRaw: string | null;
  dueEnd: string | null;
  status: string;
  progress: number;
  product: string | null;
}

export async function tasksByIds(db: Db, ids: readonly number[]): Promise<TaskForReport[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'code', 'title', 'due_raw', 'due_end', 'status', 'progress', 'product'])
    .where('id', 'in', [...ids])
    .orderBy('seq')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, title: r.title, dueRaw: r.due_raw, dueEnd: r.due_end, status: r.status, progress: Number(r.progress), product: r.product }));
}

// ── The late-count indicator ──

export async function ensureIndicator(
  trx: Db,
  def: { code: string; name: string; measure: string; direction: 'up' | 'down'; aggregation: 'sum'; frequency: string; sourceSystem: string },
): Promise<number> {
  await trx
    .insertInto('indicators')
    .values({ code: def.code, name: def.name, measure: def.measure, direction: def.direction, aggregation: def.aggregation, frequency: def.frequency, source_system: def.sourceSystem })
    .onConflict((c) => c.column('code').doNothing())
    .execute();
  const row = await trx.selectFrom('indicators').select('id').where('code', '=', def.code).executeTakeFirstOrThrow();
  return row.id;
}

/** Users who should hear about a unit's report, by role there, with their e-mail addresses. */
export async function usersWithRole(db: Db, unitId: number, roles: readonly string[]): Promise<{ id: number; email: string | null; displayName: string }[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.display_name'])
    .where('r.unit_id', '=', unitId)
    .where('r.role', 'in', roles as ('viewer' | 'reporter' | 'approver' | 'unit_admin' | 'system_admin')[])
    .where('u.disabled_at', 'is', null)
    .distinct()
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name }));
}

/** The unit and its ancestors, nearest first. */
export async function unitWithAncestors(db: Db, unitId: number): Promise<UnitRef[]> {
  const result = await sql<{ id: number; code: string; name: string; kind: string; parent_id: number | null; depth: number }>`
    with recursive up(id, code, name, kind, parent_id, depth) as (
      select id, code, name, kind, parent_id, 0 from units where id = ${unitId}
      union all
      select u.id, u.code, u.name, u.kind, u.parent_id, up.depth + 1 from units u join up on u.id = up.parent_id where up.depth < 20
    )
    select id, code, name, kind, parent_id, depth from up order by depth`.execute(db);
  return result.rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id }));
}

/** Ids of the plans that have at least one version. */
export async function planIdsWithVersions(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('plans as p').innerJoin('plan_versions as v', 'v.plan_id', 'p.id').select('p.id').distinct().orderBy('p.id').execute();
  return rows.map((r) => r.id);
}

// ── The review queue ──

export interface ReviewQueueRow {
  submissionId: number;
  obligationId: number;
  obligationTitle: string | null;
  period: string;
  unit: { code: string; name: string };
  /** The unit that decides: the obligation's recipient, else the unit itself. */
  reviewer: { code: string; name: string };
  submittedAt: Date;
  firstSubmittedAt: Date | null;
  /** Who sent the report last, as recorded ("user:7"; "user:lan" before ids). */
  submitter: string | null;
}

export interface ReviewQueueFilter {
  /** Codes of the units under which the caller may approve; null means everywhere. */
  reviewerRoots: readonly string[] | null;
  /** Only reports of this unit and the units below it. */
  unitSubtreeOf?: string;
  period?: string;
}

/**
 * Reports waiting for a decision (state `submitted`) whose reviewing unit lies under one of the
 * roots, oldest submission first. The subtrees are walked in SQL so that a city-wide reviewer's
 * queue is one query, however many units there are.
 *
 * @example
 * await listReviewQueue(db, { reviewerRoots: ['P_VT'], period: '2026-03' });
 */
export async function listReviewQueue(db: Db, filter: ReviewQueueFilter): Promise<ReviewQueueRow[]> {
  if (filter.reviewerRoots !== null && filter.reviewerRoots.length === 0) return [];
  const roots = filter.reviewerRoots;
  const unitRoot = filter.unitSubtreeOf;
  let q = db
    .withRecursive('reviewer_scope(id, depth)', (qb) =>
      qb
        .selectFrom('units')
        .select(['units.id', sql<number>`0`.as('depth')])
        .where(roots === null ? sql<boolean>`true` : sql<boolean>`units.code in (${sql.join([...roots])})`)
        .unionAll((u) =>
          u.selectFrom('units as c').innerJoin('reviewer_scope as s', 's.id', 'c.parent_id').select(['c.id', sql<number>`s.depth + 1`.as('depth')]).where('s.depth', '<', 64),
        ),
    )
    .withRecursive('unit_scope(id, depth)', (qb) =>
      qb
        .selectFrom('units')
        .select(['units.id', sql<number>`0`.as('depth')])
        .where(unitRoot === undefined ? sql<boolean>`true` : sql<boolean>`units.code = ${unitRoot}`)
        .unionAll((u) =>
          u.selectFrom('units as c').innerJoin('unit_scope as s', 's.id', 'c.parent_id').select(['c.id', sql<number>`s.depth + 1`.as('depth')]).where('s.depth', '<', 64),
        ),
    )
    .selectFrom('report_submissions as s')
    .innerJoin('reporting_obligations as o', 'o.id', 's.obligation_id')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .innerJoin('units as r', (j) => j.on(sql<boolean>`r.id = coalesce(o.recipient_unit_id, o.unit_id)`))
    .select([
      's.id', 's.obligation_id', 's.period', 's.submitted_at', 's.first_submitted_at', 'o.title',
      'u.code as unit_code', 'u.name as unit_name', 'r.code as reviewer_code', 'r.name as reviewer_name',
      (eb) =>
        eb
          .selectFrom('report_events as e')
          .select('e.actor')
          .whereRef('e.submission_id', '=', 's.id')
          .where('e.event', '=', 'submitted')
          .orderBy('e.id', 'desc')
          .limit(1)
          .as('submitter'),
    ])
    .where('s.state', '=', 'submitted');
  // PostgreSQL skips a WITH query nothing refers to, so an unfiltered scope costs no tree walk.
  if (roots !== null) q = q.where('r.id', 'in', (eb) => eb.selectFrom('reviewer_scope').select('reviewer_scope.id'));
  if (unitRoot !== undefined) q = q.where('u.id', 'in', (eb) => eb.selectFrom('unit_scope').select('unit_scope.id'));
  if (filter.period !== undefined) q = q.where('s.period', '=', filter.period);
  const rows = await q.orderBy('s.submitted_at').orderBy('s.id').execute();

  return rows.map((r) => ({
    submissionId: r.id,
    obligationId: r.obligation_id,
    obligationTitle: r.title,
    period: r.period,
    unit: { code: r.unit_code, name: r.unit_name },
    reviewer: { code: r.reviewer_code, name: r.reviewer_name },
    // A submitted report always has its submission time; the epoch would only show a broken row.
    submittedAt: r.submitted_at ?? r.first_submitted_at ?? new Date(0),
    firstSubmittedAt: r.first_submitted_at,
    submitter: r.submitter,
  }));
}

/**
 * The unit of the first active reporting obligation and the unit its reports go to (its recipient,
 * else its parent): where a demo's reporter and approver sit so that they have a report to make.
 */
export async function firstReportingPair(db: Db): Promise<{ reporter: string; reviewer: string } | null> {
  const row = await db
    .selectFrom('reporting_obligations as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .leftJoin('units as r', (join) => join.on(sql<boolean>`r.id = coalesce(o.recipient_unit_id, u.parent_id)`))
    .select(['u.code as reporter', 'r.code as reviewer'])
    .where('o.active', '=', true)
    .orderBy('o.id')
    .executeTakeFirst();
  return row && row.reviewer ? { reporter: row.reporter, reviewer: row.reviewer } : null;
}

/**
 * Which of these targets and tasks are classified: marked so themselves, in a classified plan, or
 * (targets) measured by a classified indicator.
 */
export async function classifiedReportItems(db: Db, ids: { targetIds: readonly number[]; taskIds: readonly number[] }): Promise<{ targetIds: Set<number>; taskIds: Set<number> }> {
  const targets = ids.targetIds.length
    ? await db
      .selectFrom('targets as t')
      .leftJoin('indicators as i', 'i.id', 't.indicator_id')
      .leftJoin('plan_versions as pv', 'pv.id', 't.plan_version_id')
      .leftJoin('plans as p', 'p.id', 'pv.plan_id')
      .select('t.id')
      .where('t.id', 'in', [...ids.targetIds])
      .where((eb) => eb.or([eb('t.classified', '=', true), eb('i.classified', '=', true), eb('p.classified', '=', true)]))
      .execute()
    : [];
  const tasks = ids.taskIds.length
    ? await db
      .selectFrom('tasks as k')
      .leftJoin('plan_versions as pv', 'pv.id', 'k.plan_version_id')
      .leftJoin('plans as p', 'p.id', 'pv.plan_id')
      .select('k.id')
      .where('k.id', 'in', [...ids.taskIds])
      .where((eb) => eb.or([eb('k.classified', '=', true), eb('p.classified', '=', true)]))
      .execute()
    : [];
  return { targetIds: new Set(targets.map((r) => r.id)), taskIds: new Set(tasks.map((r) => r.id)) };
}

export interface ManualFigureRow {
  observationId: number;
  period: string;
  value: number | null;
  version: number;
  reporter: string;
  source: string;
  evidenceUrl: string | null;
  note: string | null;
  recordedAt: Date;
}

/** Every manual version (origin "manual") of a target's cell, newest first: the "số liệu tự khai" history. */
export async function manualObservationsOfCell(db: Db, indicatorId: number, unitId: number): Promise<ManualFigureRow[]> {
  const rows = await db
    .selectFrom('observations')
    .select(['id', 'period', 'value', 'version', 'actor', 'source', 'evidence_url', 'note', 'recorded_at'])
    .where('indicator_id', '=', indicatorId)
    .where('unit_id', '=', unitId)
    .where('origin', '=', 'manual')
    .orderBy('period', 'desc')
    .orderBy('version', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    observationId: Number(r.id), period: r.period, value: r.value === null ? null : Number(r.value), version: r.version, reporter: r.actor, source: r.source,
    evidenceUrl: r.evidence_url, note: r.note, recordedAt: r.recorded_at,
  }));
}

/** Submitted reports (waiting for review) whose content carries a typed figure for this target. */
export async function pendingManualFigures(db: Db, targetId: number): Promise<{ submissionId: number; period: string; content: unknown }[]> {
  const rows = await db
    .selectFrom('report_submissions')
    .select(['id', 'period', 'content'])
    .where('state', 'in', ['submitted'])
    .where(sql<boolean>`content->'targets' @> ${JSON.stringify([{ targetId }])}::jsonb`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ submissionId: r.id, period: r.period, content: r.content }));
}
