import type { AppContext } from '../../app-context.ts';
import type { JobHandler } from '../../jobs/job-runner.ts';
import { PermanentJobError } from '../../jobs/job-runner.ts';
import type { Mailer } from '../../notifications/email.ts';
import { postWebhook, WebhookError } from '../../notifications/webhook.ts';
import { openWebhookSecret } from '../../notifications/webhook-secret.ts';
import { findDelivery, findWebhookSubscription, recordDeliveryAttempt } from '../../repositories/notifications.repository.ts';
import { message, renderMessage } from '../../domain/messages/message.ts';

/**
 * The job that delivers one queued e-mail or webhook and logs the attempt. A failure is logged and
 * rethrown so the job runner retries with backoff; the last allowed attempt marks the delivery failed.
 * A delivery already made is never made again.
 *
 * @example new JobRunner(ctx, { [DELIVER_JOB]: deliverNotification(mailer) }).start();
 */
export function deliverNotification(mailer: Mailer | null): JobHandler {
  return async (job, ctx: AppContext) => {
    const deliveryId = (job.payload as { deliveryId?: unknown }).deliveryId;
    if (typeof deliveryId !== 'number') throw new PermanentJobError('payload without deliveryId');
    const delivery = await findDelivery(ctx.db, deliveryId);
    if (!delivery) throw new PermanentJobError(`delivery ${deliveryId} not found`);
    if (delivery.state === 'delivered') return;
    const finalAttempt = job.attempts >= job.maxAttempts;
    try {
      let status: number | null = null;
      if (delivery.channel === 'email') {
        if (!mailer) throw new PermanentJobError(renderMessage(message('notification.email_not_configured'), 'vi'));
        await mailer.send({
          to: delivery.address,
          subject: `[Theo Dõi] ${delivery.notification.title}`,
          text: delivery.notification.body,
          headers: { 'X-TheoDoi-Notification': String(delivery.notification.id), 'X-TheoDoi-Event': delivery.notification.kind },
        });
      } else {
        const subscriptionId = Number(delivery.address.replace(/^subscription:/, ''));
        const subscription = await findWebhookSubscription(ctx.db, subscriptionId);
        // A deleted or deactivated webhook gets nothing more, even deliveries queued before.
        if (!subscription || !subscription.active) throw new PermanentJobError(`webhook subscription ${subscriptionId} is gone`);
        // Opened only here, for signing; a missing or wrong key fails this attempt and is retried,
        // since setting the key fixes it.
        const secret = openWebhookSecret(subscription.secret);
        const result = await postWebhook({
          url: subscription.url,
          secret,
          event: delivery.notification.kind,
          deliveryId: String(delivery.id),
          at: ctx.now(),
          payload: {
            event: delivery.notification.kind,
            deliveryId: delivery.id,
            notificationId: delivery.notification.id,
            title: delivery.notification.title,
            body: delivery.notification.body,
            data: delivery.notification.data,
            createdAt: delivery.notification.createdAt.toISOString(),
          },
        });
        status = result.status;
      }
      await recordDeliveryAttempt(ctx.db, delivery.id, { state: 'delivered', status, error: null, at: ctx.now() });
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      await recordDeliveryAttempt(ctx.db, delivery.id, {
        state: permanent || finalAttempt ? 'failed' : 'pending',
        status: error instanceof WebhookError ? error.status : null,
        error: error instanceof Error ? error.message : String(error),
        at: ctx.now(),
      });
      throw error;
    }
  };
}
