import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { periodForCycle } from '../../domain/reporting/cycles.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { nextStatus } from '../../domain/reporting/submission-state.ts';
import {
  findObligation,
  findSubmission,
  insertReportEvent,
  insertSubmission,
  lockSubmission,
  updateSubmission,
  type SubmissionRow,
} from '../../repositories/reporting.repository.ts';
import { buildReportContent } from './build-report-content.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Opens the report of an obligation for a period: creates the draft pre-filled from the data the
 * first time, and with `refresh` re-reads the figures into a draft or returned report while keeping
 * everything the unit wrote. A submitted or approved report is returned as it stands.
 *
 * @example
 * const draft = await prepareSubmission(ctx, { obligationId: 4, period: '2026-03', actor: 'user:lan' });
 */
export async function prepareSubmission(
  ctx: AppContext,
  input: { obligationId: number; period: string; actor: string; refresh?: boolean },
): Promise<SubmissionRow> {
  const obligation = await findObligation(ctx.db, input.obligationId);
  if (!obligation) throw new NotFoundError(message('report.obligation_not_found_again', { obligationId: String(input.obligationId) }));
  const period = periodForCycle(obligation.cycle, input.period);
  if (!period) {
    throw new InputError(message('report.period_does_not_fit_cycle'), [
      { field: 'period', message: `"${input.period}" không phải kỳ ${obligation.cycle}` },
    ]);
  }
  const existing = await findSubmission(ctx.db, obligation.id, period.code);
  if (existing && !input.refresh) return existing;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!existing) {
      const content = await buildReportContent(trx, obligation, period, now);
      const created = await insertSubmission(trx, { obligationId: obligation.id, period: period.code, content, at: now });
      await insertReportEvent(trx, { submissionId: created.id, event: 'prefilled', actor: input.actor, comment: null, at: now });
      return created;
    }
    const locked = await lockSubmission(trx, existing.id);
    if (!locked) throw new NotFoundError(`submission ${existing.id}`);
    nextStatus(locked, 'edit');
    const content = await buildReportContent(trx, obligation, period, now, locked.content as ReportContent);
    await updateSubmission(trx, locked.id, { content }, now);
    await insertReportEvent(trx, { submissionId: locked.id, event: 'refreshed', actor: input.actor, comment: null, at: now });
    return { ...locked, content, updatedAt: now };
  });
}
