import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { TARGET_OPS, type TargetOp } from '../domain/evaluation/target-spec.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface UnitRef {
  id: number;
  code: string;
  kind: string;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export async function unitsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, UnitRef>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code', 'kind', 'parent_id', 'valid_from', 'valid_to']).where('code', 'in', [...codes]).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, code: r.code, kind: r.kind, parentId: r.parent_id, validFrom: r.valid_from, validTo: r.valid_to }]));
}

/** Units of a kind still standing on `date` (the members of a set such as "every ward"), by code. */
export async function unitsOfKind(db: Db, kind: string, date: string): Promise<UnitRef[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code', 'kind', 'parent_id', 'valid_from', 'valid_to'])
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', date)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('unit_successions as s').select('s.predecessor_id').whereRef('s.predecessor_id', '=', 'units.id').where('s.effective_on', '<=', date))))
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, parentId: r.parent_id, validFrom: r.valid_from, validTo: r.valid_to }));
}

/** The root of the tree (the city), where a set's roll-up target lives. */
export async function rootUnit(db: Db): Promise<UnitRef | null> {
  const r = await db.selectFrom('units').select(['id', 'code', 'kind', 'parent_id', 'valid_from', 'valid_to']).where('parent_id', 'is', null).where('kind', '=', 'city').orderBy('id').executeTakeFirst();
  return r ? { id: r.id, code: r.code, kind: r.kind, parentId: r.parent_id, validFrom: r.valid_from, validTo: r.valid_to } : null;
}

export interface NewTarget {
  code: string;
  indicatorId: number;
  text: string;
  measure: string | null;
  op: TargetOp;
  value: number;
  baseline: number | null;
  scopeUnitId: number;
  scopeKind: string;
  startOn: string | null;
  dueOn: string;
  dueRaw: string | null;
  sourceLine: number | null;
  planVersionId?: number | null;
  /** Importance in the behind ranking; 1 when absent (a set's members take the set's). */
  weight?: number;
}

export interface ExistingTarget {
  code: string;
  indicatorId: number | null;
  op: string;
  value: number | null;
  baseline: number | null;
  scopeUnitId: number | null;
  startOn: string | null;
  dueOn: string | null;
}

export async function targetsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, ExistingTarget>> {
  const out = new Map<string, ExistingTarget>();
  for (let i = 0; i < codes.length; i += 1000) {
    const chunk = codes.slice(i, i + 1000);
    const rows = await db
      .selectFrom('targets')
      .select(['code', 'indicator_id', 'op', 'value', 'baseline', 'scope_unit_id', 'start_on', 'due_on'])
      .where('code', 'in', chunk)
      .execute();
    for (const r of rows) {
      out.set(r.code, { code: r.code, indicatorId: r.indicator_id, op: r.op, value: r.value, baseline: r.baseline, scopeUnitId: r.scope_unit_id, startOn: r.start_on, dueOn: r.due_on });
    }
  }
  return out;
}

/** Inserts targets, each with its scope unit as the lead responsible unit. */
export async function insertTargets(trx: Db, targets: readonly NewTarget[]): Promise<number> {
  for (let i = 0; i < targets.length; i += 500) {
    const chunk = targets.slice(i, i + 500);
    const rows = await trx
      .insertInto('targets')
      .values(chunk.map((t) => ({
        code: t.code, indicator_id: t.indicatorId, text: t.text, measure: t.measure, op: t.op, value: t.value, baseline: t.baseline,
        scope_unit_id: t.scopeUnitId, scope_kind: t.scopeKind, start_on: t.startOn, due_on: t.dueOn, due_raw: t.dueRaw,
        source_line: t.sourceLine, plan_version_id: t.planVersionId ?? null, weight: t.weight ?? 1,
      })))
      .returning(['id', 'scope_unit_id'])
      .execute();
    const units = await trx.selectFrom('units').select(['id', 'name']).where('id', 'in', rows.map((r) => r.scope_unit_id!)).execute();
    const names = new Map(units.map((u) => [u.id, u.name]));
    await trx
      .insertInto('target_responsibilities')
      .values(rows.map((r) => ({ target_id: r.id, role: 'lead' as const, unit_id: r.scope_unit_id, name: names.get(r.scope_unit_id!) ?? '' })))
      .execute();
  }
  return targets.length;
}

/** A target as the evaluator needs it. */
export interface TargetForEvaluation {
  id: number;
  code: string;
  indicatorId: number;
  indicatorCode: string;
  measure: string | null;
  op: TargetOp;
  value: number;
  baseline: number | null;
  startOn: string | null;
  dueOn: string;
  scopeUnitId: number;
  scopeUnitCode: string;
  scopeKind: string | null;
  /** Code of the lead unit (falls back to the scope unit). */
  responsibleUnitCode: string;
  planId: number | null;
  classified: boolean;
  /** Importance in the "behind" ranking (1 = ordinary). */
  weight: number;
}

/** The code of a target's first lead unit, as a correlated subquery on `t`. */
function leadUnitCode(eb: ExpressionBuilder<Database & { t: Database['targets'] }, 't'>) {
  return eb
    .selectFrom('target_responsibilities as r')
    .innerJoin('units as ru', 'ru.id', 'r.unit_id')
    .select('ru.code')
    .whereRef('r.target_id', '=', 't.id')
    .where('r.role', '=', 'lead')
    .orderBy('r.id')
    .limit(1);
}

/**
 * Every target that can be evaluated numerically: an indicator, a comparator among `>= > <= < =`,
 * a goal and a due date. Filters: scope units among `unitIds`, or from plan `planId`.
 */
export async function targetsForEvaluation(db: Db, filter: { unitIds?: number[]; planId?: number } = {}): Promise<TargetForEvaluation[]> {
  let q = db
    .selectFrom('targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .innerJoin('units as u', 'u.id', 't.scope_unit_id')
    .leftJoin('plan_versions as pv', 'pv.id', 't.plan_version_id')
    .select([
      't.id', 't.code', 't.indicator_id', 'i.code as indicator_code', 'i.measure as indicator_measure', 't.measure', 't.op', 't.value',
      't.baseline', 't.start_on', 't.due_on', 't.scope_unit_id', 'u.code as scope_code', 't.scope_kind', 'pv.plan_id', 't.classified', 't.weight',
    ])
    .select((eb) => leadUnitCode(eb).as('lead_code'))
    .where('t.op', 'in', [...TARGET_OPS])
    .where('t.value', 'is not', null)
    .where('t.due_on', 'is not', null);
  if (filter.unitIds) {
    if (filter.unitIds.length === 0) return [];
    q = q.where('t.scope_unit_id', 'in', filter.unitIds);
  }
  if (filter.planId !== undefined) q = q.where('pv.plan_id', '=', filter.planId);
  const rows = await q.orderBy('t.code').execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, indicatorId: r.indicator_id!, indicatorCode: r.indicator_code, measure: r.measure ?? r.indicator_measure,
    op: r.op as TargetOp, value: r.value!, baseline: r.baseline, startOn: r.start_on, dueOn: r.due_on!, scopeUnitId: r.scope_unit_id!,
    scopeUnitCode: r.scope_code, scopeKind: r.scope_kind, responsibleUnitCode: r.lead_code ?? r.scope_code, planId: r.plan_id ?? null,
    classified: r.classified, weight: Number(r.weight),
  }));
}

/** A target that cannot be evaluated numerically yet: no indicator, a qualitative goal, or no due date. */
export interface UntrackedTarget {
  id: number;
  code: string;
  op: string;
  value: number | null;
  dueOn: string | null;
  scopeUnitCode: string | null;
  responsibleUnitCode: string | null;
  hasIndicator: boolean;
  planId: number | null;
  classified: boolean;
  weight: number;
  /** What the goal counts ("%", "doanh nghiệp"), as the plan wrote it. */
  measure: string | null;
}

export async function untrackedTargets(db: Db, filter: { unitIds?: number[]; planId?: number } = {}): Promise<UntrackedTarget[]> {
  let q = db
    .selectFrom('targets as t')
    .leftJoin('units as u', 'u.id', 't.scope_unit_id')
    .leftJoin('plan_versions as pv', 'pv.id', 't.plan_version_id')
    .select(['t.id', 't.code', 't.op', 't.value', 't.due_on', 't.indicator_id', 'u.code as scope_code', 'pv.plan_id', 't.classified', 't.weight', 't.measure'])
    .select((eb) => leadUnitCode(eb).as('lead_code'))
    .where((eb) => eb.or([
      eb('t.indicator_id', 'is', null),
      eb('t.op', 'not in', [...TARGET_OPS]),
      eb('t.value', 'is', null),
      eb('t.due_on', 'is', null),
    ]));
  if (filter.unitIds) {
    if (filter.unitIds.length === 0) return [];
    q = q.where((eb) => eb.or([
      eb('t.scope_unit_id', 'in', filter.unitIds!),
      eb.exists(eb.selectFrom('target_responsibilities as r2').select('r2.id').whereRef('r2.target_id', '=', 't.id').where('r2.unit_id', 'in', filter.unitIds!)),
    ]));
  }
  if (filter.planId !== undefined) q = q.where('pv.plan_id', '=', filter.planId);
  const rows = await q.orderBy('t.code').execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, op: r.op, value: r.value, dueOn: r.due_on, scopeUnitCode: r.scope_code, responsibleUnitCode: r.lead_code ?? r.scope_code,
    hasIndicator: r.indicator_id !== null, planId: r.plan_id ?? null, classified: r.classified, weight: Number(r.weight), measure: r.measure,
  }));
}

// ── Linking a plan's target to an indicator ──

/** A target of a plan's published version, with what a link reads and may change. */
export interface PlanTargetForLink {
  id: number;
  code: string;
  planVersionId: number;
  text: string;
  indicatorId: number | null;
  indicatorCode: string | null;
  op: string;
  value: number | null;
  goalRaw: string | null;
  scopeUnitId: number | null;
  scopeUnitCode: string | null;
  scopeKind: string | null;
  startOn: string | null;
  dueOn: string | null;
  classified: boolean;
  weight: number;
}

/** The id of the plan's published version, null when none is published. */
export async function publishedVersionIdOf(db: Db, planId: number): Promise<number | null> {
  const row = await db.selectFrom('plan_versions').select('id').where('plan_id', '=', planId).where('status', '=', 'published').orderBy('version_no', 'desc').executeTakeFirst();
  return row?.id ?? null;
}

/** A target of one plan version by its code, null when that version has no such target. */
export async function planTargetByCode(db: Db, versionId: number, code: string): Promise<PlanTargetForLink | null> {
  const r = await db
    .selectFrom('targets as t')
    .leftJoin('indicators as i', 'i.id', 't.indicator_id')
    .leftJoin('units as u', 'u.id', 't.scope_unit_id')
    .select([
      't.id', 't.code', 't.plan_version_id', 't.text', 't.indicator_id', 'i.code as indicator_code', 't.op', 't.value', 't.goal_raw',
      't.scope_unit_id', 'u.code as scope_code', 't.scope_kind', 't.start_on', 't.due_on', 't.classified', 't.weight',
    ])
    .where('t.plan_version_id', '=', versionId)
    .where('t.code', '=', code)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id, code: r.code, planVersionId: r.plan_version_id!, text: r.text, indicatorId: r.indicator_id, indicatorCode: r.indicator_code,
    op: r.op, value: r.value === null ? null : Number(r.value), goalRaw: r.goal_raw, scopeUnitId: r.scope_unit_id, scopeUnitCode: r.scope_code,
    scopeKind: r.scope_kind, startOn: r.start_on, dueOn: r.due_on, classified: r.classified, weight: Number(r.weight),
  };
}

export interface TargetLinkValues {
  indicatorId: number;
  op: TargetOp;
  value: number;
  dueOn: string;
  scopeUnitId: number;
  scopeKind: string;
}

/** Points a target at an indicator, with the goal, due date and scope it is measured by. */
export async function writeTargetLink(trx: Db, targetId: number, link: TargetLinkValues): Promise<void> {
  await trx
    .updateTable('targets')
    .set({ indicator_id: link.indicatorId, op: link.op, value: link.value, due_on: link.dueOn, scope_unit_id: link.scopeUnitId, scope_kind: link.scopeKind })
    .where('id', '=', targetId)
    .execute();
}

/** The member targets (`<code>.<unit>`, outside any plan version) a set-scoped target was split into. */
export async function memberTargetsOf(db: Db, code: string): Promise<{ id: number; code: string; scopeUnitId: number | null }[]> {
  const prefix = `${code}.`;
  const rows = await db
    .selectFrom('targets')
    .select(['id', 'code', 'scope_unit_id'])
    .where('code', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .where('plan_version_id', 'is', null)
    .orderBy('code')
    .execute();
  return rows.filter((r) => r.code.startsWith(prefix) && !r.code.slice(prefix.length).includes('.')).map((r) => ({ id: r.id, code: r.code, scopeUnitId: r.scope_unit_id }));
}

/** Brings existing member targets in line with their set's link (their own unit stays). */
export async function updateMemberTargets(trx: Db, ids: readonly number[], link: Omit<TargetLinkValues, 'scopeUnitId' | 'scopeKind'>): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('targets').set({ indicator_id: link.indicatorId, op: link.op, value: link.value, due_on: link.dueOn }).where('id', 'in', [...ids]).execute();
}

/**
 * Removes member targets a set no longer has (the link moved to another set or a single unit);
 * their responsibilities, status snapshots and alerts go with them (cascade).
 */
export async function deleteTargets(trx: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('targets').where('id', 'in', [...ids]).execute();
}

/** What recording a typed figure needs of a target: how it is measured now, and whether it is classified. */
export interface TargetForManualFigure {
  id: number;
  code: string;
  text: string;
  measure: string | null;
  op: string;
  indicatorId: number | null;
  indicatorCode: string | null;
  scopeUnitId: number | null;
  classified: boolean;
}

export async function targetsForManualFigures(db: Db, ids: readonly number[]): Promise<Map<number, TargetForManualFigure>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('targets as t')
    .leftJoin('indicators as i', 'i.id', 't.indicator_id')
    .select(['t.id', 't.code', 't.text', 't.measure', 't.op', 't.indicator_id', 'i.code as indicator_code', 't.scope_unit_id', 't.classified'])
    .where('t.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, {
    id: r.id, code: r.code, text: r.text, measure: r.measure, op: r.op, indicatorId: r.indicator_id, indicatorCode: r.indicator_code,
    scopeUnitId: r.scope_unit_id, classified: r.classified,
  }]));
}

/** Makes a target measured by an indicator on a unit (a target-scoped manual indicator, for one no system measures). */
export async function measureTargetBy(trx: Db, targetId: number, indicatorId: number, scopeUnitId: number): Promise<void> {
  await trx.updateTable('targets').set({ indicator_id: indicatorId, scope_unit_id: scopeUnitId }).where('id', '=', targetId).execute();
}

export async function targetIdByCode(db: Db, code: string): Promise<number | null> {
  const row = await db.selectFrom('targets').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

/** A target found by its code for editing its weight: its unit (to check rights) and mark. */
export async function targetForWeight(db: Db, code: string): Promise<{ id: number; code: string; weight: number; scopeUnitCode: string | null; classified: boolean } | null> {
  const r = await db
    .selectFrom('targets as t')
    .leftJoin('units as u', 'u.id', 't.scope_unit_id')
    .select(['t.id', 't.code', 't.weight', 'u.code as scope_code', 't.classified'])
    .where('t.code', '=', code)
    .executeTakeFirst();
  return r ? { id: r.id, code: r.code, weight: Number(r.weight), scopeUnitCode: r.scope_code, classified: r.classified } : null;
}

/**
 * Sets targets' importance weights by id; a set target's members (`<code>.<unit>`) take the weight
 * of the set when `withMembers` names its code. Returns how many rows changed.
 */
export async function setTargetWeights(db: Db, weights: readonly { id: number; weight: number; withMembers?: string }[]): Promise<number> {
  let changed = 0;
  for (const w of weights) {
    const r = await db
      .updateTable('targets')
      .set({ weight: w.weight })
      .where((eb) => eb.or([
        eb('id', '=', w.id),
        ...(w.withMembers ? [eb(eb.fn('left', ['code', eb.val(w.withMembers.length + 1)]), '=', `${w.withMembers}.`)] : []),
      ]))
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  return changed;
}
