import { useEffect, useMemo } from 'react';
import { formatDate } from '../../app/format.ts';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { changesSince, type Alert, type Observation } from './leader-data.ts';
import { LoadState, unitName, useUnitNames } from './shared.tsx';
import { useApi } from './use-api.ts';

/**
 * What changed in a unit's subtree since the last visit: new values and alerts raised, in words.
 * Opened on demand from the overview (its lists are large), re-read when a live event arrives.
 */
export function RecentChanges({ unit, since, refresh }: { unit: string; since: string; refresh: number }) {
  const { t, lang } = useI18n();
  const units = useUnitNames();
  const observations = useApi<{ observations: Observation[] }>(`/api/v1/observations?unit=${encodeURIComponent(unit)}&history=true&from=${since.slice(0, 7)}&limit=2000`);
  const alerts = useApi<{ alerts: Alert[] }>(`/api/v1/alerts?unit=${encodeURIComponent(unit)}&open=true&limit=1000`);
  const indicators = useApi<{ indicators: { code: string; name: string }[] }>('/api/v1/indicators');
  const { reload: reloadObservations } = observations;
  const { reload: reloadAlerts } = alerts;
  useEffect(() => {
    if (refresh === 0) return;
    reloadObservations();
    reloadAlerts();
  }, [refresh, reloadObservations, reloadAlerts]);
  const indicatorNames = useMemo(() => new Map((indicators.data?.indicators ?? []).map((i) => [i.code, i.name])), [indicators.data]);
  return (
    // Drawn once the indicators' names are in too (or failed): a change line names its indicator.
    <LoadState state={{ ...observations, data: indicators.data || indicators.error ? observations.data : null }}>
      {(data) => {
        const changes = changesSince(data.observations, alerts.data?.alerts ?? [], since, lang, {
          indicator: (code) => indicatorNames.get(code),
          unit: (code) => unitName(units, code),
        });
        return changes.length === 0 ? <p>{t('overview.noChanges')}</p> : (
          <ul className="plain changes">
            {changes.slice(0, 20).map((c, i) => (
              <li key={`${c.at}-${i}`}>
                <span className="muted">{formatDate(c.at)} {c.at.slice(11, 16)}</span>{' '}
                <span className="tag">{t(c.kind === 'alert' ? 'overview.changeAlert' : 'overview.changeValue')}</span>{' '}
                {c.link ? <Link to={c.link}>{c.text}</Link> : c.text}
              </li>
            ))}
          </ul>
        );
      }}
    </LoadState>
  );
}
