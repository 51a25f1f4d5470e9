import { useState } from 'react';
import type { InboxNotificationAnswer } from '../../../../src/http/routes/notifications/schema.ts';
import { api } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { actionOf } from './inbox-action.ts';
import { ErrorNote, useApiGet, WorkspaceFrame } from './shared.tsx';

/** What a notification is about, by its kind ("alert.task_overdue", "report.reminder"…), in the page's language. */
const KIND_KEYS: Record<string, MessageKey> = {
  'alert.target_at_risk': 'alerts.kind.target_at_risk',
  'alert.task_due_soon': 'alerts.kind.task_due_soon',
  'alert.task_overdue': 'alerts.kind.task_overdue',
  'alert.stale_source': 'alerts.kind.stale_source',
  'alert.outlier': 'alerts.kind.outlier',
  'alert.digest': 'inbox.kind.digest',
  'report.reminder': 'inbox.kind.reminder',
  'report.escalation': 'inbox.kind.escalation',
};

/** The unit's in-app notifications (reminders, returned reports, alerts); each can be marked read. */
export function InboxPage() {
  return (
    <WorkspaceFrame title="inbox.title">
      <Inbox />
    </WorkspaceFrame>
  );
}

function Inbox() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unit = user?.unit ?? '';
  const inbox = useApiGet<{ notifications: InboxNotificationAnswer[] }>(unit ? `/api/v1/notifications?unit=${encodeURIComponent(unit)}${unreadOnly ? '&unread=true' : ''}` : null);
  const markRead = async (id: number) => {
    try {
      await api(`/api/v1/notifications/${id}/read`, { method: 'POST' });
      inbox.reload();
    } catch (e) {
      setError(e);
    }
  };
  const items = inbox.data?.notifications ?? [];
  return (
    <>
      <label className="ws-check">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
        {t('inbox.unreadOnly')}
      </label>
      <ErrorNote error={inbox.error ?? error} />
      {inbox.loading && <p>{t('common.loading')}</p>}
      {inbox.data && items.length === 0 && <p>{t('inbox.empty')}</p>}
      <ul className="ws-items">
        {items.map((n) => (
          <li key={n.id} className={`card${n.readAt ? ' ws-read' : ' ws-unread'}`}>
            <p className="ws-item-title"><strong>{lang === 'en' && n.titleEn !== null ? n.titleEn : n.title}</strong></p>
            <p className="ws-muted">{formatDate(n.createdAt)} · <span title={n.kind}>{t(KIND_KEYS[n.kind] ?? 'inbox.kind.other')}</span></p>
            <p className="ws-prose">{lang === 'en' && n.bodyEn !== null ? n.bodyEn : n.body}</p>
            {actionOf(n) !== null && <p><Link to={actionOf(n) ?? '/'}>{t(n.kind.startsWith('report.') ? 'inbox.openReport' : 'inbox.open')}</Link></p>}
            {n.readAt ? (
              <p className="ws-muted">{t('inbox.read')} {formatDate(n.readAt)}</p>
            ) : (
              <button type="button" className="ws-secondary" onClick={() => void markRead(n.id)}>{t('inbox.markRead')}</button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
