import { useState } from 'react';
import { formatDate, formatMeasured, formatNumber, formatPercent, formatPeriod, formatShare } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { STATUS_ORDER, type Status } from './leader-data.ts';
import { LoadState, useNarrow } from './shared.tsx';
import { useApi } from './use-api.ts';
import './leader.css';
import './public.css';
import type { PublicPlanProgressAnswer, PublicPlanSummaryAnswer } from '../../../../src/http/routes/public/schema.ts';

/** GET /api/v1/public/plans[/:id], as the server's public schema types them (src/http/routes/public/schema.ts). */
type PublicPlanSummary = PublicPlanSummaryAnswer;
type PublicPlanProgress = PublicPlanProgressAnswer;
type PublicTarget = PublicPlanProgress['targets'][number];
type PublicTask = PublicPlanProgress['tasks'][number];

const FORMATS = ['csv', 'json', 'xlsx'] as const;
const TASK_STATUSES: readonly string[] = ['not_started', 'in_progress', 'done', 'cancelled'];

/**
 * A published plan for everyone, without signing in: its non-classified targets with their
 * evaluated status, progress by pillar, its tasks, and the open-data files the server builds
 * (classified items never leave the server on this path).
 */
export function PublicPage() {
  const { t } = useI18n();
  const plans = useApi<PublicPlanSummary[]>('/api/v1/public/plans');
  const [chosen, setChosen] = useState<string>('');
  const list = plans.data ?? [];
  const planId = chosen || (list[0] ? String(list[0].id) : '');
  return (
    <section className="leader public">
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      {/* Universities, institutes and companies find the city's problems that invite solutions from here. */}
      <p className="public-problems-link"><Link to="/public/problems">{t('public.problemsLink')}</Link></p>
      <LoadState state={plans}>
        {() => list.length === 0 ? <p>{t('public.noPlan')}</p> : (
          <>
            {list.length > 1 && (
              <label className="search">
                <span>{t('public.plan')}</span>
                <select value={planId} onChange={(e) => setChosen(e.target.value)}>
                  {list.map((p) => <option key={p.id} value={p.id}>{p.code} — {p.title}</option>)}
                </select>
              </label>
            )}
            {planId && <PublicPlan id={planId} />}
          </>
        )}
      </LoadState>
    </section>
  );
}

function PublicPlan({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const base = `/api/v1/public/plans/${encodeURIComponent(id)}`;
  const progress = useApi<PublicPlanProgress>(base);
  const narrow = useNarrow();
  const statusLabel = (s: Status) => t(`status.${s}` as MessageKey);
  const taskStatus = (k: PublicTask) => (k.overdue ? t('tasks.overdue') : k.status && TASK_STATUSES.includes(k.status) ? t(`taskStatus.${k.status}` as MessageKey) : k.status ?? '—');
  return (
    <LoadState state={progress}>
      {({ plan, asOf, summary, pillars, targets, tasks }) => {
        const exportName = `du-lieu-mo-${(plan.code ?? String(plan.id)).replace(/[^\p{L}\p{N}]+/gu, '-')}`;
        return (
          <>
            <h2>{plan.title}</h2>
            <p className="muted">
              {[plan.code, plan.issuer, plan.issuedOn ? formatDate(plan.issuedOn) : null].filter(Boolean).join(' · ')}
              {' · '}{t('public.version')} {plan.versionNo}{plan.publishedAt ? ` (${formatDate(plan.publishedAt)})` : ''}
              {' · '}{t('public.asOf')} <strong>{formatDate(asOf)}</strong>
            </p>

            <ul className="status-counts" aria-label={`${formatNumber(summary.targets, lang)} ${t('plans.targets')}`}>
              {STATUS_ORDER.map((s) => (
                <li key={s} className={`count count-${s}`}>
                  <span className="count-value">{formatNumber(summary.byStatus[s], lang)}</span>
                  <span className="count-label">{statusLabel(s)}</span>
                </li>
              ))}
            </ul>
            <p className="muted">
              {formatNumber(summary.targets, lang)} {t('plans.targets')} · {formatNumber(summary.tasks, lang)} {t('plans.tasks')} ·{' '}
              {formatNumber(summary.tasksDone, lang)} {t('public.tasksDone')} · {formatNumber(summary.tasksOverdue, lang)} {t('public.overdueTasks')}
            </p>

            <div className="downloads" role="group" aria-label={t('public.downloads')}>
              <span>{t('public.downloads')}:</span>
              {FORMATS.map((f) => (
                <a key={f} className="button" href={`${base}/open-data.${f}`} download>{f.toUpperCase()}</a>
              ))}
            </div>
            <p className="muted">{t('public.openDataNote')}</p>

            <section className="panel" aria-labelledby="h-public-pillars">
              <h2 id="h-public-pillars">{t('public.pillars')}</h2>
              <ul className="pillars">
                {pillars.map((g) => (
                  <li key={g.title ?? '—'} className="pillar">
                    <h3>{g.title ?? t('plans.noSection')}</h3>
                    {g.targets > 0 && (
                      <>
                        <div className="bar" role="img" aria-label={STATUS_ORDER.map((s) => `${statusLabel(s)} ${g.byStatus[s]}`).join(', ')}>
                          {STATUS_ORDER.filter((s) => g.byStatus[s] > 0).map((s) => (
                            <span key={s} className={`seg seg-${s}`} style={{ flexGrow: g.byStatus[s] }} />
                          ))}
                        </div>
                        <p className="pillar-counts">
                          {formatNumber(g.targets, lang)} {t('plans.targets')}:{' '}
                          {STATUS_ORDER.filter((s) => g.byStatus[s] > 0).map((s) => (
                            <span key={s} className={`status-${s}`}>{statusLabel(s)} {g.byStatus[s]} </span>
                          ))}
                        </p>
                      </>
                    )}
                    {g.tasks > 0 && (
                      <p className="pillar-counts">
                        {formatNumber(g.tasksDone, lang)}/{formatNumber(g.tasks, lang)} {t('public.tasksDone')}
                        {g.taskProgress !== null ? ` · ${t('public.taskProgress')} ${formatPercent(g.taskProgress, lang, 0)}` : ''}
                        {g.tasksOverdue > 0 ? <span className="status-missed"> · {formatNumber(g.tasksOverdue, lang)} {t('public.overdueTasks')}</span> : null}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>

            <section className="table-section" aria-labelledby="h-public-targets">
              <h2 id="h-public-targets">{t('public.targets')}</h2>
              <DataTable
                caption={t('public.targets')}
                exportName={`${exportName}-chi-tieu`}
                rows={targets}
                rowKey={(r) => r.code}
                columns={[
                  { key: 'code', header: t('public.code'), value: (r) => r.code, render: (r) => <span className="nowrap">{r.code}</span> },
                  ...(narrow ? [] : [{ key: 'pillar', header: t('tasks.pillar'), value: (r: PublicTarget) => r.pillar }]),
                  {
                    key: 'text', header: t('public.target'), value: (r) => r.text,
                    render: (r) => (narrow
                      ? <>{r.text}<span className="sub">{t('target.goal')}: {r.goal.raw} · {t('target.due')} {formatDate(r.due)}</span></>
                      : r.text),
                  },
                  ...(narrow ? [] : [
                    { key: 'goal', header: t('target.goal'), value: (r: PublicTarget) => r.goal.raw },
                    { key: 'due', header: t('target.due'), value: (r: PublicTarget) => r.due, render: (r: PublicTarget) => <span className="nowrap">{formatDate(r.due)}</span> },
                    { key: 'lead', header: t('tasks.lead'), value: (r: PublicTarget) => r.responsibleUnit },
                  ]),
                  {
                    key: 'status', header: t('plans.status'),
                    value: (r) => (r.status ? statusLabel(r.status) : t('public.notEvaluated')),
                    render: (r) => (
                      <>
                        {r.status ? <span title={(lang === 'vi' ? r.reason : r.reasonEn) ?? undefined}><StatusBadge status={r.status} /></span> : t('public.notEvaluated')}
                        {narrow && r.progress !== null && <span className="sub">{t('public.progress')} {formatShare(r.progress, lang)}</span>}
                      </>
                    ),
                  },
                  ...(narrow ? [] : [{
                    key: 'current', header: t('target.current'), numeric: true, value: (r: PublicTarget) => r.current,
                    render: (r: PublicTarget) => (r.current === null ? '—' : `${formatMeasured(r.current, r.measure, lang)}${r.currentPeriod ? ` (${formatPeriod(r.currentPeriod, lang)})` : ''}`),
                  }]),
                  ...(narrow ? [] : [{ key: 'progress', header: t('public.progress'), numeric: true, value: (r: PublicTarget) => r.progress, render: (r: PublicTarget) => formatShare(r.progress, lang) }]),
                ]}
              />
            </section>

            <section className="table-section" aria-labelledby="h-public-tasks">
              <h2 id="h-public-tasks">{t('public.tasks')}</h2>
              <DataTable
                caption={t('public.tasks')}
                exportName={`${exportName}-nhiem-vu`}
                rows={tasks}
                rowKey={(r) => r.code}
                rowClassName={(r) => (r.overdue ? 'overdue' : undefined)}
                columns={[
                  { key: 'code', header: t('public.code'), value: (r) => r.code, render: (r) => <span className="nowrap">{r.code}</span> },
                  {
                    key: 'title', header: t('tasks.task'), value: (r) => r.title,
                    render: (r) => (narrow
                      ? <>{r.title}<span className="sub">{t('tasks.lead')}: {r.responsibleUnit ?? '—'} · {t('target.due')} {r.due ? formatDate(r.due) : r.dueRaw ?? '—'}</span></>
                      : r.title),
                  },
                  ...(narrow ? [] : [
                    { key: 'lead', header: t('tasks.lead'), value: (r: PublicTask) => r.responsibleUnit },
                    { key: 'due', header: t('target.due'), value: (r: PublicTask) => r.due, render: (r: PublicTask) => (r.due ? <span className="nowrap">{formatDate(r.due)}</span> : r.dueRaw ?? '—') },
                  ]),
                  {
                    key: 'status', header: t('plans.status'), value: (r) => taskStatus(r),
                    render: (r) => (
                      <>
                        <span className={r.overdue ? 'status-missed' : undefined}>{taskStatus(r)}</span>
                        {narrow && r.progress !== null && <span className="sub">{formatPercent(r.progress, lang, 0)}</span>}
                      </>
                    ),
                  },
                  ...(narrow ? [] : [{ key: 'progress', header: t('public.progress'), numeric: true, value: (r: PublicTask) => r.progress, render: (r: PublicTask) => formatPercent(r.progress, lang, 0) }]),
                ]}
              />
            </section>
          </>
        );
      }}
    </LoadState>
  );
}
