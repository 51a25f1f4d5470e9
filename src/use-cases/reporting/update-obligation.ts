import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, type Problem } from '../../domain/errors.ts';
import { REPORTING_CYCLES, type ReportingCycle } from '../../domain/reporting/cycles.ts';
import { findObligation, findUnitByCode, updateObligation, type ObligationChanges, type ObligationRow } from '../../repositories/reporting.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';

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
  if (edit.cycle !== undefined && !REPORTING_CYCLES.includes(edit.cycle)) problems.push({ field: 'cycle', message: `chu kỳ không hợp lệ / unknown cycle "${String(edit.cycle)}"` });
  if (edit.dueDay !== undefined && edit.dueDay !== null && (!Number.isInteger(edit.dueDay) || edit.dueDay < 1 || edit.dueDay > 31)) {
    problems.push({ field: 'dueDay', message: 'ngày hạn phải từ 1 đến 31 / due day must be 1–31' });
  }
  if (edit.dueOn !== undefined && edit.dueOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(edit.dueOn)) problems.push({ field: 'dueOn', message: 'ngày phải dạng yyyy-mm-dd / date must be yyyy-mm-dd' });
  if (problems.length) throw new InputError('Nghĩa vụ báo cáo không hợp lệ / invalid obligation', problems);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findObligation(trx, id);
    if (!before) throw new NotFoundError(`Không có nghĩa vụ báo cáo ${id} / obligation not found`);
    const changes: ObligationChanges = {};
    if (edit.recipient !== undefined) {
      if (edit.recipient === null) changes.recipientUnitId = null;
      else {
        const unit = await findUnitByCode(trx, edit.recipient);
        if (!unit) throw new InputError('Đơn vị nhận không tồn tại / unknown recipient', [{ field: 'recipient', message: edit.recipient }]);
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
      throw new InputError('Báo cáo đột xuất cần ngày hạn / an ad hoc report needs a due date', [{ field: 'dueOn', message: 'required for ad_hoc' }]);
    }
    await updateObligation(trx, id, changes, ctx.now());
    const after = await findObligation(trx, id);
    if (!after) throw new NotFoundError(`obligation ${id}`);
    await recordAudit(trx, { actor, action: 'update', entity: 'reporting_obligation', entityId: id, before, after, at: ctx.now() });
    return after;
  });
}
