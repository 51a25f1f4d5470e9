import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { formatDate, formatNumber, formatTypedNumber } from '../../app/format.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { ErrorNote, StateBadge, useApiGet, useErrorText, WorkspaceFrame } from './shared.tsx';
import type { QueueItem, ReportEvent, Submission } from './types.ts';

const REVIEWER_ROLES = new Set(['approver', 'unit_admin', 'system_admin']);

/** Reports waiting for the reviewer's decision (GET /api/v1/reporting/queue): open one, return it with a comment, or approve it. */
export function ApprovalsPage() {
  return (
    <WorkspaceFrame title="approvals.title">
      <ApprovalQueue />
    </WorkspaceFrame>
  );
}

function ApprovalQueue() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { location, navigate } = useRouter();
  const unit = location.query.get('unit') ?? '';
  const period = location.query.get('period') ?? '';
  const query = new URLSearchParams();
  if (unit) query.set('unit', unit);
  if (period) query.set('period', period);
  const queue = useApiGet<{ items: QueueItem[] }>(`/api/v1/reporting/queue${query.toString() ? `?${query.toString()}` : ''}`);
  const [open, setOpen] = useState<number | null>(null);
  const setQuery = (k: string, v: string) => {
    const q = new URLSearchParams(location.query);
    if (v) q.set(k, v);
    else q.delete(k);
    navigate(`/workspace/approvals${q.toString() ? `?${q.toString()}` : ''}`);
  };
  const items = queue.data?.items ?? [];
  // The units a reviewer may narrow to: where they review, and every unit whose report is listed.
  const unitOptions = new Map<string, string>();
  for (const g of user?.grants ?? []) if (REVIEWER_ROLES.has(g.role)) unitOptions.set(g.unitCode, g.unitCode);
  for (const i of items) {
    unitOptions.set(i.reviewer.code, i.reviewer.name);
    unitOptions.set(i.unit.code, i.unit.name);
  }
  if (unit && !unitOptions.has(unit)) unitOptions.set(unit, unit);

  return (
    <>
      <div className="ws-filters">
        <label>
          {t('report.unit')}
          <select value={unit} onChange={(e) => setQuery('unit', e.target.value)}>
            <option value="">{t('approvals.allUnits')}</option>
            {[...unitOptions].map(([code, name]) => <option key={code} value={code}>{name === code ? code : `${name} (${code})`}</option>)}
          </select>
        </label>
        <label>
          {t('report.period')}
          <input type="month" value={/^\d{4}-\d{2}$/.test(period) ? period : ''} onChange={(e) => setQuery('period', e.target.value)} />
        </label>
        {period && (
          <button type="button" className="ws-secondary" style={{ alignSelf: 'flex-end' }} onClick={() => setQuery('period', '')}>{t('approvals.allPeriods')}</button>
        )}
      </div>
      <ErrorNote error={queue.error} />
      {queue.loading && !queue.data && <p>{t('common.loading')}</p>}
      {queue.data && items.length === 0 && <p role="status" className="ws-info">{t('approvals.queueEmpty')}</p>}
      {items.length > 0 && (
        <DataTable
          caption={t('approvals.title')}
          exportName={`bao-cao-cho-duyet${period ? `-${period}` : ''}`}
          rows={items}
          rowKey={(r) => String(r.submissionId)}
          columns={[
            { key: 'unit', header: t('report.unit'), value: (r) => r.unit.name, sortable: true },
            { key: 'period', header: t('report.period'), value: (r) => (lang === 'en' ? r.period.labelEn : r.period.label), sortable: true },
            { key: 'submittedAt', header: t('approvals.submittedAt'), value: (r) => formatDate(vietnamDay(r.submittedAt)), sortable: true },
            { key: 'submitter', header: t('approvals.submitter'), value: (r) => r.submitter?.name ?? r.submitter?.actor ?? '', render: (r) => <span title={r.submitter?.actor}>{r.submitter?.name ?? r.submitter?.actor ?? ''}</span> },
            {
              key: 'waiting',
              header: t('approvals.waiting'),
              numeric: true,
              sortable: true,
              value: (r) => r.daysWaiting,
              render: (r) => `${formatNumber(r.daysWaiting, lang, 0)} ${t('approvals.days')}`,
            },
            {
              key: 'open',
              header: t('approvals.open'),
              value: () => '',
              sortable: false,
              render: (r) => (
                <button type="button" className="ws-secondary" onClick={() => setOpen(r.submissionId)} aria-label={`${t('approvals.open')} ${r.unit.name}`}>
                  {t('approvals.open')}
                </button>
              ),
            },
          ]}
        />
      )}
      {open !== null && <Review key={open} submissionId={open} onDone={queue.reload} />}
    </>
  );
}

/** The day in Hà Nội of an instant, as an ISO date: a report sent at 23:30 on the 3rd was sent on the 3rd. */
function vietnamDay(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}

function Review({ submissionId, onDone }: { submissionId: number; onDone: () => void }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [submission, setSubmission] = useState<(Submission & { events: ReportEvent[] }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    api<Submission & { events: ReportEvent[] }>(`/api/v1/reporting/submissions/${submissionId}`)
      .then((s) => live && setSubmission(s), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [submissionId]);
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
          // What the unit typed is shown apart and flagged: it becomes the value only if approved.
          {
            key: 'manual', header: t('report.manual'), value: (x) => x.manual?.value ?? null,
            render: (x) => x.manual ? `${formatTypedNumber(x.manual.value, lang)}${x.measure ? ` ${x.measure}` : ''} · ${x.manual.evidence}` : x.noData ? `${t('report.noData')}: ${x.noData.reason}` : '',
          },
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
          <li key={e.id}>{formatDate(e.at)} — {t(`event.${e.event}` as MessageKey) ?? e.event} (<span title={e.actor}>{e.actorName}</span>){e.comment ? `: ${e.comment}` : ''}</li>
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
