import type { AppContext } from '../app-context.ts';
import type { ReportContent } from '../domain/reporting/report-content.ts';
import { emptyPartsOf } from '../domain/reporting/submission-checks.ts';
import { editSubmission } from '../use-cases/reporting/edit-submission.ts';
import { submitReport } from '../use-cases/reporting/submit-report.ts';
import { findSubmissionById, type SubmissionRow } from '../repositories/reporting.repository.ts';

/**
 * For tests and benchmarks about something else than the submission rules: sends a report as it
 * stands, the way a unit that has nothing more to add does — every target without a figure marked
 * "chưa có số liệu" with a reason, and every empty part confirmed.
 */
export async function submitAsIs(ctx: AppContext, submissionId: number, actor: string): Promise<SubmissionRow> {
  const before = await findSubmissionById(ctx.db, submissionId);
  const content = before?.content as ReportContent | undefined;
  const figureless = (content?.targets ?? []).filter((t) => t.status !== 'qualitative' && t.value === null && !t.manual && !t.noData);
  let current = content;
  if (figureless.length) {
    const edited = await editSubmission(ctx, submissionId, { targets: figureless.map((t) => ({ targetId: t.targetId, noDataReason: 'Hệ thống nguồn chưa có số liệu kỳ này' })) }, actor);
    current = edited.content as ReportContent;
  }
  return submitReport(ctx, submissionId, actor, current ? emptyPartsOf(current).map((p) => p.key) : []);
}
