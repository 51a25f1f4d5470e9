import { formatDate } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { PlanDetail, PlanSummary, PlanTarget, PlanTask } from './leader-data.ts';
import { LoadState } from './shared.tsx';
import { useApi } from './use-api.ts';
import './leader.css';

/** Every plan, published or not; a row opens the plan. */
export function PlansPage() {
  const { t } = useI18n();
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  return (
    <section className="leader">
      <h1>{t('plans.title')}</h1>
      <LoadState state={plans}>
        {(rows) => (
          <DataTable
            caption={t('plans.title')}
            exportName="ke-hoach"
            rows={rows}
            rowKey={(p) => String(p.id)}
            columns={[
              { key: 'code', header: t('plans.code'), value: (p) => p.code },
              { key: 'title', header: t('plans.name'), value: (p) => p.title, render: (p) => <Link to={`/plans/${p.id}`}>{p.title}</Link> },
              { key: 'issuer', header: t('plans.issuer'), value: (p) => p.issuer },
              { key: 'issuedOn', header: t('plans.issuedOn'), value: (p) => p.issuedOn, render: (p) => formatDate(p.issuedOn) },
              { key: 'status', header: t('plans.status'), value: (p) => (p.publishedVersionNo ? `${t('plans.published')} v${p.publishedVersionNo}` : t('plans.draft')) },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}

/** Sections in document order, each with its targets and tasks. */
export function PlanPage({ id }: { id: string }) {
  const { t } = useI18n();
  const plan = useApi<PlanDetail>(`/api/v1/plans/${encodeURIComponent(id)}`);
  return (
    <section className="leader">
      <p className="crumbs"><Link to="/plans">{t('plans.title')}</Link> ›</p>
      <LoadState state={plan}>
        {(p) => {
          const sections = [...new Set([...p.targets, ...p.tasks].map((i) => i.sectionPath.join(' › ')))];
          return (
            <>
              <h1>{p.title}</h1>
              <p className="muted">{p.code} · {p.issuer} · {formatDate(p.issuedOn)} · v{p.version.versionNo} ({p.version.status})</p>
              <p>{t('plans.counts')}: {p.targets.length} {t('plans.targets')}, {p.tasks.length} {t('plans.tasks')}</p>
              {sections.map((section) => (
                <PlanSectionBlock key={section} title={section || t('plans.noSection')}
                  targets={p.targets.filter((x) => x.sectionPath.join(' › ') === section)}
                  tasks={p.tasks.filter((x) => x.sectionPath.join(' › ') === section)} />
              ))}
            </>
          );
        }}
      </LoadState>
    </section>
  );
}

function PlanSectionBlock({ title, targets, tasks }: { title: string; targets: PlanTarget[]; tasks: PlanTask[] }) {
  const { t } = useI18n();
  return (
    <section className="panel">
      <h2>{title}</h2>
      {targets.length > 0 && (
        <ul className="plain items">
          {targets.map((x) => (
            <li key={`t-${x.id ?? x.sourceLine}`}>
              <span className="tag">{t('plans.target')}</span>{' '}
              {x.code ? <Link to={`/targets/${encodeURIComponent(x.code)}`}>{x.code}</Link> : null} {x.text}{' '}
              <span className="muted">({x.goal.raw}{x.due.end ? ` · ${formatDate(x.due.end)}` : ''}{x.lead[0] ? ` · ${x.lead.map((u) => u.name).join(', ')}` : ''})</span>
            </li>
          ))}
        </ul>
      )}
      {tasks.length > 0 && (
        <ul className="plain items">
          {tasks.map((x) => (
            <li key={`k-${x.id ?? x.sourceLine}`}>
              <span className="tag">{t('plans.task')}</span> {x.code} {x.title}{' '}
              <span className="muted">({x.due.end ? formatDate(x.due.end) : '—'}{x.lead[0] ? ` · ${x.lead.map((u) => u.code ? u.name : u.name).join(', ')}` : ''})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
