import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { enqueueJob } from '../../repositories/jobs.repository.ts';
import { findWebhookSubscriptions, insertDelivery, insertNotificationOnce } from '../../repositories/notifications.repository.ts';

export const DELIVER_JOB = 'notification.deliver';

export interface OutgoingNotification {
  /** The unit whose inbox shows it. */
  unitId: number;
  /** Event name for webhooks, e.g. "report.reminder", "report.escalation", "alert". */
  event: string;
  /** In Vietnamese: the inbox's words and the e-mail's. */
  title: string;
  body: string;
  /** The same in English for readers of the inbox in English; without them they read the Vietnamese. */
  titleEn?: string;
  bodyEn?: string;
  data: Record<string, unknown>;
  /** Unique forever: sending the same key again does nothing. */
  dedupeKey: string;
  emails: string[];
  /** Webhook subscriptions of these units (and global ones) receive it. */
  webhookUnitIds: number[];
  at: Date;
}

/**
 * Puts a notification in a unit's inbox and queues its e-mails and webhooks, each delivered (and
 * retried) by its own job. Call it inside the transaction that decides to notify: if the key was
 * seen before nothing happens, so the same reminder never goes out twice.
 *
 * @returns the inbox entry's id, or null when this key was already sent
 */
export async function sendNotification(trx: Kysely<Database>, n: OutgoingNotification): Promise<number | null> {
  const id = await insertNotificationOnce(trx, {
    unitId: n.unitId, kind: n.event, title: n.title, body: n.body, titleEn: n.titleEn ?? null, bodyEn: n.bodyEn ?? null, data: n.data, dedupeKey: n.dedupeKey, at: n.at,
  });
  if (id === null) return null;
  const addresses: { channel: 'email' | 'webhook'; address: string }[] = [
    ...[...new Set(n.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))].map((address) => ({ channel: 'email' as const, address })),
    ...(await findWebhookSubscriptions(trx, n.webhookUnitIds, n.event)).map((s) => ({ channel: 'webhook' as const, address: `subscription:${s.id}` })),
  ];
  for (const a of addresses) {
    const deliveryId = await insertDelivery(trx, { notificationId: id, channel: a.channel, address: a.address });
    if (deliveryId !== null) {
      await enqueueJob(trx, { kind: DELIVER_JOB, payload: { deliveryId }, runAt: n.at, dedupeKey: `deliver:${deliveryId}`, maxAttempts: 8 });
    }
  }
  return id;
}
