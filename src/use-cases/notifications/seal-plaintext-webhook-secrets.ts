import type { AppContext } from '../../app-context.ts';
import { secretKey } from '../../config.ts';
import { sealWebhookSecret } from '../../notifications/webhook-secret.ts';
import { lockPlaintextWebhookSecrets, updateWebhookSecret } from '../../repositories/notifications.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';

/**
 * Seals the webhook secrets stored in plain text before secrets were encrypted (migration
 * 20261204T0400), keeping each secret as it is so receivers need no change. Runs whenever the
 * database is opened with THEODOI_SECRET_KEY set; without a key it does nothing and those rows keep
 * signing with their plain secret until a start with a key (or `theodoi webhooks rotate`).
 *
 * @example await sealPlaintextWebhookSecrets(ctx); // { sealed: 2 }
 */
export async function sealPlaintextWebhookSecrets(ctx: AppContext): Promise<{ sealed: number }> {
  if (!secretKey()) return { sealed: 0 };
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await lockPlaintextWebhookSecrets(trx);
    for (const row of rows) {
      const { sealed, hint } = sealWebhookSecret(row.secret);
      await updateWebhookSecret(trx, row.id, { sealed, hint, at: ctx.now() });
      await recordAudit(trx, { actor: 'system:secrets', action: 'encrypt_secret', entity: 'webhook_subscription', entityId: row.id, before: { secret: 'plain text' }, after: { secret: 'encrypted' }, at: ctx.now() });
    }
    return { sealed: rows.length };
  });
}
