import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { insertWebhookSubscription } from '../../repositories/notifications.repository.ts';
import { findUnitByCode } from '../../repositories/reporting.repository.ts';
import { sealWebhookSecret } from '../../notifications/webhook-secret.ts';
import { assertWebhookTarget } from '../../notifications/webhook-target.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Registers a webhook for events ("report.reminder", "report.escalation", "report.*", or all when
 * empty), of one unit or all. Returns the signing secret once: deliveries carry
 * `X-TheoDoi-Signature: sha256=HMAC(secret, "<timestamp>.<body>")`. The secret is stored encrypted
 * under THEODOI_SECRET_KEY; without the key nothing is stored (SecretKeyError).
 *
 * @example await subscribeWebhook(ctx, { url: 'https://emc.example/hook', events: ['report.*'] }, 'user:admin');
 */
export async function subscribeWebhook(
  ctx: AppContext,
  input: { url: string; events?: string[]; unit?: string | null; secret?: string },
  actor: string,
): Promise<{ id: number; secret: string }> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new InputError(message('notification.invalid_webhook_url'), [{ field: 'url', message: input.url }]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(message('notification.webhook_must_http_s'), [{ field: 'url', message: url.protocol }]);
  await assertWebhookTarget(url, { unresolved: 'allow' });
  const unit = input.unit ? await findUnitByCode(ctx.db, input.unit) : null;
  if (input.unit && !unit) throw new InputError(message('evaluation.unknown_unit'), [{ field: 'unit', message: input.unit }]);
  const secret = input.secret ?? randomBytes(24).toString('base64url');
  const { sealed, hint } = sealWebhookSecret(secret);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertWebhookSubscription(trx, { url: url.toString(), sealed, hint, unitId: unit?.id ?? null, events: input.events ?? [] });
    await recordAudit(trx, { actor, action: 'create', entity: 'webhook_subscription', entityId: id, before: null, after: { url: url.toString(), unit: input.unit ?? null, events: input.events ?? [] }, at: ctx.now() });
    return { id, secret };
  });
}
