import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { nextStatus, type SubmissionAction } from '../../domain/reporting/submission-state.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { submissionProblems } from '../../domain/reporting/submission-checks.ts';
import { taskProgressOfReport } from '../../domain/reporting/task-progress-of-report.ts';
import { publishObservationChanges, type ObservationChange } from '../../realtime/change-feed.ts';
import { resolveAlertsOfFinishedTasks } from '../../repositories/alerts.repository.ts';
import { recordReportedTaskProgress } from '../../repositories/plans.repository.ts';
import {
  findObligation,
  findSubmissionById,
  insertReportEvent,
  lockSubmission,
  updateSubmission,
  type SubmissionChanges,
  type SubmissionRow,
} from '../../repositories/reporting.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { recordManualFigures, type RecordedManualFigure } from './record-manual-figures.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Moves a report through its review cycle in one transaction: the state change, the event that
 * timeliness is measured from, and for approval and unlock an audit entry. Approval also makes the
 * report's task progress the register's (status, progress, evidence), closing the alerts of tasks it
 * finishes, so every screen that shows tasks (task board, public page, alerts, inbox) shows it at once,
 * and makes the figures the unit typed ("số liệu tự khai") manual observations (recordManualFigures).
 * Submission is refused, naming each line, while a figure is missing, a typed figure lacks evidence,
 * or an empty part is not among `confirmEmpty` (submissionProblems).
 */
export async function transitionSubmission(
  ctx: AppContext,
  input: { submissionId: number; action: Exclude<SubmissionAction, 'edit'>; actor: string; comment?: string | null; confirmEmpty?: readonly string[] },
): Promise<SubmissionRow> {
  const comment = input.comment?.normalize('NFC').trim() || null;
  if ((input.action === 'return' || input.action === 'unlock') && !comment) {
    throw new InputError(
      message(input.action === 'return' ? 'report.return_needs_comment' : 'report.unlock_needs_reason'),
      [problem({ field: 'comment' }, message('score.required'))],
    );
  }
  const announced: ObservationChange[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const current = await lockSubmission(trx, input.submissionId);
    if (!current) throw new NotFoundError(message('report.report_not_found_again', { submissionId: String(input.submissionId) }));
    const next = nextStatus(current, input.action);
    const now = ctx.now();
    const changes: SubmissionChanges = { state: next.state, locked: next.locked };
    if (input.action === 'submit') {
      const problems = submissionProblems(current.content as ReportContent, input.confirmEmpty ?? []);
      if (problems.length) throw new InputError(message('report.report_cannot_submitted_yet'), problems);
      changes.submittedAt = now;
      if (!current.firstSubmittedAt) changes.firstSubmittedAt = now;
    }
    if (input.action === 'approve') changes.approvedAt = now;
    if (input.action === 'unlock') changes.approvedAt = null;
    await updateSubmission(trx, current.id, changes, now);
    await insertReportEvent(trx, { submissionId: current.id, event: EVENT[input.action], actor: input.actor, comment, at: now });
    let tasksUpdated: number[] = [];
    let manualFigures: RecordedManualFigure[] = [];
    if (input.action === 'approve') {
      const obligation = await findObligation(trx, current.obligationId);
      if (!obligation) throw new NotFoundError(`obligation ${current.obligationId}`);
      const manual = await recordManualFigures(trx, { submissionId: current.id, content: current.content as ReportContent, unitId: obligation.unit.id, approver: input.actor, at: now });
      manualFigures = manual.recorded;
      announced.push(...manual.changes);
      if (manual.recorded.length) await updateSubmission(trx, current.id, { content: manual.content }, now);
      // Only the lines that differ from the register change it; an unchanged line leaves no trace.
      tasksUpdated = await recordReportedTaskProgress(trx, current.id, taskProgressOfReport(current.content), now);
      await resolveAlertsOfFinishedTasks(trx, tasksUpdated, now);
    }
    if (input.action === 'approve' || input.action === 'unlock') {
      await recordAudit(trx, {
        actor: input.actor, action: input.action, entity: 'report_submission', entityId: current.id,
        before: { state: current.state, locked: current.locked }, after: { ...next, comment, ...(tasksUpdated.length ? { tasksUpdated } : {}), ...(manualFigures.length ? { manualFigures } : {}) }, at: now,
      });
    }
  });
  if (announced.length) await publishObservationChanges(ctx.db, announced);
  const after = await findSubmissionById(ctx.db, input.submissionId);
  if (!after) throw new NotFoundError(`report ${input.submissionId}`);
  return after;
}

const EVENT: Record<Exclude<SubmissionAction, 'edit'>, string> = {
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
  unlock: 'unlocked',
};
