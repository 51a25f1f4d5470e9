import { useMemo, useState } from 'react';
import { formatDate, formatPercent } from '../../app/format.ts';
import { useServerWords } from '../../app/use-server-words.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { isOverdue, quarterOf, sixClearWarnings, sortTasksForBoard, todayIso, type PlanDetail, type PlanTask } from './leader-data.ts';
import { useNarrow, usePublishedPlans } from './shared.tsx';
import { leaderVi as catalogueKeys } from '../../i18n/messages/leader.ts';
import './leader.css';

type BoardTask = PlanTask & { plan: PlanDetail; overdue: boolean; quarter: string | null; warnings: string[] };

/** Every task of the published plans: overdue first, then by deadline, with the "6 rõ" gaps. */
export function TasksPage() {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const words = useServerWords();
  const { plans, error } = usePublishedPlans();
  const [unit, setUnit] = useState('');
  const [pillar, setPillar] = useState('');
  const [quarter, setQuarter] = useState('');
  const today = todayIso();
  const all = useMemo<BoardTask[]>(
    () => (plans ?? []).flatMap((plan) => plan.tasks.map((k) => ({ ...k, plan, overdue: isOverdue(k, today), quarter: quarterOf(k.due.end), warnings: sixClearWarnings(k) }))),
    [plans, today],
  );
  const options = useMemo(() => ({
    units: [...new Map(all.flatMap((k) => k.lead).filter((u) => u.code).map((u) => [u.code as string, u.name])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi')),
    pillars: [...new Set(all.map((k) => k.sectionPath[0]).filter((s): s is string => !!s))],
    quarters: [...new Set(all.map((k) => k.quarter).filter((q): q is string => !!q))].sort(),
  }), [all]);
  const shown = useMemo(
    () => sortTasksForBoard(all.filter((k) => (!unit || k.lead.some((u) => u.code === unit)) && (!pillar || k.sectionPath[0] === pillar) && (!quarter || k.quarter === quarter)), today),
    [all, unit, pillar, quarter, today],
  );
  if (error) return <p role="alert">{t('common.error')}: {words.failure(error)}</p>;
  if (!plans) return <p aria-busy="true">{t('common.loading')}</p>;
  const statusText = (k: BoardTask) => {
    if (!k.status) return t('tasks.open');
    const key = `taskStatus.${k.status}`;
    return key in catalogueKeys ? t(key as MessageKey) : k.status;
  };
  const overdueCount = shown.filter((k) => k.overdue).length;
  const select = (label: string, value: string, set: (v: string) => void, items: [string, string][]) => (
    <label className="search">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        <option value="">{t('tasks.all')}</option>
        {items.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
  return (
    <section className="leader">
      <h1>{t('tasks.title')}</h1>
      <p>{t('tasks.summary')}: {shown.length} · <strong className="status-missed">{t('tasks.overdue')}: {overdueCount}</strong></p>
      <DataTable
        caption={t('tasks.title')}
        exportName="nhiem-vu"
        rows={shown}
        rowKey={(k) => `${k.plan.id}-${k.id ?? k.sourceLine}`}
        rowClassName={(k) => (k.overdue ? 'overdue' : undefined)}
        toolbar={<>
          {select(t('tasks.unit'), unit, setUnit, options.units)}
          {select(t('tasks.pillar'), pillar, setPillar, options.pillars.map((p) => [p, p]))}
          {select(t('tasks.quarter'), quarter, setQuarter, options.quarters.map((q) => [q, q]))}
        </>}
        columns={[
          // On a phone the task's text keeps the width; its code, lead, due date and "6 rõ" gaps go under it.
          ...(narrow ? [] : [{ key: 'code', header: t('units.code'), value: (k: BoardTask) => k.code, render: (k: BoardTask) => <span className="nowrap">{k.code ?? '—'}</span> }]),
          {
            // On a phone the code lives in this column, so the search finds a task by its code there too.
            key: 'title', header: t('tasks.task'), value: (k) => (narrow && k.code ? `${k.title} ${k.code}` : k.title),
            render: (k) => (narrow ? (
              <>
                {k.title}
                <span className="sub">
                  {k.code && <span className="nowrap">{k.code}</span>} · {k.lead.map((u) => u.name).join(', ') || '—'} · {t('target.due')} <span className="nowrap">{formatDate(k.due.end)}</span>
                  {k.warnings.length > 0 && <> · ⚠ {k.warnings.map((w) => t(`sixClear.${w}` as MessageKey)).join('; ')}</>}
                </span>
              </>
            ) : k.title),
          },
          ...(narrow ? [] : [
            { key: 'lead', header: t('tasks.lead'), value: (k: BoardTask) => k.lead.map((u) => u.name).join(', ') || null },
            { key: 'due', header: t('target.due'), value: (k: BoardTask) => k.due.end, render: (k: BoardTask) => <span className="nowrap">{formatDate(k.due.end)}</span> },
          ]),
          { key: 'state', header: t('plans.status'), value: (k) => (k.overdue ? t('tasks.overdue') : statusText(k)), render: (k) => (
            <>{k.overdue ? <span className="badge badge-missed">{t('tasks.overdue')}</span> : statusText(k)}{k.progress !== null ? ` · ${formatPercent(k.progress, lang, 0)}` : ''}</>
          ) },
          ...(narrow ? [] : [{ key: 'warnings', header: t('tasks.sixClear'), value: (k: BoardTask) => k.warnings.map((w) => t(`sixClear.${w}` as MessageKey)).join('; ') || null, render: (k: BoardTask) => (
            k.warnings.length === 0 ? '✓' : <ul className="plain warnings">{k.warnings.map((w) => <li key={w}>⚠ {t(`sixClear.${w}` as MessageKey)}</li>)}</ul>
          ) }]),
        ]}
      />
    </section>
  );
}
