import type { AppContext } from '../../app-context.ts';
import { message } from '../../domain/messages/message.ts';
import { digestText } from '../../domain/alerts/alert-digest.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { DIGEST_NOTIFICATION_KIND, digestSubscribers } from '../../repositories/alert-digests.repository.ts';
import { sendNotification } from '../notifications/send-notification.ts';
import { getAlertDigest } from './get-alert-digest.ts';

export const ALERT_DIGEST_JOB = 'alerts.digest';
/** Once a day: the slot starts at 00:00 UTC, 07:00 in Hà Nội, before the working day. */
export const ALERT_DIGEST_EVERY_MS = 24 * 3_600_000;

export interface DigestSendResult {
  unit: string;
  unitName: string;
  recipients: number;
  total: number;
  newCount: number;
  /** sent: queued for e-mail; nothing_new: skipped (scheduled runs only); already_sent: this slot went out before. */
  outcome: 'sent' | 'nothing_new' | 'already_sent';
}

/**
 * Sends the alert digest of every unit with subscribers (or of one unit) for one schedule slot: the
 * digest goes into the unit's inbox and to each subscriber by e-mail, through the notification queue
 * (delivered and retried by the job runner). A slot is sent once per unit, however many instances run
 * it (the notification's dedupe key names the slot). Scheduled runs skip a unit with nothing new since
 * its last digest; `always` sends anyway (an operator's explicit send). Classified alerts stay out.
 *
 * @example
 * await sendAlertDigests(ctx, { slot: new Date('2026-12-04T00:00:00Z') });
 * // → [{ unit: 'HN_P_VINH_TUY', unitName: 'Phường Vĩnh Tuy', recipients: 2, total: 7, newCount: 2, outcome: 'sent' }]
 */
export async function sendAlertDigests(ctx: AppContext, options: { slot: Date; unit?: string; always?: boolean }): Promise<DigestSendResult[]> {
  const all = await digestSubscribers(ctx.db);
  const units = options.unit === undefined ? all : all.filter((s) => s.unitCode === options.unit);
  if (options.unit !== undefined && units.length === 0) throw new NotFoundError(message('alert.no_digest_subscribers', { unit: options.unit }));
  const results: DigestSendResult[] = [];
  for (const s of units) {
    const digest = await getAlertDigest(ctx, s.unitCode);
    const base = { unit: s.unitCode, unitName: s.unitName, recipients: s.emails.length, total: digest.total, newCount: digest.newCount };
    if (digest.newCount === 0 && !options.always) {
      results.push({ ...base, outcome: 'nothing_new' });
      continue;
    }
    const { subject, text } = digestText(digest);
    const english = digestText(digest, 'en');
    const id = await ctx.db.transaction().execute((trx) => sendNotification(trx, {
      unitId: s.unitId,
      event: DIGEST_NOTIFICATION_KIND,
      title: subject,
      body: text,
      titleEn: english.subject,
      bodyEn: english.text,
      data: { unit: s.unitCode, total: digest.total, newCount: digest.newCount, alerts: digest.severities.flatMap((g) => g.targets.flatMap((t) => t.alerts.map((a) => a.id))) },
      dedupeKey: `${DIGEST_NOTIFICATION_KIND}:${s.unitCode}@${options.slot.toISOString()}`,
      emails: s.emails,
      webhookUnitIds: [],
      at: ctx.now(),
    }));
    results.push({ ...base, outcome: id === null ? 'already_sent' : 'sent' });
  }
  return results;
}
