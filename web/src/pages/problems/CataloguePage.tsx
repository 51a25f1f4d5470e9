import { useState } from 'react';
import { api } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { Link, useRouter } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LoadState } from '../leader/shared.tsx';
import { useApi } from '../leader/use-api.ts';
import { AreaTypesPanel } from './AreaTypesPanel.tsx';
import { errorsByField } from './FieldErrors.tsx';
import { AREA_TYPES, areaKey, FIELDS, fieldKey, STATES, stateKey, type DuplicatePair, type ProblemSummary } from './problems-data.ts';
import './problems.css';

/** "Danh mục bài toán": the city's catalogue with filters, and the duplicate candidates to merge. */
export function CataloguePage() {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const [filter, setFilter] = useState({ state: '', field: '', areaType: '', unit: '' });
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
  const list = useApi<{ total: number; problems: ProblemSummary[] }>(`/api/v1/problems?limit=500${query ? `&${query}` : ''}`);
  const all = useApi<{ problems: ProblemSummary[] }>('/api/v1/problems?limit=500');
  const duplicates = useApi<{ pairs: DuplicatePair[] }>('/api/v1/problems/duplicates');
  const [mergeError, setMergeError] = useState<unknown>(null);
  const units = [...new Map((all.data?.problems ?? []).map((p) => [p.proposingUnit.code, p.proposingUnit.name])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  const merge = async (pair: DuplicatePair) => {
    try {
      const merged = await api<ProblemSummary>('/api/v1/problems/merge', { method: 'POST', body: JSON.stringify({ codes: [pair.a, pair.b] }) });
      navigate(`/problems/${merged.code}`);
    } catch (e) {
      setMergeError(e);
    }
  };
  const select = (k: keyof typeof filter, label: string, options: [string, string][]) => (
    <div className="form-row">
      <label htmlFor={`flt-${k}`}>{label}</label>
      <select id={`flt-${k}`} value={filter[k]} onChange={(e) => setFilter((f) => ({ ...f, [k]: e.target.value }))}>
        <option value="">{t('problems.all')}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
  return (
    <section className="problems">
      <h1>{t('problems.catalogue')}</h1>
      <p><Link to="/problems/propose">{t('problems.propose')}</Link> · <Link to="/problems/overview">{t('problems.leaders')}</Link> · <Link to="/public/problems">{t('problems.public')}</Link></p>
      <div className="filters" role="search" aria-label={t('problems.filter')}>
        {select('state', t('problems.state'), STATES.map((s) => [s, t(stateKey(s))]))}
        {select('field', t('problems.field'), FIELDS.map((s) => [s, t(fieldKey(s))]))}
        {select('areaType', t('problems.areaType'), AREA_TYPES.map((s) => [s, t(areaKey(s))]))}
        {select('unit', t('problems.proposingUnit'), units)}
      </div>
      <LoadState state={list}>
        {(d) => (
          <>
            <p>{t('problems.total')}: <strong>{d.total}</strong></p>
            <div className="table-wrap">
              <table className="catalogue">
                <thead><tr><th scope="col">{t('problems.f.name')}</th><th scope="col">{t('problems.state')}</th><th scope="col">{t('problems.field')}</th><th scope="col">{t('problems.proposingUnit')}</th><th scope="col">{t('problems.areaType')}</th><th scope="col">{t('problems.updated')}</th></tr></thead>
                <tbody>
                  {d.problems.map((p) => (
                    <tr key={p.code}>
                      <td><Link to={`/problems/${p.code}`}>{p.name}</Link> <small>{p.code}</small></td>
                      <td>{t(stateKey(p.state))}{p.mergedInto ? ` → ${p.mergedInto}` : ''}</td>
                      <td>{p.fields.map((f) => t(fieldKey(f))).join(', ')}</td>
                      <td>{p.proposingUnit.name}</td>
                      <td>{p.areaType ? t(areaKey(p.areaType)) : '—'}</td>
                      <td>{formatDate(p.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </LoadState>
      <section className="duplicates" aria-labelledby="h-dup">
        <h2 id="h-dup">{t('problems.duplicates')}</h2>
        {mergeError !== null && <p role="alert" className="notice">{[...errorsByField(mergeError, lang).values()].flat().join(' ')}</p>}
        <LoadState state={duplicates}>
          {(d) => d.pairs.length === 0 ? <p>{t('problems.duplicatesNone')}</p> : (
            <ul className="dup-list">
              {d.pairs.map((pair) => (
                <li key={`${pair.a}-${pair.b}`} className="dup-pair">
                  <p><Link to={`/problems/${pair.a}`}>{pair.names[0]}</Link> ↔ <Link to={`/problems/${pair.b}`}>{pair.names[1]}</Link></p>
                  <p>{t('problems.similarity')}: {formatNumber(pair.score * 100, lang, 0)} % · {pair.sharedFields.map((f) => t(fieldKey(f))).join(', ')} · {t('problems.sharedTerms')}: {pair.sharedTerms.slice(0, 5).join(', ')}</p>
                  <button type="button" className="button" onClick={() => void merge(pair)} aria-label={`${t('problems.merge')}: ${pair.names[0]} + ${pair.names[1]}`}>{t('problems.merge')}</button>
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
      <AreaTypesPanel wards={units} />
    </section>
  );
}
