import { useState } from 'react';
import { formatNumber, formatPercent, formatShare } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RankingAnswer } from '../../../../src/http/routes/scores/schema.ts';
import { FRAMEWORK, type RankingRow, type ScoreExplain, type UnitScore } from './leader-data.ts';
import { standingOf } from './overview-data.ts';
import { LoadState, unitName, useNarrow, useUnitNames } from './shared.tsx';
import { useApi } from './use-api.ts';
import './leader.css';

/**
 * Wards among wards, departments among departments; a row expands into its criteria. Progress and
 * data coverage are two columns, never one number; a unit with too little data to compare is ranked
 * after the others and says so beside its name (the server's rank, docs/scoring.md).
 */
export function RankingPage() {
  const { t, lang } = useI18n();
  const units = useUnitNames();
  // On a phone the points and self-assessment give way: progress stays, criteria with data go under the name.
  const narrow = useNarrow();
  const [kind, setKind] = useState<'commune' | 'agency'>('commune');
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const ranking = useApi<RankingAnswer>(
    `/api/v1/scores?framework=${FRAMEWORK}&period=${encodeURIComponent(period)}&kind=${kind}`,
  );
  const year = new Date().getFullYear();
  const toolbar = (
    <>
      <label className="search">
        <span>{t('ranking.kind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value === 'agency' ? 'agency' : 'commune')}>
          <option value="commune">{t('kind.commune')}</option>
          <option value="agency">{t('kind.agency')}</option>
        </select>
      </label>
      <label className="search">
        <span>{t('overview.period')}</span>
        <select value={period} onChange={(e) => setPeriod(e.target.value)}>
          {[year, year - 1, year - 2].map((y) => <option key={y} value={String(y)}>{y}</option>)}
        </select>
      </label>
    </>
  );
  return (
    <section className="leader">
      <h1>{t('ranking.title')}</h1>
      <LoadState state={ranking} empty={<>{toolbar}<p>{t('overview.noScore')}</p></>}>
        {(r) => (
          <>
            <p className="muted">{r.framework} v{r.version} · {t('overview.period')} {r.period}</p>
            {r.minCoverage > 0 && <p className="muted">{t('ranking.note').replace('{share}', formatShare(r.minCoverage, lang))}</p>}
            <DataTable
              caption={`${t('ranking.title')} ${r.period}`}
              exportName={`xep-hang-${kind}-${r.period}`}
              rows={r.ranking}
              rowKey={(x) => x.unit}
              initialSort={{ key: 'rank', direction: 'asc' }}
              toolbar={toolbar}
              expand={(x) => <UnitExplain unit={x.unit} period={r.period} />}
              columns={[
                { key: 'rank', header: t('ranking.rank'), value: (x) => x.rank, numeric: true },
                {
                  key: 'unit', header: t('units.name'), value: (x) => unitName(units, x.unit),
                  render: (x) => (
                    <>
                      <Link to={`/units/${encodeURIComponent(x.unit)}`}>{unitName(units, x.unit)}</Link>
                      {x.lowCoverage && <> <span className="badge badge-no_data" title={t('ranking.lowCoverageNote').replace('{share}', formatShare(r.minCoverage, lang))}>{t('ranking.lowCoverage')}</span></>}
                      {narrow && <span className="sub">{t('ranking.coverage')}: {formatNumber(standingOf(x).withData, lang, 0)}/{formatNumber(standingOf(x).criteria, lang, 0)}</span>}
                    </>
                  ),
                },
                { key: 'progress', header: t('ranking.progress'), value: (x) => standingOf(x).progress, render: (x) => formatPercent(standingOf(x).progress, lang), numeric: true },
                // Coverage beside progress, never inside it: how many applicable criteria are known.
                ...(narrow ? [] : [
                  {
                    key: 'coverage', header: t('ranking.coverage'), value: (x: RankingRow) => standingOf(x).coverage,
                    render: (x: RankingRow) => { const s = standingOf(x); return `${formatNumber(s.withData, lang, 0)}/${formatNumber(s.criteria, lang, 0)}`; }, numeric: true,
                  },
                  { key: 'score', header: t('ranking.score'), value: (x: RankingRow) => x.score, render: (x: RankingRow) => `${formatNumber(x.score, lang)} / ${formatNumber(x.max, lang)}`, numeric: true },
                  { key: 'selfScore', header: t('ranking.selfScore'), value: (x: RankingRow) => x.selfScore, render: (x: RankingRow) => formatNumber(x.selfScore, lang), numeric: true },
                ]),
              ]}
            />
          </>
        )}
      </LoadState>
    </section>
  );
}

function UnitExplain({ unit, period }: { unit: string; period: string }) {
  const units = useUnitNames();
  const score = useApi<UnitScore>(`/api/v1/scores/${encodeURIComponent(unit)}?framework=${FRAMEWORK}&period=${encodeURIComponent(period)}`);
  return <LoadState state={score}>{(s) => <ScoreExplainTable explain={s.explain} unit={unit} unitLabel={unitName(units, unit)} />}</LoadState>;
}

/** The score explained, criterion by criterion: input, goal, points out of the maximum, why. */
export function ScoreExplainTable({ explain, unit, unitLabel }: { explain: ScoreExplain[]; unit: string; unitLabel?: string }) {
  const { t, lang } = useI18n();
  return (
    <DataTable
      caption={`${t('ranking.explain')} ${unitLabel ?? unit}`}
      exportName={`diem-${unit}`}
      searchable={false}
      rows={explain}
      rowKey={(c) => c.criterion}
      columns={[
        { key: 'criterion', header: t('ranking.criterion'), value: (c) => `${c.criterion} ${c.name}` },
        { key: 'input', header: t('ranking.input'), value: (c) => c.input, render: (c) => formatNumber(c.input, lang, 2), numeric: true },
        { key: 'goal', header: t('target.goal'), value: (c) => (typeof c.goal === 'number' ? c.goal : c.goal ?? null), numeric: true },
        { key: 'points', header: t('ranking.points'), value: (c) => c.points, render: (c) => `${formatNumber(c.points, lang, 2)} / ${formatNumber(c.max, lang)}`, numeric: true },
        { key: 'reason', header: t('ranking.reason'), value: (c) => c.reason },
      ]}
    />
  );
}
