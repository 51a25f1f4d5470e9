import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { LoadState } from '../leader/shared.tsx';
import { useApi } from '../leader/use-api.ts';
import { effectInWords, type Pilot, type PilotEffect } from './problems-data.ts';

const PilotEffectChart = lazy(() => import('./PilotEffectChart.tsx').then((m) => ({ default: m.PilotEffectChart })));

/** One pilot: its groups, and per indicator the estimate in words (or why there is none) and the chart. */
export function PilotEffectPanel({ pilot, unitName, withChart }: { pilot: Pilot; unitName: (code: string) => string; withChart: boolean }) {
  const { t, lang } = useI18n();
  const effect = useApi<PilotEffect>(`/api/v1/pilots/${encodeURIComponent(pilot.code)}/effect`);
  return (
    <article className="pilot" aria-labelledby={`pilot-${pilot.code}`}>
      <h3 id={`pilot-${pilot.code}`}>{pilot.title} <small>{pilot.code}</small></h3>
      <p>{t('problems.treated')}: {pilot.treatedUnits.map(unitName).join(', ')}</p>
      <p>{t('problems.comparison')}: {pilot.comparisonUnits.map(unitName).join(', ')}</p>
      <LoadState state={effect}>
        {(d) => (
          <>
            {d.indicators.map((ind) => (
              <div key={ind.indicator.code} className="pilot-indicator">
                <h4>{ind.indicator.name}</h4>
                {ind.estimate.sufficient && ind.estimate.effect !== null ? (
                  <p className="effect">{t('problems.effect')} {effectInWords(ind.estimate.effect, ind.estimate.interval, ind.indicator.measure, lang)}</p>
                ) : (
                  <p className="effect insufficient">{t('problems.insufficient')}{ind.estimate.reason ? `: ${lang === 'vi' ? ind.estimate.reason.vi : ind.estimate.reason.en}` : ''}</p>
                )}
                {ind.estimate.warnings.length > 0 && <ul className="warnings">{ind.estimate.warnings.map((w) => <li key={w.code}>{lang === 'vi' ? w.vi : w.en}</li>)}</ul>}
                {withChart && ind.chart.points.length > 0 && (
                  <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}><PilotEffectChart chart={ind.chart} name={ind.indicator.name} /></Suspense>
                )}
              </div>
            ))}
          </>
        )}
      </LoadState>
    </article>
  );
}
