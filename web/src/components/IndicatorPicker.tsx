import { useMemo, useState } from 'react';
import { foldForSearch } from '../app/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface PickableIndicator { code: string; name: string; measure?: string }

/**
 * Indicators searched by code or name, diacritics and case ignored ("ho so truc tuyen" finds "Hồ sơ
 * trực tuyến"), then chosen from at most 20 matches and linked with one button. Shared by the draft
 * review (a target of a draft) and the target page (a published target), so both search alike.
 */
export function IndicatorPicker({ indicators, label, busy, onLink }: { indicators: readonly PickableIndicator[]; label: string; busy: boolean; onLink: (code: string) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState('');
  const matches = useMemo(() => {
    const q = foldForSearch(query.trim());
    if (!q) return [];
    return indicators.filter((i) => foldForSearch(`${i.code} ${i.name}`).includes(q)).slice(0, 20);
  }, [indicators, query]);
  return (
    <div className="ws-grid ws-inline-edit indicator-picker">
      <label>{label}<input type="search" value={query} onChange={(e) => { setQuery(e.target.value); setChosen(''); }} /></label>
      <label>{t('draft.pickIndicator')}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{matches.length ? '—' : query.trim() ? t('indicatorPicker.noMatch') : '—'}</option>
          {matches.map((i) => <option key={i.code} value={i.code}>{i.name} ({i.code})</option>)}
        </select>
      </label>
      <button type="button" className="ws-secondary" disabled={busy || !chosen} onClick={() => onLink(chosen)}>{t('draft.link')}</button>
    </div>
  );
}
