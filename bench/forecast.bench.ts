// The forecaster alone (src/domain/forecasting/forecast.ts) against its frozen reference
// (forecast-reference.ts, the implementation before the speed-up), on the same demo-like series in
// the same run: every target of a simulated city forecast to its due date, as the whole-city
// evaluation does. The equivalence test proves both return identical results; this measures speed.
import { forecastSeries, type SeriesPoint } from '../src/domain/forecasting/forecast.ts';
import { forecastSeries as referenceForecastSeries } from '../src/testing/forecast-reference.ts';
import { generateCity } from '../src/simulator/generate-city.ts';
import { opsPerSecond, type Benchmark } from './harness.ts';

const MIN_MS = Number(process.env.BENCH_FORECAST_MS ?? 3000);
const ROUNDS = 3;

function demoSeries(): { series: SeriesPoint[]; due: string }[] {
  const city = generateCity({ seed: 1, cutoff: '2026-11-22' });
  const byKey = new Map<string, SeriesPoint[]>();
  for (const o of city.observations) {
    const key = `${o.indicator}|${o.unit}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ period: o.period, value: o.value });
  }
  return city.targets.map((t) => ({ series: byKey.get(`${t.indicator}|${t.unit}`) ?? [], due: t.due }));
}

const bench: Benchmark = {
  title: 'Forecaster on demo-like series (new vs frozen reference)',
  async run() {
    const cases = demoSeries();
    const bounds = { min: 0, max: 100 };
    const all = (f: (...args: Parameters<typeof forecastSeries>) => unknown) => () => {
      for (const c of cases) f(c.series, c.due, { bounds });
    };
    // Alternate rounds so that JIT warm-up and machine load fall on both alike; keep each one's best.
    let reference = 0;
    let ours = 0;
    for (let round = 0; round < ROUNDS; round++) {
      reference = Math.max(reference, await opsPerSecond(all(referenceForecastSeries), MIN_MS / ROUNDS));
      ours = Math.max(ours, await opsPerSecond(all(forecastSeries), MIN_MS / ROUNDS));
    }
    const points = cases.reduce((s, c) => s + c.series.length, 0);
    return [{
      name: 'series forecast per second',
      value: Math.round(ours * cases.length),
      unit: 'series/s',
      baselineName: 'frozen reference forecaster',
      baselineValue: Math.round(reference * cases.length),
      higherIsBetter: true,
      notes: { series: cases.length, 'mean points per series': Math.round(points / Math.max(1, cases.length)), 'speed-up (new/reference)': ours / reference },
    }];
  },
};

export default bench;
