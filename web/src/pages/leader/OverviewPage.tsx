import { useCallback, useEffect, useState } from 'react';
import { formatDate, formatNumber, formatPercent, formatShare } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.ts';
import { Link, useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { ALERT_SEVERITIES, STATUS_ORDER, type Status } from './leader-data.ts';
import { standingOf, targetListHref, type OverviewData, type OverviewRankRow } from './overview-data.ts';
import { AlertsPanel } from './AlertsPanel.tsx';
import { RecentChanges } from './RecentChanges.tsx';
import { LoadState } from './shared.tsx';
import { useApi } from './use-api.ts';
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
  // No storage where the server draws the first screen: there the line says nothing of a last visit.
  const [last] = useState(() => (typeof localStorage === 'undefined' ? null : localStorage.getItem(LAST_VISIT_KEY)));
  useEffect(() => {
    localStorage.setItem(LAST_VISIT_KEY, new Date().toISOString());
  }, []);
  return last;
}

/**
 * The first screen reads GET /api/v1/overview only (a few kilobytes): every figure on it is a count
 * the server made, and every count is a link to the list behind it, loaded when opened. Alerts by
 * unit and the changes since the last visit load on demand too.
 */
function LeaderOverview({ unit }: { unit: string }) {
  const { t, lang } = useI18n();
  const { location } = useRouter();
  const overview = useApi<OverviewData>(`/api/v1/overview?unit=${encodeURIComponent(unit)}`);
  const reload = overview.reload;
  const onLive = useCallback(() => reload(), [reload]);
  const live = useLiveEvents(['observation', 'target_status', 'score', 'rank'], onLive, { enabled: true });
  const lastVisit = useLastVisit();
  const alertFilter = location.query.get('alerts');
  const [showAlerts, setShowAlerts] = useState(alertFilter !== null);
  useEffect(() => {
    if (alertFilter !== null) setShowAlerts(true);
  }, [alertFilter]);
  const [showChanges, setShowChanges] = useState(false);
  const o = overview.data;

  return (
    <section className="leader">
      <header className="page-head">
        <h1>{t('overview.title')}: {o?.unit.name ?? unit}</h1>
        <p className="live" aria-live="polite">
          <span className={live.connected ? 'dot on' : 'dot'} aria-hidden="true" />
          {live.connected ? t('overview.live') : t('overview.offline')}
          {o && <> · {t('overview.asOf')} {formatDate(o.asOf)}</>}
        </p>
      </header>

      <div className="overview-grid">
        <section className="panel" aria-labelledby="h-status">
          <h2 id="h-status">{t('overview.status')}</h2>
          <LoadState state={overview}>
            {(data) => (
              <>
                <StatusTiles unit={unit} counts={data.targets.counts} label={t('overview.status')} />
                <p className="muted">
                  {t('ov.targetsTotal')}: <Link to={targetListHref({ unit })}>{formatNumber(data.targets.total, lang, 0)}</Link>
                </p>
                <Link to="/behind">{t('behind.link')}</Link>
              </>
            )}
          </LoadState>
        </section>

        <section className="panel" aria-labelledby="h-score">
          <h2 id="h-score">{t('ov.ranking')}</h2>
          <LoadState state={overview}>{(data) => <RankingExcerpt data={data} />}</LoadState>
        </section>
      </div>

      <section className="panel" aria-labelledby="h-pillars">
        <h2 id="h-pillars">{t('ov.pillars')}</h2>
        <LoadState state={overview}>{(data) => <PillarCards unit={unit} data={data} />}</LoadState>
      </section>

      <div className="overview-grid">
        <section className="panel" aria-labelledby="h-risks">
          <h2 id="h-risks">{t('ov.risks')}</h2>
          <LoadState state={overview}>
            {(data) => data.risks.length === 0 ? <p>{t('common.none')}</p> : (
              <ul className="plain risks">
                {data.risks.map((r) => (
                  <li key={r.code}>
                    <StatusBadge status={r.status} />{' '}
                    <Link to={`/targets/${encodeURIComponent(r.code)}${r.unit ? `?unit=${encodeURIComponent(r.unit)}` : ''}`}>{r.text ?? r.code}</Link>
                    <span className="muted">
                      {' · '}{r.unitName ?? r.unit ?? '—'}
                      {' · '}{t('ov.pMiss')} {formatShare(r.pMiss, lang)}
                      {r.due && <>{' · '}{t('ov.due')} {formatDate(r.due)}</>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </LoadState>
        </section>

        <section className="panel" aria-labelledby="h-late">
          <h2 id="h-late">{t('ov.lateReports')}</h2>
          <LoadState state={overview}>
            {({ lateReports: l }) => (
              <>
                <p>
                  <strong>{formatNumber(l.lateCount, lang, 0)}</strong> {t('ov.lateOf')} {formatNumber(l.due, lang, 0)} {t('ov.dueReports')}
                  {' '}({t('ov.late')}: {l.late}; {t('ov.missing')}: {l.missing})
                </p>
                {l.units.length > 0 && (
                  <ul className="plain">
                    {l.units.map((u) => (
                      <li key={u.code}><Link to={`/units/${encodeURIComponent(u.code)}`}>{u.name}</Link> · {u.lateCount} {t('ov.times')}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </LoadState>
        </section>
      </div>

      <section className="panel" aria-labelledby="h-alert-counts">
        <h2 id="h-alert-counts">{t('ov.alerts')}{o?.alerts ? ` (${o.alerts.open})` : ''}</h2>
        {o?.alerts && (
          <ul className="alert-counts plain">
            {ALERT_SEVERITIES.map((s) => (
              <li key={s}>
                <Link to={`/?alerts=${s}#h-alert-groups`} className={`sev-label sev-label-${s}`}>
                  {t(`severity.${s}` as MessageKey)}: {formatNumber(o.alerts?.[s] ?? 0, lang, 0)}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {!showAlerts && <button type="button" className="button secondary" onClick={() => setShowAlerts(true)}>{t('ov.alertsShow')}</button>}
      </section>
      {showAlerts && <AlertsPanel key={alertFilter ?? ''} unit={unit} initialSeverities={alertFilter && (ALERT_SEVERITIES as readonly string[]).includes(alertFilter) ? [alertFilter] : []} />}

      <section className="panel" aria-labelledby="h-changes">
        <h2 id="h-changes">{t('overview.changes')}</h2>
        <p className="muted">{lastVisit ? `${t('overview.lastVisit')} ${formatDate(lastVisit)} ${lastVisit.slice(11, 16)}` : t('overview.firstVisit')} · {t('overview.liveReceived')}: {live.received}</p>
        {showChanges
          ? <RecentChanges unit={unit} since={lastVisit ?? new Date(Date.now() - 7 * 86_400_000).toISOString()} refresh={live.received} />
          : <button type="button" className="button secondary" onClick={() => setShowChanges(true)}>{t('ov.changesShow')}</button>}
      </section>
    </section>
  );
}

/** One tile per status, each a link to the list of the targets it counts. */
function StatusTiles({ unit, counts, label }: { unit: string; counts: Record<Status, number>; label: string }) {
  const { t, lang } = useI18n();
  return (
    <ul className="status-counts" aria-label={label}>
      {STATUS_ORDER.map((s) => (
        <li key={s} className={`count count-${s}`}>
          <Link to={targetListHref({ unit, status: s })}>
            {/* elementtiming: the browser reports when these figures were first painted (bench/web-first-render). */}
            <span className="count-value" elementtiming="status-count">{formatNumber(counts[s], lang, 0)}</span>
            <span className="count-label">{t(`status.${s}` as MessageKey)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The framework's pillars (and what none claims), each status count a link to its list. */
function PillarCards({ unit, data }: { unit: string; data: OverviewData }) {
  const { t, lang } = useI18n();
  const pillars = data.pillars;
  if (!pillars) return <p>{t('common.none')}</p>;
  const cards = [
    ...pillars.groups.map((g) => ({ id: g.id, name: g.name, total: g.total, counts: g.counts, hint: null as string | null })),
    ...(pillars.ungrouped.total > 0 ? [{ id: 'none', name: t('ov.ungrouped'), total: pillars.ungrouped.total, counts: pillars.ungrouped.counts, hint: t('ov.ungroupedHint') }] : []),
  ];
  if (cards.length === 0) return <p>{t('common.none')}</p>;
  return (
    <>
      {pillars.framework && <p className="muted">{pillars.framework.name}</p>}
      <ul className="pillars">
        {cards.map((g) => (
          <li key={g.id} className="pillar" data-pillar={g.id}>
            <h3><Link to={targetListHref({ unit, pillar: g.id })}>{g.name}</Link> <span className="muted">({formatNumber(g.total, lang, 0)})</span></h3>
            {g.hint && <p className="muted pillar-hint">{g.hint}</p>}
            <div className="bar" role="img" aria-label={STATUS_ORDER.map((s) => `${t(`status.${s}` as MessageKey)} ${g.counts[s]}`).join(', ')}>
              {STATUS_ORDER.filter((s) => g.counts[s] > 0).map((s) => (
                <span key={s} className={`seg seg-${s}`} style={{ flexGrow: g.counts[s] }} />
              ))}
            </div>
            <p className="pillar-counts">
              {STATUS_ORDER.filter((s) => g.counts[s] > 0).map((s) => (
                <Link key={s} to={targetListHref({ unit, pillar: g.id, status: s })} className={`status-${s}`}>{t(`status.${s}` as MessageKey)}: {g.counts[s]}</Link>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The ranking among the subtree's units of its most ranked kind: the unit's own standing when it is
 * ranked itself, else the top and bottom. Progress and data coverage are shown apart.
 */
function RankingExcerpt({ data }: { data: OverviewData }) {
  const { t } = useI18n();
  const r = data.ranking;
  if (!r) return <p>{t('ov.noRanking')}</p>;
  const own = [...r.top, ...r.bottom].find((row) => row.unit === data.unit.code);
  const bottom = r.bottom.filter((row) => !r.top.some((top) => top.unit === row.unit));
  return (
    <div className="ranking-excerpt">
      <p className="muted">
        {t('ov.rankingOf')} {r.kind === 'commune' || r.kind === 'agency' ? t(`ov.rankingKind.${r.kind}`) : t(`kind.${r.kind}` as MessageKey)} · {t('ov.year')} {r.period} · {r.ranked} {t('ov.rankedUnits')}
      </p>
      {own ? (
        <>
          <h3>{t('ov.ownStanding')}</h3>
          <ol className="plain rank-rows"><RankRow row={own} /></ol>
        </>
      ) : (
        <>
          <h3>{t('ov.top')}</h3>
          <ol className="plain rank-rows">{r.top.map((row) => <RankRow key={row.unit} row={row} />)}</ol>
          {bottom.length > 0 && (
            <>
              <h3>{t('ov.bottom')}</h3>
              <ol className="plain rank-rows">{bottom.map((row) => <RankRow key={row.unit} row={row} />)}</ol>
            </>
          )}
        </>
      )}
      <p><Link to="/ranking">{t('overview.fullRanking')}</Link></p>
    </div>
  );
}

function RankRow({ row }: { row: OverviewRankRow }) {
  const { t, lang } = useI18n();
  const s = standingOf(row);
  return (
    <li className="rank-row">
      <p className="rank-name">
        {t('ov.rank')} {row.rank}: <Link to={`/units/${encodeURIComponent(row.unit)}`}>{row.name ?? row.unit}</Link>
        {row.lowCoverage && <> <span className="badge badge-no_data">{t('ranking.lowCoverage')}</span></>}
      </p>
      <p className="rank-figures">
        <span title={t('ov.progressNote')}>
          {t('ov.progress')}: <strong>{formatPercent(s.progress, lang, 1)}</strong> ({t('ov.score')} {formatNumber(row.score, lang)}/{formatNumber(row.max, lang)})
        </span>
        <span className="coverage">
          {' · '}{t('ov.coverage')}: <strong>{formatPercent(s.coverage, lang, 0)}</strong> ({s.withData}/{s.criteria} {t('ov.criteriaWithData')}
          {s.missing > 0 && <>; {s.missing} {t('ov.criteria')} {t('ov.noData')}</>})
        </span>
      </p>
    </li>
  );
}
