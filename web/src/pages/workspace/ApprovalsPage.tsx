import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { currentMonth, ErrorNote, StateBadge, useApiGet, useErrorText, WorkspaceFrame } from './shared.tsx';
import type { ReportEvent, Submission, TimelinessRow } from './types.ts';

const REVIEWER_ROLES = new Set(['approver', 'unit_admin', 'system_admin']);

/** Reports sent to the reviewer's unit by the units below it: open one, return it with a comment, or approve it. */
export function ApprovalsPage() {
  return (
    <WorkspaceFrame title="approvals.title">
      <ApprovalQueue />
    </WorkspaceFrame>
  );
}

function ApprovalQueue() {
  const { t } = useI18n();
  const { user } = useSession();
  const { location, navigate } = useRouter();
  const units = [...new Set((user?.grants ?? []).filter((g) => REVIEWER_ROLES.has(g.role)).map((g) => g.unitCode))];
  const recipient = location.query.get('unit') ?? units[0] ?? '';
  const period = location.query.get('period') ?? currentMonth();
  const queue = useApiGet<{ rows: TimelinessRow[] }>(
    recipient ? `/api/v1/reporting/timeliness?periods=${period}&recipient=${encodeURIComponent(recipient)}` : null,
  );
  const [open, setOpen] = useState<number | null>(null);
  const setQuery = (k: string, v: string) => {
    const q = new URLSearchParams(location.query);
    q.set(k, v);
    navigate(`/workspace/approvals?${q.toString()}`);
  };
  // Submitted first: those are the ones waiting for a decision.
  const order = ['submitted', 'returned', 'draft', 'approved', 'none'];
  const rows = [...(queue.data?.rows ?? [])].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));

  return (
    <>
      <div className="ws-filters">
        <label>
          {t('report.unit')}
          <select value={recipient} onChange={(e) => setQuery('unit', e.target.value)}>
            {units.map((u) => <option key={u} value={u}>{u}</option>)}
          </select>
        </label>
        <label>
          {t('report.period')}
          <input type="month" value={period} onChange={(e) => e.target.value && setQuery('period', e.target.value)} />
        </label>
      </div>
      <ErrorNote error={queue.error} />
      {queue.loading && <p>{t('common.loading')}</p>}
      {queue.data && rows.length === 0 && <p>{t('approvals.empty')}</p>}
      {rows.length > 0 && (
        <DataTable
          caption={t('approvals.title')}
          exportName={`bao-cao-cho-duyet-${period}`}
          rows={rows}
          rowKey={(r) => String(r.obligationId)}
          columns={[
            { key: 'unit', header: t('report.unit'), value: (r) => r.unit.name, sortable: true },
            { key: 'state', header: t('report.state'), value: (r) => t(`state.${r.state}` as MessageKey), render: (r) => <StateBadge state={r.state} /> },
            {
              key: 'timeliness',
              header: t('approvals.timeliness'),
              value: (r) => `${t(`timeliness.${r.timeliness.status}` as MessageKey) ?? r.timeliness.status}${r.timeliness.daysLate ? ` ${r.timeliness.daysLate} ${t('timeliness.days')}` : ''}`,
            },
            {
              key: 'open',
              header: t('approvals.open'),
              value: () => '',
              render: (r) => r.state !== 'none' && (
                <button type="button" className="ws-secondary" onClick={() => setOpen(r.obligationId)} aria-label={`${t('approvals.open')} ${r.unit.name}`}>
                  {t('approvals.open')}
                </button>
              ),
            },
          ]}
        />
      )}
      {open !== null && <Review key={`${open}|${period}`} obligationId={open} period={period} onDone={queue.reload} />}
    </>
  );
}

function Review({ obligationId, period, onDone }: { obligationId: number; period: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [submission, setSubmission] = useState<(Submission & { events: ReportEvent[] }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    // Opening an existing report returns it as it stands: a submitted report is never changed by opening it.
    api<Submission>(`/api/v1/reporting/obligations/${obligationId}/submissions/${period}`, { method: 'POST' })
      .then((s) => api<Submission & { events: ReportEvent[] }>(`/api/v1/reporting/submissions/${s.id}`))
      .then((s) => live && setSubmission(s), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [obligationId, period]);
  if (!submission) return error ? <ErrorNote error={error} /> : <p>{t('common.loading')}</p>;
  const c = submission.content;

  const decide = async (action: 'return' | 'approve') => {
    if (action === 'return' && !comment.trim()) {
      setNotice(null);
      setError(new Error(t('approvals.needComment')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/reporting/submissions/${submission.id}/${action}`, {
        method: 'POST',
        body: JSON.stringify(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setSubmission(await api<Submission & { events: ReportEvent[] }>(`/api/v1/reporting/submissions/${submission.id}`));
      setNotice(t(action === 'return' ? 'approvals.returned' : 'approvals.approved'));
      setComment('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card ws-review" aria-labelledby="review-head">
      <h2 id="review-head">{c.unit.name} — {c.period.label} <StateBadge state={submission.state} /></h2>
      <h3>{t('report.targets')}</h3>
      <DataTable
        caption={t('report.targets')}
        exportName={`chi-tieu-${c.unit.code}-${c.period.code}`}
        searchable={false}
        rows={c.targets}
        rowKey={(x) => String(x.targetId)}
        columns={[
          { key: 'target', header: t('report.target'), value: (x) => `${x.code} ${x.text}` },
          { key: 'value', header: t('report.value'), numeric: true, value: (x) => x.value, render: (x) => `${formatNumber(x.value, lang)}${x.confirmed ? ' ✓' : ''}` },
          {
            key: 'status',
            header: t('report.status'),
            value: (x) => t(`status.${x.status}` as MessageKey),
            render: (x) => (x.status === 'qualitative' ? t('status.qualitative') : <StatusBadge status={x.status} />),
          },
          { key: 'note', header: t('report.note'), value: (x) => x.note },
        ]}
      />
      <h3>{t('report.tasks')}</h3>
      <DataTable
        caption={t('report.tasks')}
        exportName={`nhiem-vu-${c.unit.code}-${c.period.code}`}
        searchable={false}
        rows={c.tasks}
        rowKey={(x) => String(x.taskId)}
        columns={[
          { key: 'task', header: t('report.task'), value: (x) => `${x.code} ${x.title}` },
          { key: 'progress', header: t('report.progress'), numeric: true, value: (x) => x.progress, render: (x) => formatNumber(x.progress, lang, 0) },
          { key: 'evidence', header: t('report.evidence'), value: (x) => x.evidence },
        ]}
      />
      <h3>{t('report.difficulties')}</h3>
      <p className="ws-prose">{c.difficulties || '—'}</p>
      <h3>{t('report.proposals')}</h3>
      <p className="ws-prose">{c.proposals || '—'}</p>
      <h3>{t('report.history')}</h3>
      <ol className="ws-history">
        {submission.events.map((e) => (
          <li key={e.id}>{formatDate(e.at)} — {t(`event.${e.event}` as MessageKey) ?? e.event} ({e.actor}){e.comment ? `: ${e.comment}` : ''}</li>
        ))}
      </ol>
      {submission.state === 'submitted' && (
        <>
          <label className="ws-block">
            {t('approvals.comment')}
            <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <div className="ws-actions">
            <button type="button" className="ws-secondary" disabled={busy} onClick={() => void decide('return')}>{t('approvals.return')}</button>
            <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>{t('approvals.approve')}</button>
          </div>
        </>
      )}
      {error !== null && <p role="alert" className="ws-error">{error instanceof Error && !('status' in error) ? error.message : errorText(error)}</p>}
      {notice && <p role="status" className="ws-ok">{notice}</p>}
    </section>
  );
}
