import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { findUnitByCode, listObligations, type ObligationRow } from '../../repositories/reporting.repository.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Obligations of a unit (what it reports) or to a unit (what it receives), optionally of one plan.
 *
 * @example await listObligationsFor(ctx, { recipient: 'P_VINH_TUY' });
 */
export async function listObligationsFor(
  ctx: AppContext,
  filter: { unit?: string | undefined; recipient?: string | undefined; planId?: number | undefined },
): Promise<ObligationRow[]> {
  const unit = filter.unit ? await findUnitByCode(ctx.db, filter.unit) : null;
  if (filter.unit && !unit) throw new NotFoundError(message('report.unit_not_found', { unit: filter.unit }));
  const recipient = filter.recipient ? await findUnitByCode(ctx.db, filter.recipient) : null;
  if (filter.recipient && !recipient) throw new NotFoundError(message('report.unit_not_found_again', { recipient: filter.recipient }));
  return listObligations(ctx.db, {
    ...(unit ? { unitId: unit.id } : {}),
    ...(recipient ? { recipientUnitId: recipient.id } : {}),
    ...(filter.planId !== undefined ? { planId: filter.planId } : {}),
  });
}
