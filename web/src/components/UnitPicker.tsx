import { useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../pages/leader/use-api.ts';
import { matchUnits, type NamedUnit } from './match-units.ts';

/**
 * Picks a unit by its name, typed with or without diacritics ("ngoc ha" finds "Phường Ngọc Hà"):
 * the matches are listed as buttons; the chosen unit's name is shown, its code only as a detail.
 */
export function UnitPicker({ label, value, onChange }: { label: string; value: string; onChange: (code: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const units = useApi<{ units: NamedUnit[] }>('/api/v1/units');
  const [query, setQuery] = useState('');
  const all = units.data?.units ?? [];
  const matches = useMemo(() => matchUnits(all, query), [all, query]);
  const chosen = all.find((u) => u.code === value) ?? null;
  return (
    <div className="unit-picker">
      <label htmlFor={`${id}-q`}>{label}</label>
      <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('picker.placeholder')} autoComplete="off" aria-describedby={`${id}-chosen`} />
      <p id={`${id}-chosen`} className="unit-picker-chosen" aria-live="polite">
        {chosen ? <>{t('picker.chosen')}: <strong>{chosen.name}</strong> <span className="muted" data-detail>({chosen.code})</span></> : t('picker.none')}
      </p>
      {query.trim() && (
        <ul className="unit-picker-list">
          {matches.length === 0 && <li className="muted">{t('common.none')}</li>}
          {matches.map((u) => (
            <li key={u.code}>
              <button type="button" className="unit-picker-option" aria-pressed={u.code === value} onClick={() => { onChange(u.code); setQuery(''); }}>
                {u.name} <span className="muted">· {t(`kind.${u.kind}` as 'kind.city')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
