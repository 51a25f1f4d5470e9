import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, NotFoundError, problem, type Problem } from '../../domain/errors.ts';
import { TARGET_OPS } from '../../domain/evaluation/target-spec.ts';
import { targetWeightProblem } from '../../domain/evaluation/target-weight.ts';
import { parseDeadline } from '../../domain/plans/deadline.ts';
import { parseGoal } from '../../domain/plans/goal.ts';
import type { DraftTarget, DraftTask, DraftUnit } from '../../importers/draft.ts';
import { findIndicatorByCode } from '../../repositories/indicators.repository.ts';
import { findVersion, lockVersion, updateVersionDraft, versionDraft } from '../../repositories/plans.repository.ts';
import { findRegistryUnit } from '../../repositories/units.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message, type Message } from '../../domain/messages/message.ts';

/** What an administrator may correct on one extracted item; absent fields stay as extracted. */
export interface DraftItemChanges {
  /** The target's wording or the task's title. */
  text?: string;
  /** The goal as written ("≥ 95%"): parsed as the importer parses it. Targets only. */
  goal?: string;
  measure?: string | null;
  /** The deadline as written: dd/mm/yyyy, "Quý II/2026", "Thường xuyên"… */
  due?: string;
  /** Registry codes of the lead and coordinating units. */
  lead?: string[];
  partners?: string[];
  /** An indicator code, or null to unlink. Targets only; set on the target when the version is published. */
  indicator?: string | null;
  /** Importance in the "behind" ranking, 0 < weight ≤ 10. Targets only; set on the target when published. */
  weight?: number;
}

export interface EditDraftItemInput {
  planId: number;
  versionNo: number;
  kind: 'targets' | 'tasks';
  /** 0-based position of the item in the draft's list. */
  index: number;
  changes: DraftItemChanges;
  actor: string;
}

/**
 * Corrects one item of a stored draft version before it is published: each field is checked as the
 * importer would read it, and every problem names the item and field (`targets[3].due`); nothing is
 * stored unless all are right. Only a draft version changes (a published one is history: 409).
 * Audited with the fields before and after. Drafts are never read by evaluation, alerts or the
 * overview: only publishing turns them into targets and tasks.
 *
 * @example
 * await editDraftItem(ctx, { planId: 3, versionNo: 1, kind: 'targets', index: 0, changes: { due: '31/12/2026', indicator: 'DVC_TT' }, actor: 'user:admin' });
 */
export async function editDraftItem(ctx: AppContext, input: EditDraftItemInput): Promise<DraftTarget | DraftTask> {
  const at = `${input.kind}[${input.index}]`;
  return ctx.db.transaction().execute(async (trx) => {
    const version = await findVersion(trx, input.planId, input.versionNo);
    if (!version) throw new NotFoundError(message('plan.no_such_version', { planId: String(input.planId), versionNo: input.versionNo }));
    await lockVersion(trx, version.id);
    if (version.status !== 'draft') throw new ConflictError(message('plan.version_only_draft_can_corrected', { versionNo: input.versionNo, status: version.status }));
    const draft = await versionDraft(trx, version.id);
    const list: (DraftTarget | DraftTask)[] = input.kind === 'targets' ? draft.targets : draft.tasks;
    const item = list[input.index];
    if (!item) throw new NotFoundError(message('plan.no_such_item', { at }));
    const before = structuredClone(item);
    const problems: Problem[] = [];
    const fail = (field: string, said: Message) => problems.push(problem({ field: `${at}.${field}` }, said));
    const c = input.changes;
    const isTarget = input.kind === 'targets';
    const target = item as DraftTarget;
    const edited = new Set(item.edited ?? []);

    if (c.text !== undefined) {
      const text = c.text.normalize('NFC').trim();
      if (!text) fail(isTarget ? 'text' : 'title', message('plan.required'));
      else if (isTarget) target.text = text;
      else (item as DraftTask).title = text;
      edited.add(isTarget ? 'text' : 'title');
    }
    if (c.goal !== undefined) {
      if (!isTarget) fail('goal', message('plan.task_has_no_goal'));
      else {
        const parsed = parseGoal(c.goal.normalize('NFC'));
        if (parsed.op === 'qualitative' && /\d/.test(c.goal)) fail('goal', message('plan.unreadable_goal', { goal: c.goal }));
        target.goal = { op: parsed.op, value: parsed.value, raw: c.goal.normalize('NFC').trim(), ...(parsed.max !== undefined ? { max: parsed.max } : {}) };
        if (parsed.measure && c.measure === undefined) target.measure = parsed.measure;
        edited.add('goal');
      }
    }
    if (c.measure !== undefined && isTarget) {
      target.measure = c.measure?.normalize('NFC').trim() || null;
      edited.add('measure');
    }
    if (c.due !== undefined) {
      const planYear = draft.plan.issuedOn ? Number(draft.plan.issuedOn.slice(0, 4)) : null;
      const parsed = parseDeadline(c.due.normalize('NFC'), { planYear });
      if (!parsed) fail('due', message('plan.unreadable_due_date', { due: c.due }));
      else {
        item.due = { raw: parsed.raw, kind: parsed.kind, start: parsed.start, end: parsed.end };
        edited.add('due');
      }
    }
    for (const role of ['lead', 'partners'] as const) {
      const codes = c[role];
      if (codes === undefined) continue;
      const units: DraftUnit[] = [];
      for (const code of codes) {
        const unit = await findRegistryUnit(trx, code.trim());
        if (!unit) fail(role, message('plan.unknown_unit', { code }));
        else units.push({ name: unit.name, code: unit.code, collective: false });
      }
      item[role] = units;
      edited.add(role);
    }
    if (c.indicator !== undefined) {
      if (!isTarget) fail('indicator', message('plan.only_targets_take_indicator'));
      else if (c.indicator === null) target.indicator = null;
      else {
        const indicator = await findIndicatorByCode(trx, c.indicator.trim());
        if (!indicator) fail('indicator', message('target.unknown_indicator', { indicator: c.indicator }));
        else target.indicator = indicator.code;
      }
      edited.add('indicator');
    }
    if (c.weight !== undefined) {
      const said = targetWeightProblem(c.weight);
      if (!isTarget) fail('weight', message('plan.only_targets_take_weight'));
      else if (said) fail('weight', said);
      else target.weight = c.weight;
      edited.add('weight');
    }
    // A linked target is evaluated: it needs a measurable goal and a due date.
    if (isTarget && target.indicator) {
      if (!(TARGET_OPS as readonly string[]).includes(target.goal.op) || target.goal.value === null) fail('goal', message('plan.linked_target_needs_numeric_goal'));
      if (!target.due.end) fail('due', message('plan.linked_target_needs_due_date'));
    }
    if (problems.length) throw new InputError(message('plan.invalid_correction', { at }), problems);
    item.edited = [...edited].sort();
    await updateVersionDraft(trx, version.id, draft);
    await recordAudit(trx, {
      actor: input.actor, action: 'edit_draft', entity: 'plan_version', entityId: version.id,
      before: { item: at, ...pick(before, Object.keys(c)) }, after: { item: at, ...pick(item, Object.keys(c)) }, at: ctx.now(),
    });
    return item;
  });
}

function pick(item: DraftTarget | DraftTask, keys: string[]): Record<string, unknown> {
  const record = item as unknown as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, k === 'text' && !('text' in record) ? record.title : record[k] ?? null]));
}
