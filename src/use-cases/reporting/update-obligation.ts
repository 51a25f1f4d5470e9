import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, problem, type Problem } from '../../domain/errors.ts';
import { REPORTING_CYCLES, type ReportingCycle } from '../../domain/reporting/cycles.ts';
import { findObligation, findUnitByCode, updateObligation, type ObligationChanges, type ObligationRow } from '../../repositories/reporting.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export interface ObligationEdit {
  recipient?: string | null;
  cycle?: ReportingCycle;
  dueDay?: number | null;
  dueOn?: string | null;
  title?: string | null;
  targetIds?: number[];
  taskIds?: number[];
  active?: boolean;
}

/**
 * Edits an obligation (recipient, cycle, due day or date, content, active), audited.
 *
 * @example await updateObligationTerms(ctx, 4, { dueDay: 17 }, 'user:lan');
 */
export async function updateObligationTerms(ctx: AppContext, id: number, edit: ObligationEdit, actor: string): Promise<ObligationRow> {
  const problems: Problem[] = [];
  if (edit.cycle !== undefined && !REPORTING_CYCLES.includes(edit.cycle)) problems.push(problem({ field: 'cycle' }, message('report.unknown_cycle', { cycle: String(edit.cycle) })));
  if (edit.dueDay !== undefined && edit.dueDay !== null && (!Number.isInteger(edit.dueDay) || edit.dueDay < 1 || edit.dueDay > 31)) {
    problems.push(problem({ field: 'dueDay' }, message('report.due_day_must')));
  }
  if (edit.dueOn !== undefined && edit.dueOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(edit.dueOn)) problems.push(problem({ field: 'dueOn' }, message('report.date_must_yyyy_mm_dd')));
  if (problems.length) throw new InputError(message('report.invalid_obligation'), problems);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findObligation(trx, id);
    if (!before) throw new NotFoundError(message('report.obligation_not_found', { id: String(id) }));
    const changes: ObligationChanges = {};
    if (edit.recipient !== undefined) {
      if (edit.recipient === null) changes.recipientUnitId = null;
      else {
        const unit = await findUnitByCode(trx, edit.recipient);
        if (!unit) throw new InputError(message('report.unknown_recipient'), [{ field: 'recipient', message: edit.recipient }]);
        changes.recipientUnitId = unit.id;
      }
    }
    if (edit.cycle !== undefined) changes.cycle = edit.cycle;
    if (edit.dueDay !== undefined) changes.dueDay = edit.dueDay;
    if (edit.dueOn !== undefined) changes.dueOn = edit.dueOn;
    if (edit.title !== undefined) changes.title = edit.title?.normalize('NFC') ?? null;
    if (edit.active !== undefined) changes.active = edit.active;
    if (edit.targetIds !== undefined || edit.taskIds !== undefined) {
      changes.scope = { targetIds: edit.targetIds ?? before.scope.targetIds, taskIds: edit.taskIds ?? before.scope.taskIds };
    }
    if ((changes.cycle ?? before.cycle) === 'ad_hoc' && (changes.dueOn ?? before.dueOn) === null) {
      throw new InputError(message('report.ad_hoc_report_needs_due'), [{ field: 'dueOn', message: 'required for ad_hoc' }]);
    }
    await updateObligation(trx, id, changes, ctx.now());
    const after = await findObligation(trx, id);
    if (!after) throw new NotFoundError(`obligation ${id}`);
    await recordAudit(trx, { actor, action: 'update', entity: 'reporting_obligation', entityId: id, before, after, at: ctx.now() });
    return after;
  });
}
