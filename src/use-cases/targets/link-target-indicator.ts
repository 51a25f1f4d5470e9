import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/database.ts';
import { ConflictError, InputError, NotFoundError, problem, type Problem } from '../../domain/errors.ts';
import { TARGET_OPS, type TargetOp } from '../../domain/evaluation/target-spec.ts';
import { publishObservationChanges, type ObservationChange } from '../../realtime/change-feed.ts';
import { findIndicatorByCode } from '../../repositories/indicators.repository.ts';
import {
  deleteTargets,
  insertTargets,
  memberTargetsOf,
  planTargetByCode,
  publishedVersionIdOf,
  rootUnit,
  unitsByCodes,
  unitsOfKind,
  updateMemberTargets,
  writeTargetLink,
  type NewTarget,
  type PlanTargetForLink,
  type UnitRef,
} from '../../repositories/targets.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findPlanByRef } from '../plans/find-plan.ts';
import { parseTargetLink, parseTargetLinkCsv, type ParsedTargetLink, type TargetLinkRequest } from './target-link-fields.ts';
import { message, type Message } from '../../domain/messages/message.ts';

export type { TargetLinkRequest } from './target-link-fields.ts';

export interface LinkOptions {
  /** Who links, for the audit log ("cli:<user>", "user:<name>"…). */
  actor: string;
  /**
   * Whether the caller may touch classified targets (the HTTP route decides from the principal's
   * rights; the CLI runs with the operator's). A classified target is "not found" otherwise.
   */
  mayLinkClassified?: boolean;
}

export interface TargetLinkResult {
  planId: number;
  target: string;
  indicator: string;
  /** The indicator the target was linked to before, when it was. */
  previousIndicator: string | null;
  /** linked: first link; replaced: an existing link changed (`replace`); unchanged: the same link again. */
  status: 'linked' | 'replaced' | 'unchanged';
  /** The scope: a unit code, or `*<kind>` for a set rolled up to the city. */
  unit: string;
  op: TargetOp;
  value: number;
  /** ISO date. */
  due: string;
  /** Member targets of a set (`<target>.<unit>`), created or kept in line. */
  members: string[];
}

/**
 * Links a target of a plan's published version to the indicator that measures it, so the target is
 * evaluated like any other from then on. Optional overrides: the goal (`op`/`value`, for a goal the
 * plan states qualitatively or not at all), the scope (a unit code, or a set `*commune` whose members
 * each get a target `<code>.<unit>` while the target itself becomes the city roll-up — as in
 * `importTargets`) and the due date when the plan gives none. A target linked to another indicator,
 * or with another goal or scope, is changed only with `replace: true`; the same link again is
 * "unchanged". Audited (before/after) in the transaction that writes it; the change is then
 * announced on the change feed so running servers re-evaluate the target in real time.
 *
 * @example
 * await linkTargetIndicator(ctx, { plan: '12/KH-UBND', target: 'T4', indicator: 'DEMO_HS_DUNG_HAN' }, { actor: 'cli:admin' });
 * // → { target: '1-T4', status: 'linked', unit: 'HN_P_VINH_TUY', op: '>=', value: 97, due: '2026-12-31', … }
 */
export async function linkTargetIndicator(ctx: AppContext, request: TargetLinkRequest, options: LinkOptions): Promise<TargetLinkResult> {
  const { link, problems } = parseTargetLink(request);
  if (!link) throw new InputError(message('target.invalid_target_link'), problems);
  const { result, changes } = await ctx.db.transaction().execute(async (trx) => {
    const planned = await planLink(trx, link, {}, options, 'single');
    if ('problems' in planned) throw new InputError(message('target.invalid_target_link'), planned.problems);
    return writeLink(trx, planned, options.actor, ctx.now());
  });
  await announce(ctx, changes);
  return result;
}

export interface TargetLinkImportSummary {
  linked: number;
  replaced: number;
  unchanged: number;
  results: TargetLinkResult[];
}

/**
 * Links targets from a CSV `plan,target,indicator,unit,op,value,due` (optional column `replace`),
 * all or nothing: every line is checked first and every problem is reported with its line and field.
 *
 * @example
 * await linkTargetIndicatorsFromCsv(ctx, 'plan,target,indicator,unit,op,value,due\n12/KH-UBND,T4,DEMO_HS_DUNG_HAN,,,,\n', { actor: 'cli:admin' });
 * // → { linked: 1, replaced: 0, unchanged: 0, results: [ … ] }
 */
export async function linkTargetIndicatorsFromCsv(ctx: AppContext, csvText: string, options: LinkOptions): Promise<TargetLinkImportSummary> {
  const { rows, problems } = parseTargetLinkCsv(csvText);
  // Lines that read well are still checked against the database, so one pass reports every problem.
  if (rows.length === 0) throw new InputError(message('target.invalid_target_links_file'), problems);
  const { summary, changes } = await ctx.db.transaction().execute(async (trx) => {
    const plans: PlannedLink[] = [];
    const all: Problem[] = [...problems];
    const targetLines = new Map<number, number>();
    for (const { line, link } of rows) {
      const planned = await planLink(trx, link, { line }, options, 'bulk');
      if ('problems' in planned) {
        all.push(...planned.problems);
        continue;
      }
      // The same target named two ways ("3-T4" and "T4") is still one target.
      const other = targetLines.get(planned.target.id);
      if (other !== undefined) all.push(problem({ line, field: 'target' }, message('target.already_linked_on_line', { code: planned.target.code, other })));
      targetLines.set(planned.target.id, line);
      plans.push(planned);
    }
    if (all.length) throw new InputError(message('target.invalid_target_links_file'), all.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
    const out: TargetLinkImportSummary = { linked: 0, replaced: 0, unchanged: 0, results: [] };
    const changes: ObservationChange[] = [];
    for (const p of plans) {
      const written = await writeLink(trx, p, options.actor, ctx.now());
      out[written.result.status]++;
      out.results.push(written.result);
      changes.push(...written.changes);
    }
    return { summary: out, changes };
  });
  await announce(ctx, changes);
  return summary;
}

interface PlannedLink {
  planId: number;
  target: PlanTargetForLink;
  indicator: { id: number; code: string };
  scope: { unit: UnitRef; kind: string; label: string };
  /** Members of a set scope (empty for a single unit). */
  members: UnitRef[];
  op: TargetOp;
  value: number;
  due: string;
  status: TargetLinkResult['status'];
}

const isNumericOp = (op: string): op is TargetOp => (TARGET_OPS as readonly string[]).includes(op);

/**
 * Resolves one link against the database and decides what it does; problems name the field. In
 * `single` mode an unknown plan or target is a NotFoundError and a link that would change another
 * without `replace` a ConflictError (HTTP 404/409); in `bulk` mode both are line problems.
 */
async function planLink(
  db: Kysely<Database>,
  link: ParsedTargetLink,
  where: Pick<Problem, 'line'>,
  options: LinkOptions,
  mode: 'single' | 'bulk',
): Promise<PlannedLink | { problems: Problem[] }> {
  const problems: Problem[] = [];
  const fail = (field: string, said: Message) => {
    problems.push(problem({ ...where, field }, said));
    return { problems };
  };
  let planId: number;
  try {
    planId = (await findPlanByRef(db, link.plan)).id;
  } catch (error) {
    if (mode === 'single' && error instanceof NotFoundError) throw error;
    if (error instanceof NotFoundError || error instanceof InputError) return fail('plan', error.said ?? message('plan.unknown', { plan: link.plan }));
    throw error;
  }
  const versionId = await publishedVersionIdOf(db, planId);
  if (versionId === null) return fail('plan', message('target.plan_has_no_published_version', { planId: String(planId) }));
  const target = (await planTargetByCode(db, versionId, link.target)) ?? (await planTargetByCode(db, versionId, `${planId}-${link.target}`));
  if (!target || (target.classified && options.mayLinkClassified === false)) {
    const said = message('target.not_in_published_version', { planId: String(planId), target: link.target });
    if (mode === 'single') throw new NotFoundError(said);
    return fail('target', said);
  }

  const indicator = await findIndicatorByCode(db, link.indicator);
  if (!indicator) fail('indicator', message('target.unknown_indicator', { indicator: link.indicator }));

  // The goal: the override, else what the plan states.
  const op = link.op ?? target.op;
  const value = link.value ?? target.value;
  if (!isNumericOp(op)) {
    fail('op', message('target.plan_s_goal_not_numeric', { value: target.goalRaw ?? target.op }));
  } else if (value === null) {
    fail('value', message('target.plan_states_no_goal_value'));
  }
  // The due date: the plan's; a given one only fills a gap, never changes what the plan says.
  if (link.due && target.dueOn && link.due !== target.dueOn) {
    fail('due', message('target.plan_already_sets_due_date', { viDate: viDate(target.dueOn) }));
  }
  const due = target.dueOn ?? link.due;
  if (!due) fail('due', message('target.plan_gives_no_due_date'));

  // The scope: the override, else the target's own (a ward's plan: the ward), else the city.
  let scope: PlannedLink['scope'] | null = null;
  let members: UnitRef[] = [];
  const root = await rootUnit(db);
  const unitRef = link.unit ?? (target.scopeKind?.startsWith('set:') ? { kind: target.scopeKind.slice(4) } : target.scopeUnitCode ? { code: target.scopeUnitCode } : null);
  if (unitRef === null) {
    if (root) scope = { unit: root, kind: 'unit', label: root.code };
    else fail('unit', message('target.unit_registry_empty'));
  } else if ('code' in unitRef) {
    const unit = (await unitsByCodes(db, [unitRef.code])).get(unitRef.code);
    if (unit) scope = { unit, kind: 'unit', label: unit.code };
    else fail('unit', message('target.unknown_unit', { unitRefCode: unitRef.code }));
  } else if (!root) {
    fail('unit', message('target.no_root_unit_to_roll'));
  } else if (due) {
    members = await unitsOfKind(db, unitRef.kind, due);
    if (members.length === 0) fail('unit', message('target.no_unit_of_kind', { kind: unitRef.kind }));
    else scope = { unit: root, kind: `set:${unitRef.kind}`, label: `*${unitRef.kind}` };
  }
  if (problems.length || !indicator || !scope || !due || !isNumericOp(op) || value === null) return { problems };

  const same = target.indicatorId === indicator.id && target.op === op && target.value === value && target.dueOn === due
    && target.scopeUnitId === scope.unit.id && (target.scopeKind ?? 'unit') === scope.kind;
  const status: TargetLinkResult['status'] = target.indicatorId === null ? 'linked' : same ? 'unchanged' : 'replaced';
  if (status === 'replaced' && !link.replace) {
    const said = target.indicatorId !== indicator.id
      ? message('target.linked_to_other_indicator', { target: target.code, indicator: target.indicatorCode ?? '' })
      : message('target.linked_otherwise', { target: target.code });
    if (mode === 'single') throw new ConflictError(said);
    return fail('indicator', said);
  }
  return { planId, target, indicator: { id: indicator.id, code: indicator.code }, scope, members, op, value, due, status };
}

/** Writes a planned link with its audit entry; returns the cells whose targets changed, to announce. */
async function writeLink(trx: Kysely<Database>, p: PlannedLink, actor: string, at: Date): Promise<{ result: TargetLinkResult; changes: ObservationChange[] }> {
  const existingMembers = await memberTargetsOf(trx, p.target.code);
  const result: TargetLinkResult = {
    planId: p.planId, target: p.target.code, indicator: p.indicator.code, previousIndicator: p.target.indicatorCode, status: p.status,
    unit: p.scope.label, op: p.op, value: p.value, due: p.due, members: p.members.map((m) => `${p.target.code}.${m.code}`),
  };
  if (p.status === 'unchanged') return { result, changes: [] };

  await writeTargetLink(trx, p.target.id, { indicatorId: p.indicator.id, op: p.op, value: p.value, dueOn: p.due, scopeUnitId: p.scope.unit.id, scopeKind: p.scope.kind });
  const wanted = new Map(p.members.map((m) => [`${p.target.code}.${m.code}`, m]));
  const kept = existingMembers.filter((m) => wanted.has(m.code));
  const dropped = existingMembers.filter((m) => !wanted.has(m.code));
  const keptCodes = new Set(kept.map((m) => m.code));
  await updateMemberTargets(trx, kept.map((m) => m.id), { indicatorId: p.indicator.id, op: p.op, value: p.value, dueOn: p.due });
  await deleteTargets(trx, dropped.map((m) => m.id));
  const fresh: NewTarget[] = p.members
    .filter((m) => !keptCodes.has(`${p.target.code}.${m.code}`))
    .map((m) => ({
      code: `${p.target.code}.${m.code}`, indicatorId: p.indicator.id, text: `${p.target.text} — ${m.code}`, measure: null, op: p.op, value: p.value,
      baseline: null, scopeUnitId: m.id, scopeKind: 'unit', startOn: p.target.startOn, dueOn: p.due, dueRaw: null, sourceLine: null, planVersionId: null,
      // Each ward's share of a set target is as important as the set (the behind ranking reads the members).
      weight: p.target.weight,
    }));
  await insertTargets(trx, fresh);

  await recordAudit(trx, {
    actor,
    action: p.status === 'linked' ? 'link' : 'relink',
    entity: 'target',
    entityId: p.target.id,
    before: {
      code: p.target.code, indicator: p.target.indicatorCode, op: p.target.op, value: p.target.value, due: p.target.dueOn,
      unit: p.target.scopeKind?.startsWith('set:') ? `*${p.target.scopeKind.slice(4)}` : p.target.scopeUnitCode, members: existingMembers.map((m) => m.code),
    },
    after: { code: p.target.code, indicator: p.indicator.code, op: p.op, value: p.value, due: p.due, unit: p.scope.label, members: result.members },
    at,
  });
  const month = at.toISOString().slice(0, 7);
  const changes = [p.scope.unit, ...p.members].map((u) => ({ indicator: p.indicator.code, unit: u.code, period: month }));
  return { result, changes };
}

/**
 * Tells running servers that these cells' targets changed: the realtime engine re-reads the
 * targets on a changed cell at every change, so announcing the linked cell makes it evaluate the
 * newly linked target (and store its status snapshot) right away rather than at the next observation.
 */
async function announce(ctx: AppContext, changes: ObservationChange[]): Promise<void> {
  if (changes.length) await publishObservationChanges(ctx.db, changes);
}

function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
