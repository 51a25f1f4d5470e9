/** One stored value of an indicator for a period (current version only is plotted). */
export interface ChartObservation {
  periodEnd: string;
  value: number | null;
  current: boolean;
}

/** What the evaluation knows about the target's future. */
export interface ChartTarget {
  goal: number;
  due: string;
  current: number | null;
  currentPeriod: string | null;
  forecast: number | null;
  forecastLow: number | null;
  forecastHigh: number | null;
}

export interface TargetChartData {
  /** Month keys "yyyy-mm", from the first value to the due date. */
  months: string[];
  values: (number | null)[];
  goal: number;
  /** Straight path from the first value to the goal at the due month. */
  expected: (number | null)[];
  /** Forecast band from the last value to the due month: lower edge and width (stacked). */
  bandLow: (number | null)[];
  bandWidth: (number | null)[];
  forecast: (number | null)[];
}

function monthIndex(key: string): number {
  const [y, m] = key.split('-').map(Number);
  return (y ?? 0) * 12 + ((m ?? 1) - 1);
}
function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The series of a target's history chart, on a monthly axis: each value sits at the month its
 * period ends (a quarter at its last month), so monthly, quarterly and yearly data share one axis.
 *
 * @example
 * buildTargetChartData([{ periodEnd: '2026-01-31', value: 40, current: true }],
 *   { goal: 60, due: '2026-03-31', current: 40, currentPeriod: '2026-01', forecast: 55, forecastLow: 50, forecastHigh: 58 });
 * // → months ['2026-01','2026-02','2026-03'], expected [40, 50, 60], bandLow [40, 45, 50] …
 */
export function buildTargetChartData(observations: readonly ChartObservation[], target: ChartTarget): TargetChartData {
  const byMonth = new Map<number, number>();
  for (const o of observations) {
    if (!o.current || o.value === null) continue;
    byMonth.set(monthIndex(o.periodEnd.slice(0, 7)), o.value);
  }
  const dueIndex = monthIndex(target.due.slice(0, 7));
  const observed = [...byMonth.keys()].sort((a, b) => a - b);
  const first = observed[0] ?? dueIndex;
  const last = observed[observed.length - 1] ?? first;
  const end = Math.max(dueIndex, last);
  const months: string[] = [];
  for (let i = first; i <= end; i++) months.push(monthKey(i));

  const values = months.map((_, k) => byMonth.get(first + k) ?? null);
  const startValue = byMonth.get(first);
  const expected = months.map((_, k) => {
    if (startValue === undefined || first + k > dueIndex) return null;
    const span = dueIndex - first;
    return span <= 0 ? target.goal : round(startValue + ((target.goal - startValue) * k) / span);
  });

  // The band opens at the last value (zero width) and widens linearly to the 80% interval at the due month.
  const lastValue = byMonth.get(last) ?? null;
  const bandLow: (number | null)[] = months.map(() => null);
  const bandWidth: (number | null)[] = months.map(() => null);
  const forecast: (number | null)[] = months.map(() => null);
  if (lastValue !== null && target.forecast !== null && dueIndex > last) {
    const low = target.forecastLow ?? target.forecast;
    const high = target.forecastHigh ?? target.forecast;
    for (let i = last; i <= dueIndex; i++) {
      const f = (i - last) / (dueIndex - last);
      const k = i - first;
      const lo = lastValue + (low - lastValue) * f;
      const hi = lastValue + (high - lastValue) * f;
      bandLow[k] = round(lo);
      bandWidth[k] = round(hi - lo);
      forecast[k] = round(lastValue + (target.forecast - lastValue) * f);
    }
  }
  return { months, values, goal: target.goal, expected, bandLow, bandWidth, forecast };
}
