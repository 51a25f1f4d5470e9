import type { AppContext } from '../../app-context.ts';
import { listWebhookSubscriptions, type WebhookRecord } from '../../repositories/notifications.repository.ts';

/**
 * Webhooks of the units in these subtrees (null: all, city-wide ones included), with a hint of each
 * secret and never the secret itself: it was shown once, at registration or rotation.
 *
 * @example await listWebhooks(ctx, ['P_VT']);
 */
export async function listWebhooks(ctx: AppContext, unitRoots: readonly string[] | null): Promise<WebhookRecord[]> {
  return listWebhookSubscriptions(ctx.db, { unitRoots });
}
