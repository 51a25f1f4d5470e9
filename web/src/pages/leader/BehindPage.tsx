import { useState } from 'react';
import { formatDate, formatMeasured, formatNumber, formatOp, formatShare } from '../../app/format.ts';
import { Link, useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { BEHIND_LEVELS, behindQuery, type BehindLevel, type BehindUnit, type UnitsBehind } from './behind-data.ts';
import { STATUS_ORDER } from './leader-data.ts';
import { LoadState, useUnitNames } from './shared.tsx';
import { useApi } from './use-api.ts';
import './leader.css';

/**
 * "Which wards are furthest behind, and why": the units under the leader's unit, those whose targets
 * are missed or at risk first (weighted by importance and time left, docs/scoring.md), each with the
 * targets that pull it behind; units without any data are listed apart, never ranked worst.
 */
export function BehindPage() {
  const { t, lang } = useI18n();
  const { user, loaded } = useSession();
  const { location } = useRouter();
  const units = useUnitNames();
  const root = location.query.get('unit') ?? user?.unit ?? null;
  const rootKind = root ? units.get(root)?.kind : undefined;
  const asked = location.query.get('level');
  const [chosen, setChosen] = useState<BehindLevel | null>((BEHIND_LEVELS as readonly string[]).includes(asked ?? '') ? (asked as BehindLevel) : null);
  // A city's leader compares wards; anyone else the units directly below their own.
  const level: BehindLevel = chosen ?? (rootKind === 'city' ? 'commune' : 'children');
  const behind = useApi<UnitsBehind>(root && (rootKind !== undefined || units.size > 0) ? behindQuery(root, level) : null);

  return (
    <section className="leader behind">
      <h1>{t('behind.title')}{behind.data?.unit.name ? `: ${behind.data.unit.name}` : ''}</h1>
      <p className="muted">{t('behind.intro')}</p>
      <label className="search">
        <span>{t('behind.level')}</span>
        <select value={level} onChange={(e) => setChosen(e.target.value as BehindLevel)}>
          {BEHIND_LEVELS.map((l) => <option key={l} value={l}>{t(l === 'children' ? 'behind.level.children' : (`kind.${l}` as MessageKey))}</option>)}
        </select>
      </label>
      {loaded && !user && !root ? <p className="notice">{t('leader.needSignIn')}</p> : (
        <LoadState state={behind}>
          {(b) => (
            <>
              <p className="muted">{t('overview.asOf')} {formatDate(b.asOf)}</p>
              {b.ranked.length === 0 && b.noData.length === 0 && <p>{t('behind.none')}</p>}
              <ol className="behind-list">
                {b.ranked.map((u) => <BehindCard key={u.code} unit={u} lang={lang} />)}
              </ol>
              {b.noData.length > 0 && (
                <section className="panel" aria-labelledby="h-nodata">
                  <h2 id="h-nodata">{t('behind.noData')} ({b.noData.length})</h2>
                  <p className="muted">{t('behind.noDataIntro')}</p>
                  <ul className="no-data-list">
                    {b.noData.map((u) => (
                      <li key={u.code}>
                        <Link to={`/units/${encodeURIComponent(u.code)}`}>{u.name ?? u.code}</Link>
                        {u.total > 0 && <span className="muted"> · {u.total} {t('behind.targets')}</span>}
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          )}
        </LoadState>
      )}
    </section>
  );
}

function BehindCard({ unit, lang }: { unit: BehindUnit & { rank: number }; lang: 'vi' | 'en' }) {
  const { t } = useI18n();
  return (
    <li className="panel behind-unit">
      <h2>
        <span className="behind-rank">{unit.rank}.</span>{' '}
        <Link to={`/units/${encodeURIComponent(unit.code)}`}>{unit.name ?? unit.code}</Link>
      </h2>
      <p className="behind-facts">
        {STATUS_ORDER.filter((s) => unit.counts[s] > 0).map((s) => (
          <span key={s} className="behind-count"><StatusBadge status={s} /> {unit.counts[s]}</span>
        ))}
      </p>
      <p className="muted behind-meta">
        {t('behind.score')} {formatNumber(unit.score, lang, 2)} · {unit.openAlerts} {t('behind.openAlerts')}
        {unit.coverage !== null && <> · {formatShare(unit.coverage, lang)} {t('behind.coverage')}</>}
      </p>
      {unit.reasons.length === 0 ? <p>{t('behind.nothingBehind')}</p> : (
        <>
          <h3>{t('behind.why')}</h3>
          <ul className="plain behind-reasons">
            {unit.reasons.map((r) => (
              <li key={r.code}>
                <StatusBadge status={r.status} />{' '}
                <Link to={`/targets/${encodeURIComponent(r.code)}`}><span title={r.code}>{r.text ?? r.code}</span></Link>
                <span className="muted">
                  {' '}· {t('behind.current')} {formatMeasured(r.current, r.measure, lang)} / {t('behind.goal')} {formatOp(r.op)} {formatMeasured(r.goal, r.measure, lang)}
                  {r.gap !== null && r.gap > 0 && <> · {t('behind.gap')} {formatMeasured(r.gap, r.measure, lang)}</>}
                  {r.due && <> · {t('behind.due')} {formatDate(r.due)}</>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}
