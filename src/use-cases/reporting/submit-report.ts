import type { AppContext } from '../../app-context.ts';
import type { SubmissionRow } from '../../repositories/reporting.repository.ts';
import { transitionSubmission } from './transition-submission.ts';

/**
 * The unit sends its report up. The first submission is the one timeliness counts.
 *
 * @example await submitReport(ctx, 12, 'user:lan');
 */
export function submitReport(ctx: AppContext, submissionId: number, actor: string): Promise<SubmissionRow> {
  return transitionSubmission(ctx, { submissionId, action: 'submit', actor });
}
