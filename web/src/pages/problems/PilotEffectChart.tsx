import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '../../app/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { EffectIndicator } from './problems-data.ts';

type ECharts = { setOption: (option: unknown) => void; resize: () => void; dispose: () => void };

/**
 * Treated vs comparison monthly means of one indicator, with the pilot's start marked. ECharts is
 * loaded on first use (the project's echarts-setup chunk), never with the first screen.
 */
export function PilotEffectChart({ chart, name }: { chart: EffectIndicator['chart']; name: string }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let instance: ECharts | null = null;
    let cancelled = false;
    // The container, not the window: the chart follows its column when the page reflows (phones, rotation).
    const observer = new ResizeObserver(() => instance?.resize());
    import('../../components/echarts-setup.ts')
      .then((echarts) => {
        if (cancelled || !ref.current) return;
        instance = echarts.init(ref.current, null, { renderer: 'svg' });
        const fmt = (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang) : String(v));
        const labels = chart.points.map((p) => `${p.period.slice(5, 7)}/${p.period.slice(0, 4)}`);
        const startLabel = `${chart.start.slice(5, 7)}/${chart.start.slice(0, 4)}`;
        instance.setOption({
          animation: false,
          grid: { left: 48, right: 16, top: 40, bottom: 32 },
          legend: { top: 0, data: [t('problems.treated'), t('problems.comparison')] },
          tooltip: { trigger: 'axis', valueFormatter: fmt },
          xAxis: { type: 'category', data: labels },
          yAxis: { type: 'value', scale: true, axisLabel: { formatter: fmt } },
          series: [
            {
              name: t('problems.treated'), type: 'line', data: chart.points.map((p) => p.treated), connectNulls: true, lineStyle: { width: 3, color: '#a4161a' }, itemStyle: { color: '#a4161a' },
              markLine: { symbol: 'none', lineStyle: { color: '#1e6b35', type: 'dashed' }, label: { formatter: `${t('problems.pilotStart')} ${chart.startLabel}` }, data: [{ xAxis: startLabel }] },
            },
            { name: t('problems.comparison'), type: 'line', data: chart.points.map((p) => p.comparison), connectNulls: true, lineStyle: { width: 2, color: '#0b4f9c' }, itemStyle: { color: '#0b4f9c' } },
          ],
        });
        if (ref.current) observer.observe(ref.current);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      observer.disconnect();
      instance?.dispose();
    };
  }, [chart, t, lang]);
  if (failed) return <p role="alert">{t('common.error')}</p>;
  return <div ref={ref} className="pilot-chart" role="img" aria-label={`${name}: ${t('problems.treated')} / ${t('problems.comparison')}, ${t('problems.pilotStart')} ${chart.startLabel}`} />;
}
