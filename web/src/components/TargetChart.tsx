import { useEffect, useRef, useState } from 'react';
import { formatMeasured, formatNumber } from '../app/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { TargetChartData } from './target-chart-data.ts';

type ECharts = { setOption: (option: unknown) => void; resize: () => void; dispose: () => void };

/** Loads ECharts (core + line chart + the few components used) on first use, never in the entry chunk. */
async function loadECharts() {
  return import('./echarts-setup.ts');
}

/**
 * A target's history: the values, the goal line, the expected path to the goal and the forecast
 * band to the due date. Rendered as SVG (sharp on phones, printable). A table of the same values
 * sits beside it in the page for screen readers.
 */
export function TargetChart({ data, measure }: { data: TargetChartData; measure: string | null }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let chart: ECharts | null = null;
    let cancelled = false;
    const onResize = () => chart?.resize();
    loadECharts()
      .then((echarts) => {
        if (cancelled || !ref.current) return;
        chart = echarts.init(ref.current, null, { renderer: 'svg' });
        const fmt = (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang) : String(v));
        chart.setOption({
          animation: false,
          grid: { left: 48, right: 16, top: 48, bottom: 32 },
          legend: { top: 0, data: [t('chart.values'), t('chart.expected'), t('chart.forecast'), t('chart.band')] },
          tooltip: { trigger: 'axis', valueFormatter: fmt },
          xAxis: { type: 'category', data: data.months.map((m) => `${m.slice(5, 7)}/${m.slice(0, 4)}`) },
          yAxis: { type: 'value', scale: true, axisLabel: { formatter: fmt } },
          series: [
            { name: t('chart.bandBase'), type: 'line', data: data.bandLow, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
            { name: t('chart.band'), type: 'line', data: data.bandWidth, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(11,79,156,0.18)' }, tooltip: { show: false } },
            { name: t('chart.forecast'), type: 'line', data: data.forecast, symbol: 'none', lineStyle: { type: 'dotted', color: '#0b4f9c' }, itemStyle: { color: '#0b4f9c' } },
            { name: t('chart.expected'), type: 'line', data: data.expected, symbol: 'none', lineStyle: { type: 'dashed', color: '#4a5263' }, itemStyle: { color: '#4a5263' } },
            {
              name: t('chart.values'), type: 'line', data: data.values, connectNulls: true, symbolSize: 6, lineStyle: { width: 3, color: '#a4161a' }, itemStyle: { color: '#a4161a' },
              markLine: { symbol: 'none', lineStyle: { color: '#1e6b35', width: 2 }, label: { position: 'insideEndTop', formatter: `${t('chart.goal')} ${formatMeasured(data.goal, measure, lang)}` }, data: [{ yAxis: data.goal }] },
            },
          ],
        });
        window.addEventListener('resize', onResize);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [data, measure, t, lang]);
  if (failed) return <p role="alert">{t('common.error')}</p>;
  return <div ref={ref} className="target-chart" role="img" aria-label={`${t('chart.title')} — ${t('chart.goal')} ${formatMeasured(data.goal, measure, lang)}`} />;
}
