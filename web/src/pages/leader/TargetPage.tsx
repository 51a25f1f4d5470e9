import { lazy, Suspense, useMemo, useState } from 'react';
import { formatDate, formatMeasured, formatNumber, formatOp, formatPeriod, formatShare } from '../../app/format.ts';
import { api, ApiError } from '../../app/api.ts';
import { useServerWords } from '../../app/use-server-words.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { IndicatorPicker, type PickableIndicator } from '../../components/IndicatorPicker.tsx';
import { Sparkline } from '../../components/Sparkline.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { buildTargetChartData } from '../../components/target-chart-data.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { EvaluatedTarget, Observation, PlanDetail, RegistryUnit } from './leader-data.ts';
import type { TargetBreakdownRowAnswer } from '../../../../src/http/routes/target-breakdown/schema.ts';
import { forecastModelLine } from './forecast-model.ts';
import { mayLinkTargets } from './may-link-target.ts';
import { LoadState, unitName, usePublishedPlans, useUnitNames } from './shared.tsx';
import { useApi } from './use-api.ts';
import './leader.css';

const TargetChart = lazy(() => import('../../components/TargetChart.tsx').then((m) => ({ default: m.TargetChart })));

/** One target: its chart (values, goal, expected path, forecast band), values' versions, units, tasks. */
export function TargetPage({ code }: { code: string }) {
  const { t, lang } = useI18n();
  // Only this target is evaluated, not the whole city; a code the server does not know (422) is shown like one not monitored.
  const fetched = useApi<{ asOf: string; targets: EvaluatedTarget[] }>(`/api/v1/evaluation?target=${encodeURIComponent(code)}`);
  const evaluation = fetched.error instanceof ApiError && fetched.error.status === 422 ? { ...fetched, data: { asOf: '', targets: [] }, error: null } : fetched;
  const target = evaluation.data?.targets.find((x) => x.code === code) ?? null;
  const history = useApi<{ observations: Observation[] }>(
    target?.indicator && target.unit ? `/api/v1/observations?indicator=${encodeURIComponent(target.indicator)}&unit=${encodeURIComponent(target.unit)}&history=true` : null,
  );
  // A city or district total is rolled up from the units below it, so it has no values of its own.
  const ownValues = history.data?.observations ?? null;
  const rollup = useApi<{ series: { period: string; value: number | null }[] }>(
    target?.indicator && target.unit && ownValues && ownValues.length === 0 ? `/api/v1/rollups?indicator=${encodeURIComponent(target.indicator)}&unit=${encodeURIComponent(target.unit)}` : null,
  );
  const units = useUnitNames();
  const { plans } = usePublishedPlans();
  const planTarget = useMemo(() => {
    for (const p of plans ?? []) {
      const found = p.targets.find((x) => x.code === code);
      if (found) return { plan: p, target: found };
    }
    return null;
  }, [plans, code]);
  const relatedTasks = planTarget ? planTarget.plan.tasks.filter((k) => k.sectionPath[0] === planTarget.target.sectionPath[0]) : [];
  const chart = useMemo(() => {
    // A target without a numeric goal or due date (the server sends null) has no path to draw.
    if (!target || !ownValues || target.goal === null || target.due === null) return null;
    const charted = { ...target, goal: target.goal, due: target.due };
    if (ownValues.length > 0) return buildTargetChartData(ownValues, charted);
    if (!rollup.data) return null;
    return buildTargetChartData(rollup.data.series.map((p) => ({ periodEnd: `${p.period.slice(0, 7)}-28`, value: p.value, current: true })), charted);
  }, [target, ownValues, rollup.data]);
  // The measure ("%", "doanh nghiệp"): the server's (the target's, else its indicator's), else the plan's.
  const measure = target?.measure ?? planTarget?.target.measure ?? null;
  const home = target?.responsibleUnit ?? target?.unit ?? null;

  return (
    <section className="leader">
      {/* Where the target sits: its plan, or (a target of no published plan) the unit answering for it — never a crumb leading nowhere. */}
      <p className="crumbs">
        {planTarget
          ? <><Link to="/plans">{t('plans.title')}</Link> › <Link to={`/plans/${planTarget.plan.id}`}>{planTarget.plan.code ?? planTarget.plan.title}</Link> ›</>
          : home && <><Link to="/units">{t('units.title')}</Link> › <Link to={`/units/${encodeURIComponent(home)}`}>{unitName(units, home)}</Link> ›</>}
      </p>
      <h1>{t('target.title')}: {planTarget?.target.text ?? target?.text ?? code}</h1>
      <p className="muted" data-detail>{t('common.detail')}: {code}</p>
      {planTarget && evaluation.data && (
        <LinkIndicatorPanel plan={planTarget.plan} targetCode={planTarget.target.code ?? code} current={target?.indicator ?? null} units={units} onLinked={evaluation.reload} />
      )}
      <LoadState state={evaluation}>
        {() => !target ? <p className="notice">{planTarget ? t('target.notMonitored') : t('common.none')}{planTarget && <> — {planTarget.target.text} ({planTarget.target.goal.raw})</>}</p> : (
          <>
            <div className="facts">
              <p><StatusBadge status={target.status} /></p>
              <p>{t('target.goal')}: <strong className="goal-value">{formatOp(target.op)} {formatMeasured(target.goal, measure, lang)}</strong> · {t('target.due')} {formatDate(target.due)}</p>
              {/* Without an indicator there is no value, forecast or probability to show — not an invented 50 %. */}
              {target.indicator && <p>{t('target.current')}: <strong>{formatMeasured(target.current, measure, lang)}</strong> ({formatPeriod(target.currentPeriod, lang)}) · {t('target.expected')}: {formatMeasured(target.expected, measure, lang)}</p>}
              {target.indicator && <p>{t('target.forecast')}: {formatMeasured(target.forecast, measure, lang)} ({formatNumber(target.forecastLow, lang)}–{formatMeasured(target.forecastHigh, measure, lang)}) · {t('target.pMiss')}: {formatShare(target.pMiss, lang)}</p>}
              {target.indicator && <p data-forecast-model={target.model ?? 'none'}>{forecastModelLine(target, measure, t, lang)}</p>}
              <p className="reason">{lang === 'vi' ? target.reason : target.reasonEn}</p>
            </div>
            <section className="panel" aria-labelledby="h-chart">
              <h2 id="h-chart">{t('chart.title')}</h2>
              {!target.indicator ? <p>{t('target.noIndicator')}</p> : chart ? (
                <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
                  <TargetChart data={chart} measure={measure} />
                </Suspense>
              ) : <LoadState state={history}>{() => null}</LoadState>}
            </section>
            <UnitBreakdown code={code} measure={measure} />
            <section className="panel" aria-labelledby="h-units">
              <h2 id="h-units">{t('target.units')}</h2>
              <ul className="plain">
                {target.responsibleUnit && <li>{t('target.responsible')}: <Link to={`/units/${encodeURIComponent(target.responsibleUnit)}`}>{unitName(units, target.responsibleUnit)}</Link></li>}
                {target.unit && target.unit !== target.responsibleUnit && <li>{t('target.scope')}: <Link to={`/units/${encodeURIComponent(target.unit)}`}>{unitName(units, target.unit)}</Link></li>}
                {planTarget?.target.partners.map((u) => <li key={u.name}>{t('target.partner')}: {u.code ? <Link to={`/units/${encodeURIComponent(u.code)}`}>{u.name}</Link> : u.name}</li>)}
                {planTarget?.target.monitor.map((u) => <li key={`m-${u.name}`}>{t('target.monitor')}: {u.name}</li>)}
              </ul>
            </section>
            <section className="panel" aria-labelledby="h-values">
              <h2 id="h-values">{t('target.values')}</h2>
              {/* Without an indicator there is nothing to read: no values, rather than "loading" for ever. */}
              {!target.indicator ? <p>{t('common.none')}</p> : <LoadState state={history}>
                {(h) => (
                  <DataTable
                    caption={t('target.values')}
                    exportName={`chi-tieu-${code}`}
                    rows={[...h.observations].sort((a, b) => b.periodStart.localeCompare(a.periodStart) || b.version - a.version)}
                    rowKey={(o) => `${o.period}-${o.version}`}
                    rowClassName={(o) => (o.current ? undefined : 'superseded')}
                    columns={[
                      { key: 'period', header: t('target.period'), value: (o) => o.periodStart, render: (o) => formatPeriod(o.period, lang, true) },
                      { key: 'value', header: t('target.value'), value: (o) => o.value, render: (o) => formatMeasured(o.value, measure, lang, 2), numeric: true },
                      { key: 'version', header: t('target.version'), value: (o) => o.version, render: (o) => `v${o.version}${o.current ? ` (${t('target.currentVersion')})` : ''}`, numeric: true },
                      { key: 'source', header: t('target.source'), value: (o) => `${o.source} (${o.origin})` },
                      { key: 'actor', header: t('target.actor'), value: (o) => o.actorName, render: (o) => <span title={o.actor}>{o.actorName}</span> },
                      { key: 'recordedAt', header: t('target.recordedAt'), value: (o) => o.recordedAt, render: (o) => `${formatDate(o.recordedAt)} ${o.recordedAt.slice(11, 16)}` },
                      { key: 'note', header: t('target.note'), value: (o) => o.reason ?? o.note },
                    ]}
                  />
                )}
              </LoadState>}
            </section>
          </>
        )}
      </LoadState>
      <section className="panel" aria-labelledby="h-tasks">
        <h2 id="h-tasks">{t('target.tasks')}</h2>
        {relatedTasks.length === 0 ? <p>{t('common.none')}</p> : (
          <ul className="plain">
            {relatedTasks.map((k) => <li key={k.id ?? k.sourceLine}>{k.code} {k.title} <span className="muted">({formatDate(k.due.end)})</span></li>)}
          </ul>
        )}
      </section>
    </section>
  );
}

/**
 * "Gắn chỉ số" for a published target: the indicator searched by name without diacritics (the draft
 * review's picker), linked through the API's audited link. A target already measured can be re-linked
 * to another indicator — only after the person confirms the change from the old indicator to the new
 * (the API's `replace`, audited with before/after). Shown only to those the API lets administer the
 * plan's owner; the server decides regardless, and its refusal is shown.
 */
function LinkIndicatorPanel({ plan, targetCode, current, units, onLinked }: { plan: PlanDetail; targetCode: string; current: string | null; units: Map<string, RegistryUnit>; onLinked: () => void }) {
  const { t } = useI18n();
  const words = useServerWords();
  const { user } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [linked, setLinked] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const root = useMemo(() => [...units.values()].find((u) => u.parent === null)?.code ?? null, [units]);
  const allowed = mayLinkTargets(user?.grants ?? [], plan.owner?.code ?? root, (c) => units.get(c)?.parent ?? null);
  const indicators = useApi<{ indicators: PickableIndicator[] }>(allowed ? '/api/v1/indicators' : null);
  if (!allowed) return null;
  const nameOf = (code: string) => indicators.data?.indicators.find((i) => i.code === code)?.name ?? code;
  const link = async (indicator: string, replace: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/plans/${plan.id}/targets/${encodeURIComponent(targetCode)}/link`, { method: 'POST', body: JSON.stringify(replace ? { indicator, replace: true } : { indicator }) });
      setLinked(nameOf(indicator));
      setChanging(false);
      setPending(null);
      onLinked();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const problems = error instanceof ApiError
    ? (error.status === 403 ? [t('leader.forbidden')] : error.errors.length ? error.errors.map(words.problem) : [words.failure(error)])
    : error instanceof Error ? [error.message] : [];
  const pickable = (indicators.data?.indicators ?? []).filter((i) => i.code !== current);
  return (
    <section className="panel" aria-labelledby="h-link">
      <h2 id="h-link">{t('targetLink.title')}</h2>
      {!current && <p className="muted">{t('targetLink.hint')}</p>}
      {current && !linked && <p>{t('targetLink.current')} <span title={current}>{nameOf(current)}</span></p>}
      {current && !changing && !pending && <button type="button" className="ws-secondary" onClick={() => { setChanging(true); setLinked(null); }}>{t('targetLink.change')}</button>}
      {(!current || changing) && !pending && (
        <IndicatorPicker indicators={pickable} label={t('targetLink.search')} busy={busy || !indicators.data} onLink={(c) => (current ? setPending(c) : void link(c, false))} />
      )}
      {current && pending && (
        <div role="group" aria-labelledby="link-confirm">
          <p id="link-confirm">{t('targetLink.confirm').replace('{from}', nameOf(current)).replace('{to}', nameOf(pending))}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void link(pending, true)}>{t('targetLink.confirmYes')}</button>{' '}
          <button type="button" className="ws-secondary" disabled={busy} onClick={() => { setPending(null); setChanging(false); }}>{t('targetLink.cancel')}</button>
        </div>
      )}
      {linked && <p role="status">{t('targetLink.done')} {linked}</p>}
      {problems.length > 0 && <p role="alert" className="notice">{problems.join('; ')}</p>}
    </section>
  );
}

type BreakdownRow = TargetBreakdownRowAnswer;

/** A city target unit by unit, furthest behind first: a table with a small chart per unit. */
function UnitBreakdown({ code, measure }: { code: string; measure: string | null }) {
  const { t, lang } = useI18n();
  const breakdown = useApi<{ rows: BreakdownRow[] }>(`/api/v1/targets/breakdown?target=${encodeURIComponent(code)}`);
  // A target not split by unit has no breakdown: nothing is shown rather than an empty panel.
  if (breakdown.data && breakdown.data.rows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="h-breakdown">
      <h2 id="h-breakdown">{t('breakdown.title')}</h2>
      <LoadState state={breakdown}>
        {(b) => (
          <DataTable
            caption={t('breakdown.title')}
            exportName={`chi-tieu-${code}-theo-don-vi`}
            rows={b.rows}
            rowKey={(r) => r.code}
            columns={[
              { key: 'unit', header: t('breakdown.unit'), value: (r) => r.unitName ?? r.unit, render: (r) => <Link to={`/targets/${encodeURIComponent(r.code)}`}><span title={r.code}>{r.unitName ?? r.unit}</span></Link> },
              { key: 'status', header: t('plans.status'), value: (r) => t(`status.${r.status}` as MessageKey), render: (r) => <StatusBadge status={r.status} /> },
              { key: 'current', header: t('target.current'), value: (r) => r.current, render: (r) => formatMeasured(r.current, measure, lang), numeric: true },
              { key: 'gap', header: t('breakdown.gap'), value: (r) => r.gap, render: (r) => (r.gap === null ? '—' : formatMeasured(Math.max(r.gap, 0), measure, lang)), numeric: true },
              {
                key: 'trend', header: t('breakdown.trend'), value: (r) => r.series.length, sortable: false,
                render: (r) => r.series.length === 0 ? <span className="muted">{t('breakdown.noSeries')}</span> : (
                  <Sparkline
                    values={r.series.map((p) => p.value)}
                    goal={r.goal}
                    label={`${r.unitName ?? r.unit ?? ''}: ${formatPeriod(r.series[0]?.period, lang)} ${formatNumber(r.series[0]?.value, lang)} → ${formatPeriod(r.series.at(-1)?.period, lang)} ${formatNumber(r.series.at(-1)?.value, lang)}`}
                  />
                ),
              },
              { key: 'due', header: t('target.due'), value: (r) => r.due, render: (r) => <span className="nowrap">{formatDate(r.due)}</span> },
            ]}
          />
        )}
      </LoadState>
    </section>
  );
}
