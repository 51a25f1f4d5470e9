import type { AppContext } from '../../app-context.ts';
import type { SubmissionRow } from '../../repositories/reporting.repository.ts';
import { transitionSubmission } from './transition-submission.ts';

/**
 * The recipient approves a submitted report; the period is then locked for it.
 *
 * @example await approveReport(ctx, 12, 'user:hung');
 */
export function approveReport(ctx: AppContext, submissionId: number, actor: string, comment: string | null = null): Promise<SubmissionRow> {
  return transitionSubmission(ctx, { submissionId, action: 'approve', actor, comment });
}
