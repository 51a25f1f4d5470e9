import type { AppContext } from '../../app-context.ts';
import type { SubmissionRow } from '../../repositories/reporting.repository.ts';
import { transitionSubmission } from './transition-submission.ts';

/**
 * The recipient returns a submitted report with comments; the unit corrects and resubmits it.
 *
 * @example await returnReport(ctx, 12, 'user:hung', 'Bổ sung minh chứng nhiệm vụ 3');
 */
export function returnReport(ctx: AppContext, submissionId: number, actor: string, comment: string): Promise<SubmissionRow> {
  return transitionSubmission(ctx, { submissionId, action: 'return', actor, comment });
}
