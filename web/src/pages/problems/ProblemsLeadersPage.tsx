import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LoadState, unitName, useUnitNames } from '../leader/shared.tsx';
import { useApi } from '../leader/use-api.ts';
import { PilotEffectPanel } from './PilotEffectPanel.tsx';
import { AREA_TYPES, areaKey, countBy, FIELDS, fieldKey, STATES, stateKey, type Pilot, type ProblemSummary } from './problems-data.ts';
import './problems.css';

/** A count table with a bar per row: the bar's length is the share of the largest count. */
function CountTable({ id, title, column, rows }: { id: string; title: string; column: string; rows: [string, number][] }) {
  const { t } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r[1]));
  return (
    <section className="count-table" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? <p>{t('common.none')}</p> : (
        <table>
          <thead><tr><th scope="col">{column}</th><th scope="col">{t('problems.count')}</th></tr></thead>
          <tbody>
            {rows.map(([label, n]) => (
              <tr key={label}><th scope="row">{label}</th><td><span className="bar" style={{ width: `${(n / max) * 100}%` }} aria-hidden="true" /><span className="n">{n}</span></td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** "Bài toán và thí điểm": the catalogue counted, problems per ward, and pilots with their measured effect. */
export function ProblemsLeadersPage() {
  const { t } = useI18n();
  const list = useApi<{ total: number; problems: ProblemSummary[] }>('/api/v1/problems?limit=500');
  const pilots = useApi<{ pilots: Pilot[] }>('/api/v1/pilots');
  const units = useUnitNames();
  return (
    <section className="problems leaders-problems">
      <h1>{t('problems.leaders')}</h1>
      <p><Link to="/problems">{t('problems.catalogue')}</Link></p>
      <LoadState state={list}>
        {(d) => {
          // A merged proposal lives on in its consolidated problem: count each once.
          const live = d.problems.filter((p) => !p.mergedInto);
          const proposals = d.problems.filter((p) => p.proposingUnit.code !== p.receivingUnit.code);
          return (
            <>
              <p>{t('problems.total')}: <strong>{live.length}</strong></p>
              <div className="count-grid">
                <CountTable id="h-by-state" title={t('problems.byState')} column={t('problems.state')} rows={countBy(live, (p) => [p.state], STATES).map(([k, n]) => [t(stateKey(k)), n])} />
                <CountTable id="h-by-field" title={t('problems.byField')} column={t('problems.field')} rows={countBy(live, (p) => p.fields, FIELDS).map(([k, n]) => [t(fieldKey(k)), n])} />
                <CountTable id="h-by-area" title={t('problems.byArea')} column={t('problems.areaType')} rows={countBy(live, (p) => [p.areaType], AREA_TYPES).map(([k, n]) => [t(areaKey(k)), n])} />
                <CountTable id="h-by-ward" title={t('problems.byWard')} column={t('problems.proposingUnit')} rows={countBy(proposals, (p) => [p.proposingUnit.name])} />
              </div>
            </>
          );
        }}
      </LoadState>
      <h2>{t('problems.pilotEffects')}</h2>
      <LoadState state={pilots}>
        {(d) => d.pilots.length === 0 ? <p>{t('problems.pilotsNone')}</p> : (
          <>{d.pilots.map((p) => <PilotEffectPanel key={p.code} pilot={p} unitName={(c) => unitName(units, c)} withChart />)}</>
        )}
      </LoadState>
    </section>
  );
}
