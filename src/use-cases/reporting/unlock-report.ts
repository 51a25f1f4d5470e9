import type { AppContext } from '../../app-context.ts';
import type { SubmissionRow } from '../../repositories/reporting.repository.ts';
import { transitionSubmission } from './transition-submission.ts';

/**
 * Reopens an approved report (as returned) for correction; the reason is audited.
 *
 * @example await unlockReport(ctx, 12, 'user:admin', 'Sửa số liệu tháng 3 theo văn bản 45');
 */
export function unlockReport(ctx: AppContext, submissionId: number, actor: string, reason: string): Promise<SubmissionRow> {
  return transitionSubmission(ctx, { submissionId, action: 'unlock', actor, comment: reason });
}
