import { useMemo } from 'react';
import { formatDate, formatMeasured, formatNumber, formatOp, formatPercent, formatPeriod } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { FRAMEWORK, type EvaluatedTarget, type Observation, type UnitScore } from './leader-data.ts';
import { ScoreExplainTable } from './RankingPage.tsx';
import { LoadState, unitName, useIndicatorNames, useNarrow, usePublishedPlans, useUnitNames } from './shared.tsx';
import { useApi } from './use-api.ts';
import './leader.css';

interface Connector { name: string; configured: boolean; running: boolean; lastRunAt: string | null; lastSuccessAt: string | null; lastError: string | null; indicators?: string[]; stale?: boolean }

/** One unit: its targets, tasks, reports, score criterion by criterion, and how fresh its data is. */
export function UnitPage({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const units = useUnitNames();
  const indicatorNames = useIndicatorNames();
  const unit = units.get(code);
  const year = new Date().getFullYear();
  const evaluation = useApi<{ targets: EvaluatedTarget[] }>(`/api/v1/evaluation?unit=${encodeURIComponent(code)}`);
  // A framework scores some kinds of unit only (HN-DTI: departments, communes and wards): an office
  // or a residential group is not asked for a score it cannot have.
  const framework = useApi<{ name: string; unitKinds: string[] }>(`/api/v1/scores/frameworks/${FRAMEWORK}`);
  const scored = unit && framework.data ? framework.data.unitKinds.includes(unit.kind) : null;
  const score = useApi<UnitScore>(scored ? `/api/v1/scores/${encodeURIComponent(code)}?framework=${FRAMEWORK}&period=${year}` : null);
  const months = Array.from({ length: 6 }, (_, k) => {
    const d = new Date(year, new Date().getMonth() - 1 - k, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
  const reports = useApi<{ rows: { period: string; state: string; timeliness: { status: string; daysLate?: number; submittedOn?: string } }[] }>(
    `/api/v1/reporting/timeliness?unit=${encodeURIComponent(code)}&periods=${months.join(',')}`,
  );
  const values = useApi<{ observations: Observation[] }>(`/api/v1/observations?unit=${encodeURIComponent(code)}`);
  const connectors = useApi<{ connectors: Connector[] }>('/api/v1/connectors');
  const { plans } = usePublishedPlans();
  const tasks = useMemo(() => (plans ?? []).flatMap((p) => p.tasks.filter((k) => k.lead.some((u) => u.code === code) || k.partners.some((u) => u.code === code))), [plans, code]);
  const freshness = useMemo(() => {
    const latest = new Map<string, Observation>();
    for (const o of values.data?.observations ?? []) {
      const seen = latest.get(o.indicator);
      if (!seen || seen.periodEnd < o.periodEnd) latest.set(o.indicator, o);
    }
    return [...latest.values()];
  }, [values.data]);

  return (
    <section className="leader">
      <p className="crumbs"><Link to="/units">{t('units.title')}</Link> ›{unit?.parent && <> <Link to={`/units/${encodeURIComponent(unit.parent)}`}>{unitName(units, unit.parent)}</Link> ›</>}</p>
      <h1>{unitName(units, code)}</h1>
      <p className="muted">{unit ? t(`kind.${unit.kind}` as MessageKey) : ''} <span data-detail>· {t('common.detail')}: {code}</span></p>

      <section className="panel" aria-labelledby="h-utargets">
        <h2 id="h-utargets">{t('unit.targets')}</h2>
        <LoadState state={evaluation}>
          {(e) => (
            <DataTable
              caption={t('unit.targets')}
              exportName={`chi-tieu-${code}`}
              rows={e.targets}
              rowKey={(x) => x.code}
              columns={[
                {
                  key: 'code', header: t('unit.target'), value: (x) => x.text ?? x.code,
                  render: (x) => (
                    <>
                      <Link to={`/targets/${encodeURIComponent(x.code)}${x.unit ? `?unit=${encodeURIComponent(x.unit)}` : ''}`}><span title={x.code}>{x.text ?? x.code}</span></Link>
                      {/* On a phone the figures go under the target's text rather than squeezing it to a word a line. */}
                      {narrow && <span className="sub">{t('target.current')} {formatMeasured(x.current, x.measure, lang)} · {t('target.goal')} {formatOp(x.op)} {formatMeasured(x.goal, x.measure, lang)} · {t('target.due')} <span className="nowrap">{formatDate(x.due)}</span></span>}
                    </>
                  ),
                },
                { key: 'status', header: t('plans.status'), value: (x) => t(`status.${x.status}` as MessageKey), render: (x) => <StatusBadge status={x.status} /> },
                ...(narrow ? [] : [
                  { key: 'current', header: t('target.current'), value: (x: EvaluatedTarget) => x.current, render: (x: EvaluatedTarget) => formatMeasured(x.current, x.measure, lang), numeric: true },
                  { key: 'goal', header: t('target.goal'), value: (x: EvaluatedTarget) => x.goal, render: (x: EvaluatedTarget) => `${formatOp(x.op)} ${formatMeasured(x.goal, x.measure, lang)}`, numeric: true },
                  { key: 'due', header: t('target.due'), value: (x: EvaluatedTarget) => x.due, render: (x: EvaluatedTarget) => <span className="nowrap">{formatDate(x.due)}</span> },
                ]),
              ]}
            />
          )}
        </LoadState>
      </section>

      <section className="panel" aria-labelledby="h-utasks">
        <h2 id="h-utasks">{t('unit.tasks')}</h2>
        {tasks.length === 0 ? <p>{t('common.none')}</p> : (
          <ul className="plain">{tasks.map((k) => <li key={`${k.id ?? k.sourceLine}`}>{k.code} {k.title} <span className="muted">({formatDate(k.due.end)}{k.progress !== null ? ` · ${formatPercent(k.progress, lang, 0)}` : ''})</span></li>)}</ul>
        )}
      </section>

      <section className="panel" aria-labelledby="h-ureports">
        <h2 id="h-ureports">{t('unit.reports')}</h2>
        <LoadState state={reports} empty={t('overview.noReporting')}>
          {(r) => r.rows.length === 0 ? <p>{t('common.none')}</p> : (
            <ul className="plain">{r.rows.map((row) =>  <li key={row.period}>{formatPeriod(row.period, lang, true)}: {t(`timeliness.${row.timeliness.status}` as MessageKey)}{row.timeliness.daysLate ? ` (${row.timeliness.daysLate} ${t('overview.days')})` : ''}</li>)}</ul>
          )}
        </LoadState>
      </section>

      <section className="panel" aria-labelledby="h-uscore">
        <h2 id="h-uscore">{t('unit.score')}</h2>
        {scored === false && framework.data && unit ? (
          <p>{t('unit.notScoredKind').replace('{framework}', framework.data.name).replace('{kind}', t(`kind.${unit.kind}` as MessageKey))}</p>
        ) : <LoadState state={score} empty={t('overview.noScore')}>
          {(s) => (
            <>
              <p>{formatNumber(s.score, lang)} / {formatNumber(s.max, lang)} · {t('overview.rank')} {s.rank} · {s.framework} {s.period}</p>
              <ScoreExplainTable explain={s.explain} unit={code} unitLabel={unitName(units, code)} />
            </>
          )}
        </LoadState>}
      </section>

      <section className="panel" aria-labelledby="h-ufresh">
        <h2 id="h-ufresh">{t('unit.freshness')}</h2>
        <LoadState state={{ ...values, data: indicatorNames && values.data }}>
          {() => (
            <DataTable
              caption={t('unit.freshness')}
              exportName={`so-lieu-${code}`}
              searchable={false}
              rows={freshness}
              rowKey={(o) => o.indicator}
              columns={[
                { key: 'indicator', header: t('unit.indicator'), value: (o) => indicatorNames?.get(o.indicator) ?? o.indicator, render: (o) => <span title={o.indicator}>{indicatorNames?.get(o.indicator) ?? o.indicator}</span> },
                { key: 'period', header: t('unit.lastPeriod'), value: (o) => o.periodStart, render: (o) => formatPeriod(o.period, lang, true) },
                { key: 'source', header: t('target.source'), value: (o) => `${o.source} (${o.origin})` },
                { key: 'recordedAt', header: t('target.recordedAt'), value: (o) => o.recordedAt, render: (o) => formatDate(o.recordedAt) },
              ]}
            />
          )}
        </LoadState>
        <h3>{t('unit.connectors')}</h3>
        <LoadState state={connectors}>
          {(c) => c.connectors.length === 0 ? <p>{t('unit.noConnectors')}</p> : (
            <ul className="plain">
              {c.connectors.map((x) => (
                <li key={x.name}>{x.name}: {x.stale ? t('unit.stale') : t('unit.fresh')} · {t('unit.lastSuccess')} {x.lastSuccessAt ? formatDate(x.lastSuccessAt) : '—'}{x.lastError ? ` · ${x.lastError}` : ''}</li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
    </section>
  );
}
