import type { AppContext } from '../../app-context.ts';
import type { SubmissionRow } from '../../repositories/reporting.repository.ts';
import { transitionSubmission } from './transition-submission.ts';

/**
 * The unit sends its report up. The first submission is the one timeliness counts. `confirmEmpty`
 * lists the empty parts the unit confirmed (see emptyPartsOf); a report with an unconfirmed empty
 * part, a missing figure or a typed figure without evidence is refused.
 *
 * @example await submitReport(ctx, 12, 'user:lan', ['proposals']);
 */
export function submitReport(ctx: AppContext, submissionId: number, actor: string, confirmEmpty: readonly string[] = []): Promise<SubmissionRow> {
  return transitionSubmission(ctx, { submissionId, action: 'submit', actor, confirmEmpty });
}
