import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { useServerWords } from '../../app/use-server-words.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Loaded } from './use-api.ts';
import type { PlanDetail, PlanSummary, RegistryUnit } from './leader-data.ts';
import { useApi } from './use-api.ts';

/** Loading, error (with retry) or the content; a 401/403 says so instead of a generic error. */
export function LoadState<T>({ state, children, empty }: { state: Loaded<T>; children: (data: T) => ReactNode; empty?: ReactNode }) {
  const { t } = useI18n();
  const words = useServerWords();
  if (state.error && !state.data) {
    const status = state.error instanceof ApiError ? state.error.status : 0;
    const text = status === 401 ? t('leader.needSignIn') : status === 403 ? t('leader.forbidden') : status === 404 ? (empty ?? t('common.none')) : `${t('common.error')}: ${words.failure(state.error)}`;
    return (
      <div role={status === 404 ? undefined : 'alert'} className="notice">
        <p>{text}</p>
        {status !== 404 && status !== 401 && status !== 403 && <button type="button" className="button" onClick={state.reload}>{t('common.retry')}</button>}
      </div>
    );
  }
  if (!state.data) return <p aria-busy="true">{t('common.loading')}</p>;
  return <>{children(state.data)}</>;
}

// The registry as last read in this tab: a screen opened after another starts with it (and reads it
// again), so names never give way to codes while it loads.
let lastRegistry = new Map<string, RegistryUnit>();

/** Unit names by code, from the public registry (read once per screen; empty until first read). */
export function useUnitNames(): Map<string, RegistryUnit> {
  const units = useApi<{ units: RegistryUnit[] }>('/api/v1/units');
  const [map, setMap] = useState(lastRegistry);
  useEffect(() => {
    if (!units.data) return;
    lastRegistry = new Map(units.data.units.map((u) => [u.code, u]));
    setMap(lastRegistry);
  }, [units.data]);
  return map;
}

/** Indicator names by code (read once per screen). */
export function useIndicatorNames(): Map<string, string> | null {
  const indicators = useApi<{ indicators: { code: string; name: string }[] }>('/api/v1/indicators');
  return useMemo(() => (indicators.data ? new Map(indicators.data.indicators.map((i) => [i.code, i.name])) : null), [indicators.data]);
}

/** Every published plan in full (sections, targets, tasks). */
export function usePublishedPlans(): { plans: PlanDetail[] | null; error: Error | null } {
  const [plans, setPlans] = useState<PlanDetail[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let cancelled = false;
    api<PlanSummary[]>('/api/v1/plans')
      .then((list) => Promise.all(list.filter((p) => p.publishedVersionNo !== null).map((p) => api<PlanDetail>(`/api/v1/plans/${p.id}`))))
      .then((details) => {
        if (!cancelled) setPlans(details);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e : new Error(String(e)));
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return { plans, error };
}

export function unitName(units: Map<string, RegistryUnit>, code: string | null | undefined): string {
  if (!code) return '—';
  // Before the registry has arrived a placeholder, never the code: a leader reads names.
  if (units.size === 0) return '…';
  return units.get(code)?.name ?? code;
}

/** Whether the screen is phone-narrow: tables then show fewer columns, the rest under the text. */
export function useNarrow(): boolean {
  const query = '(max-width: 40rem)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setNarrow(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, []);
  return narrow;
}
