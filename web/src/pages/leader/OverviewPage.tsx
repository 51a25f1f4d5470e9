import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatDate, formatNumber } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import {
  alertLink, alertTitle, alertWhy, changesSince, countStatuses, FRAMEWORK, groupByPillar, STATUS_ORDER,
  type Alert, type EvaluatedTarget, type Observation, type Status, type UnitScore,
} from './leader-data.ts';
import { LoadState, unitName, usePublishedPlans, useUnitNames } from './shared.tsx';
import { useApi } from './use-api.ts';
import { SubtreeScoreSummary } from './SubtreeScoreSummary.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import './leader.css';
import './overview.css';

const LAST_VISIT_KEY = 'theodoi.leader.lastVisit';

/** The home screen: a leader's unit and its subtree; anonymous visitors are sent to the public page. */
export function OverviewPage() {
  const { user, loaded } = useSession();
  const { t } = useI18n();
  if (!loaded) return <p aria-busy="true">{t('common.loading')}</p>;
  if (!user) {
    return (
      <section className="leader">
        <h1>{t('overview.title')}</h1>
        <div className="notice">
          <p>{t('overview.anonymous')}</p>
          <p className="actions">
            <Link to="/public" className="button">{t('overview.toPublic')}</Link>
            <Link to="/login" className="button secondary">{t('overview.signIn')}</Link>
          </p>
        </div>
      </section>
    );
  }
  return <LeaderOverview unit={user.unit} />;
}

/** The previous visit's time, read once; the current visit is remembered as the next "last". */
function useLastVisit(): string | null {
  const [last] = useState(() => localStorage.getItem(LAST_VISIT_KEY));
  useEffect(() => {
    localStorage.setItem(LAST_VISIT_KEY, new Date().toISOString());
  }, []);
  return last;
}

function StatusCounts({ counts, label }: { counts: Record<Status, number>; label: string }) {
  const { t } = useI18n();
  return (
    <ul className="status-counts" aria-label={label}>
      {STATUS_ORDER.map((s) => (
        <li key={s} className={`count count-${s}`}>
          <span className="count-value">{counts[s]}</span>
          <span className="count-label">{t(`status.${s}` as MessageKey)}</span>
        </li>
      ))}
    </ul>
  );
}

function LeaderOverview({ unit }: { unit: string }) {
  const { t, lang } = useI18n();
  const units = useUnitNames();
  const year = new Date().getFullYear();
  const evaluation = useApi<{ asOf: string; targets: EvaluatedTarget[] }>(`/api/v1/evaluation?unit=${encodeURIComponent(unit)}`);
  const score = useApi<UnitScore>(`/api/v1/scores/${encodeURIComponent(unit)}?framework=${FRAMEWORK}&period=${year}`);
  const previousScore = useApi<UnitScore>(`/api/v1/scores/${encodeURIComponent(unit)}?framework=${FRAMEWORK}&period=${year - 1}`);
  const alerts = useApi<{ alerts: Alert[] }>(`/api/v1/alerts?unit=${encodeURIComponent(unit)}&open=true&limit=1000`);
  const months = [1, 2, 3].map((k) => {
    const d = new Date(year, new Date().getMonth() - k, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
  const timeliness = useApi<{ rows: { unit: { code: string; name: string }; period: string; timeliness: { status: string; daysLate?: number } }[] }>(
    `/api/v1/reporting/timeliness?recipient=${encodeURIComponent(unit)}&periods=${months.join(',')}`,
  );
  const lastVisit = useLastVisit();
  const since = lastVisit ?? new Date(Date.now() - 7 * 86_400_000).toISOString();
  const observations = useApi<{ observations: Observation[] }>(
    `/api/v1/observations?unit=${encodeURIComponent(unit)}&history=true&from=${since.slice(0, 7)}&limit=2000`,
  );
  const { plans } = usePublishedPlans();

  const reloadAll = useCallback(() => {
    evaluation.reload();
    score.reload();
    alerts.reload();
    observations.reload();
  }, [evaluation, score, alerts, observations]);
  const live = useLiveEvents(['observation', 'target_status', 'score', 'rank'], reloadAll, { enabled: true });

  const pillarOf = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of plans ?? []) for (const target of p.targets) if (target.code && target.sectionPath[0]) map.set(target.code, target.sectionPath[0]);
    return map;
  }, [plans]);
  // Targets no plan section holds are grouped under their indicator's name.
  const indicators = useApi<{ indicators: { code: string; name: string }[] }>('/api/v1/indicators');
  const indicatorNames = useMemo(() => new Map((indicators.data?.indicators ?? []).map((i) => [i.code, i.name])), [indicators.data]);

  const decisions = (alerts.data?.alerts ?? []).filter((a) => a.severity === 'critical' || a.kind === 'target_at_risk');
  const late = (timeliness.data?.rows ?? []).filter((r) => r.timeliness.status === 'late' || r.timeliness.status === 'missing');
  const changes = changesSince(observations.data?.observations ?? [], alerts.data?.alerts ?? [], since, lang, {
    indicator: (code) => indicatorNames.get(code),
    unit: (code) => units.get(code)?.name,
  });

  return (
    <section className="leader">
      <header className="page-head">
        <h1>{t('overview.title')}: {unitName(units, unit)}</h1>
        <p className="live" aria-live="polite">
          <span className={live.connected ? 'dot on' : 'dot'} aria-hidden="true" />
          {live.connected ? t('overview.live') : t('overview.offline')}
          {evaluation.data && <> · {t('overview.asOf')} {formatDate(evaluation.data.asOf)}</>}
        </p>
      </header>

      <div className="overview-grid">
        <section className="panel" aria-labelledby="h-status">
          <h2 id="h-status">{t('overview.status')}</h2>
          <LoadState state={evaluation}>
            {(data) => (
              <>
                <StatusCounts counts={countStatuses(data.targets)} label={t('overview.status')} />
                <p className="muted">{t('overview.targetsTotal')}: {formatNumber(data.targets.length, lang)}</p>
                <Link to="/behind">{t('behind.link')}</Link>
              </>
            )}
          </LoadState>
        </section>

        <section className="panel" aria-labelledby="h-score">
          <h2 id="h-score">{t('overview.score')}</h2>
          <LoadState state={score} empty={<><p>{t('overview.noScore')}</p><SubtreeScoreSummary unit={unit} period={String(year)} units={units} /></>}>
            {(s) => {
              const prev = previousScore.data;
              const delta = prev ? s.score - prev.score : null;
              return (
                <div className="score">
                  <p className="score-value">{formatNumber(s.score, lang)} <span className="muted">/ {formatNumber(s.max, lang)}</span></p>
                  <p>{t('overview.rank')}: <strong>{s.rank}</strong> ({t(`kind.${s.kind}` as MessageKey)}) · {t('overview.period')} {s.period}</p>
                  {delta !== null && prev && (
                    <p className={delta >= 0 ? 'trend up' : 'trend down'}>
                      {delta >= 0 ? '▲' : '▼'} {formatNumber(Math.abs(delta), lang)} {t('overview.vsPrevious')} {prev.period} ({t('overview.rank')} {prev.rank})
                    </p>
                  )}
                  <Link to="/ranking">{t('overview.toRanking')}</Link>
                </div>
              );
            }}
          </LoadState>
        </section>
      </div>

      <section className="panel" aria-labelledby="h-pillars">
        <h2 id="h-pillars">{t('overview.pillars')}</h2>
        <LoadState state={evaluation}>
          {(data) => (
            <ul className="pillars">
              {groupByPillar(data.targets, pillarOf, indicatorNames).map((g) => (
                <li key={g.pillar} className="pillar">
                  <h3>{g.pillar}</h3>
                  <div className="bar" role="img" aria-label={STATUS_ORDER.map((s) => `${t(`status.${s}` as MessageKey)} ${g.counts[s]}`).join(', ')}>
                    {STATUS_ORDER.filter((s) => g.counts[s] > 0).map((s) => (
                      <span key={s} className={`seg seg-${s}`} style={{ flexGrow: g.counts[s] }} />
                    ))}
                  </div>
                  <p className="pillar-counts">
                    {STATUS_ORDER.filter((s) => g.counts[s] > 0).map((s) => (
                      <span key={s} className={`status-${s}`}>{t(`status.${s}` as MessageKey)}: {g.counts[s]} </span>
                    ))}
                  </p>
                  <details>
                    <summary>{t('overview.targetsOf')} ({g.total})</summary>
                    <ul className="plain">
                      {g.targets.slice(0, 50).map((target) => (
                        <li key={target.code}>
                          <StatusBadge status={target.status} />{' '}
                          <Link to={`/targets/${encodeURIComponent(target.code)}?unit=${encodeURIComponent(target.unit)}`}>{target.code}</Link>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>

      <div className="overview-grid">
        <section className="panel" aria-labelledby="h-alerts">
          <h2 id="h-alerts">{t('overview.decisions')} ({decisions.length})</h2>
          <LoadState state={alerts}>
            {() => decisions.length === 0 ? <p>{t('common.none')}</p> : (
              <ul className="plain alerts">
                {decisions.slice(0, 12).map((a) => {
                  const link = alertLink(a);
                  return (
                    <li key={a.id} className={`alert sev-${a.severity}`}>
                      <p className="alert-title">{link ? <Link to={link}>{alertTitle(a)}</Link> : alertTitle(a)}</p>
                      <p className="alert-meta">
                        <span className={`sev-label sev-label-${a.severity}`}>{t(`severity.${a.severity}` as MessageKey)}</span>
                        {' · '}{a.unitName ?? (a.unit ? unitName(units, a.unit) : '—')}
                        {' · '}{t('overview.alertSince')} {formatDate(a.since)}
                      </p>
                      <p className="alert-reason muted">{alertWhy(a, lang)}</p>
                    </li>
                  );
                })}
              </ul>
            )}
          </LoadState>
        </section>

        <section className="panel" aria-labelledby="h-late">
          <h2 id="h-late">{t('overview.lateReports')} ({late.length})</h2>
          <LoadState state={timeliness} empty={t('overview.noReporting')}>
            {() => late.length === 0 ? <p>{t('common.none')}</p> : (
              <ul className="plain">
                {late.slice(0, 12).map((r) => (
                  <li key={`${r.unit.code}-${r.period}`}>
                    <Link to={`/units/${encodeURIComponent(r.unit.code)}`}>{r.unit.name}</Link> · {r.period} ·{' '}
                    {r.timeliness.status === 'missing' ? t('overview.missing') : t('overview.late')} {r.timeliness.daysLate ?? 0} {t('overview.days')}
                  </li>
                ))}
              </ul>
            )}
          </LoadState>
        </section>
      </div>

      <AlertsPanel unit={unit} />

      <section className="panel" aria-labelledby="h-changes">
        <h2 id="h-changes">{t('overview.changes')}</h2>
        <p className="muted">{lastVisit ? `${t('overview.lastVisit')} ${formatDate(lastVisit)} ${lastVisit.slice(11, 16)}` : t('overview.firstVisit')} · {t('overview.liveReceived')}: {live.received}</p>
        {changes.length === 0 ? <p>{t('overview.noChanges')}</p> : (
          <ul className="plain changes">
            {changes.slice(0, 20).map((c, i) => (
              <li key={`${c.at}-${i}`}>
                <span className="muted">{formatDate(c.at)} {c.at.slice(11, 16)}</span>{' '}
                <span className="tag">{t(c.kind === 'alert' ? 'overview.changeAlert' : 'overview.changeValue')}</span>{' '}
                {c.link ? <Link to={c.link}>{c.text}</Link> : c.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
