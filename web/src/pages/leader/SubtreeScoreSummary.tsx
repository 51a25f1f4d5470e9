import { useCallback, useMemo } from 'react';
import { formatNumber } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.ts';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/vi.ts';
import { FRAMEWORK, type RankingRow, type RegistryUnit } from './leader-data.ts';
import { unitName } from './shared.tsx';
import { useApi } from './use-api.ts';

const SHOWN = 3;

/**
 * Whether `code` lies below `root` in the registry tree (the root itself excluded).
 *
 * @example
 * isBelow(units, 'P_VINH_TUY', 'HN') // → true
 */
export function isBelow(units: ReadonlyMap<string, RegistryUnit>, code: string, root: string): boolean {
  let parent = units.get(code)?.parent ?? null;
  for (let guard = 0; parent !== null && guard < 32; guard++) {
    if (parent === root) return true;
    parent = units.get(parent)?.parent ?? null;
  }
  return false;
}

/**
 * A unit that is not itself ranked (the city, a district) is led through the units below it: how
 * many are scored, their average, and the highest and lowest of each group — wards among wards,
 * departments among departments — each a link to the unit. Nothing shows when none is scored.
 */
export function SubtreeScoreSummary({ unit, period, units }: { unit: string; period: string; units: Map<string, RegistryUnit> }) {
  const { t } = useI18n();
  const communes = useApi<{ ranking: RankingRow[] }>(`/api/v1/scores?framework=${FRAMEWORK}&period=${encodeURIComponent(period)}&kind=commune`);
  const agencies = useApi<{ ranking: RankingRow[] }>(`/api/v1/scores?framework=${FRAMEWORK}&period=${encodeURIComponent(period)}&kind=agency`);
  const reload = useCallback(() => {
    communes.reload();
    agencies.reload();
  }, [communes, agencies]);
  useLiveEvents(['score', 'rank'], reload, { enabled: true });
  const groups = useMemo(
    () =>
      ([['commune', communes.data], ['agency', agencies.data]] as const).map(([kind, data]) => ({
        kind,
        rows: (data?.ranking ?? []).filter((r) => units.size > 0 && isBelow(units, r.unit, unit)).sort((a, b) => a.rank - b.rank),
      })),
    [communes.data, agencies.data, units, unit],
  );
  if (groups.every((g) => g.rows.length === 0)) return null;
  return (
    <div className="subtree-scores">
      <h3>{t('overview.subtreeScores')}</h3>
      {groups.filter((g) => g.rows.length > 0).map((g) => <KindSummary key={g.kind} kind={g.kind} rows={g.rows} units={units} />)}
      <p><Link to="/ranking">{t('overview.fullRanking')}</Link></p>
    </div>
  );
}

function KindSummary({ kind, rows, units }: { kind: 'commune' | 'agency'; rows: RankingRow[]; units: Map<string, RegistryUnit> }) {
  const { t, lang } = useI18n();
  return (
    <section aria-label={t(`kind.${kind}` as MessageKey)}>
      <h4>{t(`kind.${kind}` as MessageKey)}</h4>
      <p>
        {t('overview.scoredUnits')}: <strong>{formatNumber(rows.length, lang, 0)}</strong> · {t('overview.averageScore')}:{' '}
        <strong>{formatNumber(rows.reduce((sum, r) => sum + r.score, 0) / rows.length, lang)}</strong> / {formatNumber(rows[0]?.max, lang)}
      </p>
      <div className="subtree-extremes">
        <RankList title={t('overview.topUnits')} rows={rows.slice(0, SHOWN)} units={units} />
        {rows.length > SHOWN && <RankList title={t('overview.bottomUnits')} rows={rows.slice(-Math.min(SHOWN, rows.length - SHOWN))} units={units} />}
      </div>
    </section>
  );
}

function RankList({ title, rows, units }: { title: string; rows: RankingRow[]; units: Map<string, RegistryUnit> }) {
  const { t, lang } = useI18n();
  return (
    <div>
      <p className="muted">{title}</p>
      <ol className="plain">
        {rows.map((r) => (
          <li key={r.unit}>
            {t('overview.rank')} {r.rank}: <Link to={`/units/${encodeURIComponent(r.unit)}`}>{unitName(units, r.unit)}</Link> — {formatNumber(r.score, lang)}
          </li>
        ))}
      </ol>
    </div>
  );
}
