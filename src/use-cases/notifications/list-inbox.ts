import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { listInbox, type InboxItem } from '../../repositories/notifications.repository.ts';
import { findUnitByCode } from '../../repositories/reporting.repository.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * A unit's in-app inbox, newest first.
 *
 * @example await listUnitInbox(ctx, 'P_VINH_TUY', { unreadOnly: true });
 */
export async function listUnitInbox(ctx: AppContext, unitCode: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<InboxItem[]> {
  const unit = await findUnitByCode(ctx.db, unitCode);
  if (!unit) throw new NotFoundError(message('export.unit_not_found', { unitCode }));
  return listInbox(ctx.db, { unitIds: [unit.id], ...options });
}
