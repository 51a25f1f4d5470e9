import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, NotFoundError, problem, type Problem } from '../../domain/errors.ts';
import { message } from '../../domain/messages/message.ts';
import { applyEdits, type ReportContent, type ReportEdits } from '../../domain/reporting/report-content.ts';
import { nextStatus } from '../../domain/reporting/submission-state.ts';
import { formatDateTimeVi } from '../../domain/reporting/vietnamese-format.ts';
import { insertReportEvent, lockSubmission, updateSubmission, type SubmissionRow } from '../../repositories/reporting.repository.ts';

const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'];

/**
 * The unit's part of a report: confirms figures, updates task progress and evidence, writes
 * difficulties and proposals. Only a draft or returned report can change; bad input changes nothing.
 * `basedOn`: when the editor read the report (its `updatedAt`). A form sends every line it shows, so
 * if someone saved the report since, storing this one would silently put back what they changed:
 * nothing is stored then (ConflictError), and the editor chooses to load theirs or save anyway.
 *
 * @example
 * await editSubmission(ctx, 12, { tasks: [{ taskId: 7, progress: 60 }], difficulties: 'Thiếu kinh phí' }, 'user:lan');
 */
export async function editSubmission(ctx: AppContext, submissionId: number, edits: ReportEdits, actor: string, options: { basedOn?: string } = {}): Promise<SubmissionRow> {
  const problems: Problem[] = [];
  (edits.tasks ?? []).forEach((t, i) => {
    if (t.progress !== undefined && (!Number.isFinite(t.progress) || t.progress < 0 || t.progress > 100)) {
      problems.push(problem({ index: i, field: 'tasks.progress' }, message('report.progress_out_of_range')));
    }
    if (t.status !== undefined && !TASK_STATUSES.includes(t.status)) problems.push(problem({ index: i, field: 'tasks.status' }, message('report.task_status_unknown', { status: t.status })));
  });
  (edits.targets ?? []).forEach((t, i) => {
    if (t.manual && !Number.isFinite(t.manual.value)) {
      problems.push(problem({ index: i, field: 'targets.manual.value' }, message('report.figure_invalid')));
    }
    if (t.manual && t.noDataReason?.trim()) {
      problems.push(problem({ index: i, field: 'targets.noDataReason' }, message('report.figure_and_no_data')));
    }
  });
  if (problems.length) throw new InputError(message('report.edits_invalid'), problems);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await lockSubmission(trx, submissionId);
    if (!current) throw new NotFoundError(message('report.not_found', { id: submissionId }));
    nextStatus(current, 'edit');
    if (options.basedOn !== undefined && Date.parse(options.basedOn) !== current.updatedAt.getTime()) {
      throw new ConflictError(message('report.changed_meanwhile', { at: formatDateTimeVi(current.updatedAt) }));
    }
    const now = ctx.now();
    const { content, unknown } = applyEdits(current.content as ReportContent, edits, { actor, at: now });
    if (unknown.length) {
      throw new InputError(message('report.lines_not_in_report'), unknown.map((field) => (problem({ field }, message('report.not_in_report')))));
    }
    await updateSubmission(trx, submissionId, { content }, now);
    await insertReportEvent(trx, { submissionId, event: 'edited', actor, comment: null, at: now });
    return { ...current, content, updatedAt: now };
  });
}
