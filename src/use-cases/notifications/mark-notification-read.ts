import type { AppContext } from '../../app-context.ts';
import { markRead } from '../../repositories/notifications.repository.ts';

/** Marks an inbox entry read; false when it was already read or does not exist. */
export function markNotificationRead(ctx: AppContext, id: number): Promise<boolean> {
  return markRead(ctx.db, id, ctx.now());
}
