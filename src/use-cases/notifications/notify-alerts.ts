import type { AppContext } from '../../app-context.ts';
import { formatDateVi } from '../../domain/reporting/vietnamese-format.ts';
import { alertsNotYetNotified } from '../../repositories/notifications.repository.ts';
import { usersWithRole } from '../../repositories/reporting.repository.ts';
import { sendNotification } from './send-notification.ts';

export const NOTIFY_ALERTS_JOB = 'alerts.notify';

const KIND_VI: Record<string, string> = {
  target_at_risk: 'Chỉ tiêu có nguy cơ không đạt',
  task_due_soon: 'Nhiệm vụ sắp đến hạn',
  task_overdue: 'Nhiệm vụ quá hạn',
  stale_source: 'Nguồn số liệu không cập nhật',
  outlier: 'Số liệu bất thường',
};

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
    const id = await ctx.db.transaction().execute(async (trx) => {
      const users = await usersWithRole(trx, a.unitId, ['reporter', 'approver', 'unit_admin']);
      return sendNotification(trx, {
        unitId: a.unitId,
        event: `alert.${a.kind}`,
        title: `${a.severity === 'critical' ? '[Khẩn] ' : ''}${KIND_VI[a.kind] ?? a.kind} — ${a.unitName}`,
        body: `${a.reason} (từ ngày ${formatDateVi(a.since)}) / ${a.reasonEn}`,
        data: { alertId: a.id, kind: a.kind, severity: a.severity, since: a.since },
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
