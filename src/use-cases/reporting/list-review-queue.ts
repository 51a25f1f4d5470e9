import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Lang } from '../../domain/messages/message.ts';
import { parsePeriod, periodLabel } from '../../domain/periods/period.ts';
import { daysBetween, vietnamDate } from '../../domain/reporting/cycles.ts';
import { findUnitByCode, listReviewQueue } from '../../repositories/reporting.repository.ts';
import { nameActors } from '../users/name-actors.ts';
import { message } from '../../domain/messages/message.ts';

export interface ReviewQueueItem {
  submissionId: number;
  obligationId: number;
  title: string | null;
  unit: { code: string; name: string };
  reviewer: { code: string; name: string };
  period: { code: string; label: string; labelEn: string };
  submittedAt: Date;
  firstSubmittedAt: Date | null;
  /** Who sent it: `actor` as recorded, `name` the person's name now ("deleted user" once erased), null for machines. */
  submitter: { actor: string; name: string | null } | null;
  /** Calendar days in Hà Nội since the report was (last) sent: 0 on the day it arrives. */
  daysWaiting: number;
}

/**
 * The reports waiting for the caller's decision: submitted reports whose reviewing unit (the
 * obligation's recipient, else the unit itself) lies in a subtree where the caller may approve,
 * oldest first — the same rule the return and approve routes enforce.
 *
 * @example
 * const queue = await listReviewQueueFor(ctx, { reviewerRoots: ['HN_P_VINH_TUY'], period: '2026-10' });
 * queue[0]?.period.label; // "Tháng 10/2026"
 */
export async function listReviewQueueFor(
  ctx: AppContext,
  input: { reviewerRoots: readonly string[] | null; unit?: string; period?: string; lang?: Lang },
): Promise<ReviewQueueItem[]> {
  if (input.unit !== undefined && !(await findUnitByCode(ctx.db, input.unit))) {
    throw new NotFoundError(message('report.unit_not_found', { unit: input.unit }));
  }
  const rows = await listReviewQueue(ctx.db, {
    reviewerRoots: input.reviewerRoots,
    ...(input.unit !== undefined ? { unitSubtreeOf: input.unit } : {}),
    ...(input.period !== undefined ? { period: input.period } : {}),
  });
  const namer = await nameActors(ctx.db, rows.flatMap((r) => (r.submitter ? [r.submitter] : [])), input.lang ?? 'vi');
  const today = vietnamDate(ctx.now());
  return rows.map((r) => {
    const period = parsePeriod(r.period);
    return {
      submissionId: r.submissionId,
      obligationId: r.obligationId,
      title: r.obligationTitle,
      unit: r.unit,
      reviewer: r.reviewer,
      period: { code: r.period, label: period ? periodLabel(period) : r.period, labelEn: period ? periodLabel(period, 'en') : r.period },
      submittedAt: r.submittedAt,
      firstSubmittedAt: r.firstSubmittedAt,
      submitter: r.submitter ? { actor: r.submitter, name: namer.person(r.submitter) ? namer.name(r.submitter) : null } : null,
      daysWaiting: Math.max(0, daysBetween(vietnamDate(r.submittedAt), today)),
    };
  });
}
