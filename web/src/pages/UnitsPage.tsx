import { useEffect, useMemo, useState } from 'react';
import { api } from '../app/api.ts';
import { Link } from '../app/router.tsx';
import { useServerWords } from '../app/use-server-words.ts';
import { foldForSearch } from '../app/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/vi.ts';

interface Unit {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
}

/** The unit registry, searchable without diacritics. */
export function UnitsPage() {
  const { t } = useI18n();
  const words = useServerWords();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    api<Unit[] | { units: Unit[] }>('/api/v1/units')
      .then((body) => setUnits(Array.isArray(body) ? body : body.units))
      .catch((e: unknown) => setError(e));
  }, []);
  const shown = useMemo(() => {
    const q = foldForSearch(query.trim());
    return (units ?? []).filter((u) => !q || foldForSearch(`${u.name} ${u.code}`).includes(q));
  }, [units, query]);

  if (error !== null) return <p role="alert">{t('common.error')}: {words.failure(error)}</p>;
  if (!units) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <section className="leader">
      <h1>{t('units.title')}</h1>
      <label className="search">
        <span>{t('common.search')}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{t('units.name')}</th><th scope="col">{t('units.kind')}</th><th scope="col">{t('units.code')}</th></tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.code}><td><Link to={`/units/${encodeURIComponent(u.code)}`}>{u.name}</Link></td><td>{t(`kind.${u.kind}` as MessageKey)}</td><td className="muted" data-detail>{u.code}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
