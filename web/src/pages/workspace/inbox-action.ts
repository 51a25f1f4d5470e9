import type { InboxNotificationAnswer } from '../../../../src/http/routes/notifications/schema.ts';

/**
 * Where a notification asks its reader to go: an alert's target (else its unit), the unit's report
 * for a reminder or an overdue report, the alerts for a digest.
 *
 * @example actionOf({ kind: 'alert.target_at_risk', data: { target: 'CT-1', unit: 'P_A' } }) // → '/targets/CT-1?unit=P_A'
 */
export function actionOf(n: Pick<InboxNotificationAnswer, 'kind' | 'data'>): string | null {
  const data = (typeof n.data === 'object' && n.data !== null ? n.data : {}) as { target?: unknown; unit?: unknown };
  const unit = typeof data.unit === 'string' ? data.unit : null;
  if (n.kind === 'alert.digest') return '/?alerts=all';
  if (n.kind.startsWith('alert.')) {
    if (typeof data.target === 'string') return `/targets/${encodeURIComponent(data.target)}${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`;
    return unit ? `/units/${encodeURIComponent(unit)}` : null;
  }
  if (n.kind.startsWith('report.')) return '/workspace';
  return null;
}
