import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useServerWords } from '../../app/use-server-words.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LoadState } from '../leader/shared.tsx';
import { useApi } from '../leader/use-api.ts';
import { AREA_TYPES, areaKey } from './problems-data.ts';

interface AreaTypeRow { unit: string; name: string; areaType: string }

/**
 * Step 1 of the plan: the wards by area type (nội đô / ven đô / nông thôn). Everyone reading the
 * catalogue sees it; an administrator may change a ward's type, and the server decides whether this
 * one may (only the city's): its refusal is shown. The wards listed are those classified and those
 * that proposed a problem in the catalogue.
 */
export function AreaTypesPanel({ wards }: { wards: readonly [string, string][] }) {
  const { t } = useI18n();
  const { rights } = useSession();
  const listed = useApi<{ areaTypes: AreaTypeRow[] }>('/api/v1/problems/area-types');
  const [choice, setChoice] = useState<Record<string, string>>({});
  const words = useServerWords();
  const [notice, setNotice] = useState<{ ok: true; text: string } | { ok: false; error: unknown } | null>(null);
  const mayEdit = rights.includes('administer');
  const save = async (unit: string, areaType: string) => {
    try {
      await api(`/api/v1/problems/area-types/${encodeURIComponent(unit)}`, { method: 'PUT', body: JSON.stringify({ areaType }) });
      setNotice({ ok: true, text: t('problems.areaSaved') });
      listed.reload();
    } catch (e) {
      setNotice({ ok: false, error: e });
    }
  };
  return (
    <section className="area-types" aria-labelledby="h-area-types">
      <h2 id="h-area-types">{t('problems.areaTypes')}</h2>
      <p>{t('problems.areaTypesHint')}</p>
      {notice && <p role={notice.ok ? 'status' : 'alert'} className={`notice${notice.ok ? ' ok' : ''}`}>{notice.ok ? notice.text : words.failure(notice.error)}</p>}
      <LoadState state={listed}>
        {(d) => {
          const known = new Map(d.areaTypes.map((r) => [r.unit, r]));
          const rows = new Map<string, string>([...d.areaTypes.map((r) => [r.unit, r.name] as [string, string]), ...wards]);
          return (
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">{t('problems.ward')}</th><th scope="col">{t('problems.areaType')}</th>{mayEdit && <th scope="col"><span className="visually-hidden">{t('problems.areaSave')}</span></th>}</tr></thead>
                <tbody>
                  {[...rows.entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi')).map(([unit, name]) => {
                    const current = known.get(unit)?.areaType ?? '';
                    const value = choice[unit] ?? current;
                    return (
                      <tr key={unit}>
                        <th scope="row">{name}</th>
                        <td>
                          {mayEdit ? (
                            <select aria-label={`${t('problems.areaType')}: ${name}`} value={value} onChange={(e) => setChoice((c) => ({ ...c, [unit]: e.target.value }))}>
                              <option value="" disabled>{t('problems.areaNone')}</option>
                              {AREA_TYPES.map((a) => <option key={a} value={a}>{t(areaKey(a))}</option>)}
                            </select>
                          ) : current ? t(areaKey(current)) : t('problems.areaNone')}
                        </td>
                        {mayEdit && <td><button type="button" className="button secondary" disabled={!value || value === current} onClick={() => void save(unit, value)} aria-label={`${t('problems.areaSave')}: ${name}`}>{t('problems.areaSave')}</button></td>}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }}
      </LoadState>
    </section>
  );
}
