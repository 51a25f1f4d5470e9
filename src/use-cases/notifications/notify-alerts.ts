import type { AppContext } from '../../app-context.ts';
import { ALERT_KIND_NAMES } from '../../domain/alerts/alert-groups.ts';
import { message, renderMessage, type Lang } from '../../domain/messages/message.ts';
import { formatDateVi } from '../../domain/reporting/vietnamese-format.ts';
import { alertsNotYetNotified, type AlertToNotify } from '../../repositories/notifications.repository.ts';
import { usersWithRole } from '../../repositories/reporting.repository.ts';
import { sendNotification } from './send-notification.ts';

export const NOTIFY_ALERTS_JOB = 'alerts.notify';

/**
 * Sends each open warning or critical alert of the evaluation engine once, to the unit's inbox, its
 * reporters and head by e-mail, and the webhooks subscribed to "alert.<kind>".
 *
 * @example await notifyAlerts(ctx); // → { sent: 3 }
 */
export async function notifyAlerts(ctx: AppContext, severities: readonly ('info' | 'warning' | 'critical')[] = ['warning', 'critical']): Promise<{ sent: number }> {
  const alerts = await alertsNotYetNotified(ctx.db, severities);
  let sent = 0;
  for (const a of alerts) {
    const vi = alertWords(a, 'vi');
    const en = alertWords(a, 'en');
    const id = await ctx.db.transaction().execute(async (trx) => {
      const users = await usersWithRole(trx, a.unitId, ['reporter', 'approver', 'unit_admin']);
      return sendNotification(trx, {
        unitId: a.unitId,
        event: `alert.${a.kind}`,
        title: vi.title,
        body: vi.body,
        titleEn: en.title,
        bodyEn: en.body,
        // Where to act (the inbox links there): the target's page, else the unit's. A classified
        // target is not pointed at: its alert says only that something classified needs a look.
        data: { alertId: a.id, kind: a.kind, severity: a.severity, since: a.since, unit: a.unitCode, target: a.classified ? null : a.targetCode },
        dedupeKey: `alert:${a.id}`,
        emails: users.flatMap((u) => (u.email ? [u.email] : [])),
        webhookUnitIds: [a.unitId],
        at: ctx.now(),
      });
    });
    if (id !== null) sent++;
  }
  return { sent };
}

/**
 * An alert's notification in one language: what kind of alert, about which unit, then what it is
 * about by name and why. A classified subject is neither named nor explained: an inbox and an
 * e-mail reach people who may not hold the right to read it (they follow the link and sign in).
 *
 * @example alertWords({ kind: 'task_overdue', severity: 'critical', unitName: 'Phường Vĩnh Tuy', subject: 'Số hóa hồ sơ', reason: 'Quá hạn 5 ngày…', … }, 'vi')
 * // → { title: '[Khẩn] Nhiệm vụ quá hạn — Phường Vĩnh Tuy', body: 'Số hóa hồ sơ: Quá hạn 5 ngày… (từ ngày 01/07/2026)' }
 */
export function alertWords(a: AlertToNotify, lang: Lang): { title: string; body: string } {
  const kind = ALERT_KIND_NAMES[a.kind][lang];
  const title = renderMessage(message(a.severity === 'critical' ? 'notification.alert_title_urgent' : 'notification.alert_title', { kind, unit: a.unitName }), lang);
  const since = formatDateVi(a.since);
  const reason = lang === 'vi' ? a.reason : a.reasonEn;
  const body = a.classified
    ? renderMessage(message('notification.alert_body_classified', { since }), lang)
    : a.subject
      ? renderMessage(message('notification.alert_body', { subject: a.subject, reason, since }), lang)
      : renderMessage(message('notification.alert_body_no_subject', { reason, since }), lang);
  return { title, body };
}
