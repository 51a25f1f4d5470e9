import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { findWebhookSubscription, markWebhookDeleted } from '../../repositories/notifications.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Deletes a webhook: nothing is sent to it any more, pending deliveries included, and its secret is
 * erased. The row stays, marked deleted, so delivery logs that name it still say where they went.
 *
 * @example await deleteWebhook(ctx, 3, 'user:admin');
 */
export async function deleteWebhook(ctx: AppContext, id: number, actor: string): Promise<{ id: number; deleted: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const hook = await findWebhookSubscription(trx, id);
    if (!hook || !(await markWebhookDeleted(trx, id, ctx.now()))) throw new NotFoundError(message('notification.webhook_not_found', { id: String(id) }));
    await recordAudit(trx, {
      actor, action: 'delete', entity: 'webhook_subscription', entityId: id,
      before: { url: hook.url, unit: hook.unitCode, events: hook.events, active: hook.active }, after: null, at: ctx.now(),
    });
    return { id, deleted: true as const };
  });
}
