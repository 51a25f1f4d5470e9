import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { sealWebhookSecret } from '../../notifications/webhook-secret.ts';
import { findWebhookSubscription, updateWebhookSecret } from '../../repositories/notifications.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Gives a webhook a new signing secret and returns it, the only time it is shown. Deliveries made
 * from then on (retries of older ones included) are signed with it; the old secret stops working at
 * once, so the receiver must be given the new one. Also seals a secret still stored in plain text.
 *
 * @example const { secret } = await rotateWebhookSecret(ctx, 3, 'user:admin');
 */
export async function rotateWebhookSecret(ctx: AppContext, id: number, actor: string): Promise<{ id: number; secret: string; secretHint: string }> {
  const secret = randomBytes(24).toString('base64url');
  const { sealed, hint } = sealWebhookSecret(secret);
  return ctx.db.transaction().execute(async (trx) => {
    const hook = await findWebhookSubscription(trx, id);
    if (!hook || !(await updateWebhookSecret(trx, id, { sealed, hint, at: ctx.now() }))) {
      throw new NotFoundError(message('notification.webhook_not_found', { id: String(id) }));
    }
    // Which webhook and that its secret changed; neither secret, nor a hint of one, goes in the log.
    const about = { url: hook.url, unit: hook.unitCode, events: hook.events };
    await recordAudit(trx, { actor, action: 'rotate_secret', entity: 'webhook_subscription', entityId: id, before: about, after: { ...about, secret: 'rotated' }, at: ctx.now() });
    return { id, secret, secretHint: hint };
  });
}
