import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role } from '../db/tables/access.ts';
import { parsePeriod } from '../domain/periods/period.ts';
import type { DraftDue, PlanDraft } from '../importers/draft.ts';

/**
 * Test factories: rows written straight into a test database, with sensible defaults, so a test
 * states only what it is about. Every factory returns the row's id (and code where there is one).
 *
 * @example
 * const city = await createUnit(db, { code: 'HN', kind: 'city' });
 * const ward = await createUnit(db, { code: 'P_VT', kind: 'commune', parentId: city.id });
 */
type Db = Kysely<Database>;

let counter = 0;
const next = () => ++counter;

export async function createUnit(db: Db, u: { code?: string; name?: string; kind?: string; parentId?: number | null }): Promise<{ id: number; code: string }> {
  const code = u.code ?? `U_${next()}`;
  const row = await db
    .insertInto('units')
    .values({ code, name: u.name ?? `Đơn vị ${code}`, kind: u.kind ?? 'office', parent_id: u.parentId ?? null, valid_from: null, valid_to: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, code };
}

export async function createIndicator(
  db: Db,
  i: { code?: string; name?: string; measure?: string; direction?: 'up' | 'down'; aggregation?: 'sum' | 'mean' | 'ratio' | 'min' | 'max' | 'last' },
): Promise<{ id: number; code: string }> {
  const code = i.code ?? `IND_${next()}`;
  const row = await db
    .insertInto('indicators')
    .values({
      code, name: i.name ?? `Chỉ số ${code}`, measure: i.measure ?? '%', direction: i.direction ?? 'up', aggregation: i.aggregation ?? 'mean',
      numerator: null, denominator: null, source_system: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, code };
}

/** Appends the next version of a cell. */
export async function createObservation(
  db: Db,
  o: { indicatorId: number; unitId: number; period: string; value: number | null; source?: string; origin?: 'system' | 'connector' | 'manual' | 'import'; recordedAt?: Date },
): Promise<{ id: number }> {
  const period = parsePeriod(o.period);
  if (!period) throw new Error(`bad period ${o.period}`);
  const last = await db
    .selectFrom('observations')
    .select('version')
    .where('indicator_id', '=', o.indicatorId)
    .where('unit_id', '=', o.unitId)
    .where('period', '=', period.code)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  const row = await db
    .insertInto('observations')
    .values({
      indicator_id: o.indicatorId, unit_id: o.unitId, period: period.code, period_start: period.start, period_end: period.end,
      version: (last?.version ?? 0) + 1, value: o.value, numerator: null, denominator: null, origin: o.origin ?? 'system',
      source: o.source ?? 'test', actor: 'test', note: null, evidence_url: null, reason: null, batch_id: null,
      ...(o.recordedAt ? { recorded_at: o.recordedAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export interface PlanTargetSpec {
  code?: string;
  text?: string;
  indicatorId?: number | null;
  op?: '>=' | '>' | '<=' | '<' | '=' | 'top' | 'qualitative';
  value?: number | null;
  measure?: string | null;
  dueOn?: string | null;
  leadUnitId?: number | null;
  scopeUnitId?: number | null;
}

export interface PlanTaskSpec {
  code?: string;
  title?: string;
  dueRaw?: string | null;
  dueEnd?: string | null;
  status?: 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
  progress?: number;
  leadUnitId?: number | null;
}

// Tasks' source lines start after the targets' (a plan's appendix of tasks follows its targets).
const TASK_LINES = 1000;

/** A plan with one published version, its targets and tasks, and their lead responsibilities. */
export async function createPlan(
  db: Db,
  p: { code?: string; title?: string; ownerUnitId?: number | null; targets?: PlanTargetSpec[]; tasks?: PlanTaskSpec[] },
): Promise<{ planId: number; versionId: number; targetIds: number[]; taskIds: number[] }> {
  const n = next();
  // The version's draft is what the importer would have stored: the plan page reads its items from
  // it and finds each one's row by source line and text, so rows and draft agree line for line.
  const none: DraftDue = { kind: 'none', raw: null, start: null, end: null };
  const draft: PlanDraft = {
    plan: { title: p.title ?? `Kế hoạch ${n}`, code: p.code ?? `${n}/KH-UBND`, issuer: null, issuedOn: null },
    targets: (p.targets ?? []).map((t, i) => ({
      seq: i + 1, sectionPath: [], text: t.text ?? `Chỉ tiêu ${i + 1}`, measure: t.measure ?? '%',
      goal: { op: t.op ?? '>=', value: t.value === undefined ? 90 : t.value, raw: '' }, monitor: [], lead: [], partners: [], basis: null,
      due: t.dueOn ? { kind: 'date', raw: t.dueOn, start: null, end: t.dueOn } : none, source: { line: i + 1 },
    })),
    tasks: (p.tasks ?? []).map((t, i) => ({
      seq: i + 1, sectionPath: [], title: t.title ?? `Nhiệm vụ ${i + 1}`, lead: [], partners: [], result: null, product: null,
      due: t.dueEnd ? { kind: 'date', raw: t.dueRaw ?? t.dueEnd, start: null, end: t.dueEnd } : none, source: { line: TASK_LINES + i + 1 },
    })),
    warnings: [],
  };
  const plan = await db
    .insertInto('plans')
    .values({ code: p.code ?? `${n}/KH-UBND`, title: p.title ?? `Kế hoạch ${n}`, issuer: null, issued_on: null, owner_unit_id: p.ownerUnitId ?? null, parent_plan_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto('plan_versions')
    .values({ plan_id: plan.id, version_no: 1, content_hash: `hash-${n}`, source_name: null, status: 'published', draft: JSON.stringify(draft), published_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const targetIds: number[] = [];
  for (const [i, t] of (p.targets ?? []).entries()) {
    const row = await db
      .insertInto('targets')
      .values({
        code: t.code ?? `CT-${n}-${i + 1}`, plan_version_id: version.id, section_id: null, seq: i + 1, indicator_id: t.indicatorId ?? null,
        text: t.text ?? `Chỉ tiêu ${i + 1}`, measure: t.measure ?? '%', op: t.op ?? '>=', value: t.value === undefined ? 90 : t.value, goal_raw: null, baseline: null,
        scope_unit_id: t.scopeUnitId ?? null, scope_kind: null, start_on: null, due_on: t.dueOn ?? '2026-12-31', due_raw: null, basis: null, source_line: i + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    targetIds.push(row.id);
    if (t.leadUnitId) await db.insertInto('target_responsibilities').values({ target_id: row.id, role: 'lead', unit_id: t.leadUnitId, name: 'lead' }).execute();
  }
  const taskIds: number[] = [];
  for (const [i, t] of (p.tasks ?? []).entries()) {
    const row = await db
      .insertInto('tasks')
      .values({
        code: t.code ?? `NV-${n}-${i + 1}`, plan_version_id: version.id, section_id: null, seq: i + 1, title: t.title ?? `Nhiệm vụ ${i + 1}`,
        result: null, product: null, due_kind: 'date', due_start: null, due_end: t.dueEnd ?? null, due_raw: t.dueRaw ?? null,
        status: t.status ?? 'not_started', progress: t.progress ?? 0, source_line: TASK_LINES + i + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    taskIds.push(row.id);
    if (t.leadUnitId) await db.insertInto('task_responsibilities').values({ task_id: row.id, role: 'lead', unit_id: t.leadUnitId, name: 'lead' }).execute();
  }
  return { planId: plan.id, versionId: version.id, targetIds, taskIds };
}

/** A user with an e-mail address and one role over a unit. */
export async function createUser(db: Db, u: { unitId: number; role: Role; username?: string; email?: string | null; displayName?: string }): Promise<{ id: number; username: string }> {
  const username = u.username ?? `user${next()}`;
  const row = await db
    .insertInto('users')
    .values({ username, display_name: u.displayName ?? username, email: u.email === undefined ? `${username}@example.test` : u.email, password_hash: null, unit_id: u.unitId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: row.id, unit_id: u.unitId, role: u.role }).execute();
  return { id: row.id, username };
}

/** Many first versions at once (a simulated series), in chunks. */
export async function createObservations(
  db: Db,
  rows: readonly { indicatorId: number; unitId: number; period: string; value: number; source?: string }[],
): Promise<number> {
  const values = rows.map((o) => {
    const period = parsePeriod(o.period);
    if (!period) throw new Error(`bad period ${o.period}`);
    return {
      indicator_id: o.indicatorId, unit_id: o.unitId, period: period.code, period_start: period.start, period_end: period.end, version: 1, value: o.value,
      numerator: null, denominator: null, origin: 'system' as const, source: o.source ?? 'simulator', actor: 'test', note: null, evidence_url: null, reason: null, batch_id: null,
    };
  });
  for (let i = 0; i < values.length; i += 1000) await db.insertInto('observations').values(values.slice(i, i + 1000)).execute();
  return values.length;
}
