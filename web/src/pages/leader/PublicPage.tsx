import { useMemo, useState } from 'react';
import { formatDate, formatNumber } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { downloadBlob, exportXlsx, type SheetColumn } from '../../components/export-xlsx.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { countStatuses, isDone, STATUS_ORDER, toCsv, type EvaluatedTarget, type PlanDetail, type PlanSummary, type PlanTarget } from './leader-data.ts';
import { LoadState } from './shared.tsx';
import { useApi } from './use-api.ts';
import type { MessageKey } from '../../i18n/vi.ts';
import './leader.css';

interface PublicRow { code: string; section: string; text: string; goal: string; due: string | null; lead: string; status: string | null; current: number | null }

/**
 * A published plan for everyone, without signing in: what the plan promises and how far it is,
 * with open data to download (generated here from the plan's JSON: the API has no open-data
 * endpoint). Classified items must be left out by the plan API for anonymous readers; progress
 * figures appear once the reader is signed in, because the evaluation API is not public yet.
 */
export function PublicPage() {
  const { t } = useI18n();
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const published = (plans.data ?? []).filter((p) => p.publishedVersionNo !== null);
  const [chosen, setChosen] = useState<string>('');
  const planId = chosen || (published[0] ? String(published[0].id) : '');
  return (
    <section className="leader public">
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      <LoadState state={plans}>
        {() => published.length === 0 ? <p>{t('public.noPlan')}</p> : (
          <>
            {published.length > 1 && (
              <label className="search">
                <span>{t('public.plan')}</span>
                <select value={planId} onChange={(e) => setChosen(e.target.value)}>
                  {published.map((p) => <option key={p.id} value={p.id}>{p.code} — {p.title}</option>)}
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
  const { user } = useSession();
  const plan = useApi<PlanDetail>(`/api/v1/plans/${encodeURIComponent(id)}`);
  const evaluation = useApi<{ targets: EvaluatedTarget[] }>(user ? `/api/v1/evaluation?plan=${encodeURIComponent(id)}` : null);
  const rows = useMemo<PublicRow[]>(() => {
    const status = new Map((evaluation.data?.targets ?? []).map((e) => [e.code, e]));
    return (plan.data?.targets ?? []).map((x: PlanTarget) => ({
      code: x.code ?? String(x.sourceLine),
      section: x.sectionPath.join(' › '),
      text: x.text,
      goal: x.goal.raw,
      due: x.due.end,
      lead: x.lead.map((u) => u.name).join(', '),
      status: x.code ? status.get(x.code)?.status ?? null : null,
      current: x.code ? status.get(x.code)?.current ?? null : null,
    }));
  }, [plan.data, evaluation.data]);
  const columns: SheetColumn<PublicRow>[] = [
    { header: t('public.code'), value: (r) => r.code },
    { header: t('public.section'), value: (r) => r.section },
    { header: t('public.target'), value: (r) => r.text },
    { header: t('target.goal'), value: (r) => r.goal },
    { header: t('target.due'), value: (r) => (r.due ? formatDate(r.due) : null) },
    { header: t('tasks.lead'), value: (r) => r.lead },
    { header: t('plans.status'), value: (r) => (r.status ? t(`status.${r.status}` as MessageKey) : null) },
    { header: t('target.current'), value: (r) => r.current },
  ];
  const fileBase = (p: PlanDetail) => `du-lieu-mo-${(p.code ?? String(p.id)).replace(/[^\p{L}\p{N}]+/gu, '-')}`;
  const download = (p: PlanDetail, format: 'csv' | 'json' | 'xlsx') => {
    if (format === 'xlsx') return void exportXlsx(fileBase(p), t('public.title'), columns, rows);
    if (format === 'csv') {
      const csv = toCsv(columns.map((c) => c.header), rows.map((r) => columns.map((c) => c.value(r))));
      return downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${fileBase(p)}.csv`);
    }
    const json = JSON.stringify({ plan: { code: p.code, title: p.title, issuer: p.issuer, issuedOn: p.issuedOn, version: p.version.versionNo }, targets: rows }, null, 2);
    downloadBlob(new Blob([json], { type: 'application/json' }), `${fileBase(p)}.json`);
  };
  return (
    <LoadState state={plan}>
      {(p) => {
        const counts = countStatuses(rows.filter((r) => r.status).map((r) => ({ status: r.status as EvaluatedTarget['status'] })));
        const doneTasks = p.tasks.filter(isDone).length;
        return (
          <>
            <h2>{p.title}</h2>
            <p className="muted">{p.code} · {p.issuer} · {formatDate(p.issuedOn)} · {t('public.version')} {p.version.versionNo}{p.version.publishedAt ? ` (${formatDate(p.version.publishedAt)})` : ''}</p>
            <div className="cards">
              <div className="card"><strong>{formatNumber(p.targets.length, lang)}</strong> {t('plans.targets')}</div>
              <div className="card"><strong>{formatNumber(p.tasks.length, lang)}</strong> {t('plans.tasks')}</div>
              <div className="card"><strong>{formatNumber(doneTasks, lang)}</strong> {t('public.tasksDone')}</div>
              {user && STATUS_ORDER.map((s) => <div key={s} className="card"><strong>{counts[s]}</strong> <span className={`status-${s}`}>{t(`status.${s}` as MessageKey)}</span></div>)}
            </div>
            {!user && <p className="muted">{t('public.progressNote')}</p>}
            <div className="downloads" role="group" aria-label={t('public.downloads')}>
              <span>{t('public.downloads')}:</span>
              <button type="button" className="button" onClick={() => download(p, 'csv')}>CSV</button>
              <button type="button" className="button" onClick={() => download(p, 'json')}>JSON</button>
              <button type="button" className="button" onClick={() => download(p, 'xlsx')}>XLSX</button>
            </div>
            <DataTable
              caption={t('public.targets')}
              exportName={fileBase(p)}
              rows={rows}
              rowKey={(r) => r.code}
              columns={[
                { key: 'code', header: t('public.code'), value: (r) => r.code },
                { key: 'text', header: t('public.target'), value: (r) => r.text },
                { key: 'goal', header: t('target.goal'), value: (r) => r.goal },
                { key: 'due', header: t('target.due'), value: (r) => r.due, render: (r) => formatDate(r.due) },
                { key: 'lead', header: t('tasks.lead'), value: (r) => r.lead },
                ...(user ? [{ key: 'status', header: t('plans.status'), value: (r: PublicRow) => r.status, render: (r: PublicRow) => (r.status ? <StatusBadge status={r.status} /> : '—') }] : []),
              ]}
            />
          </>
        );
      }}
    </LoadState>
  );
}
