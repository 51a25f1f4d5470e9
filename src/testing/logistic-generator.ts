/**
 * A second, structurally different generator for testing the early warning honestly: logistic
 * adoption curves (ceiling, speed and midpoint drawn per unit), AR(1) noise and random permanent
 * shocks. The forecaster never sees these formulas; if it were fitted to the demo simulator's own
 * shapes it would do badly here.
 */
import { monthCode, monthNumber } from '../domain/forecasting/forecast.ts';
import { satisfies, type TargetOp } from '../domain/evaluation/target-spec.ts';
import type { BacktestCase } from '../simulator/backtest.ts';
import { createRandom } from '../simulator/random.ts';

export function logisticCases(seed: number, count: number): BacktestCase[] {
  const rng = createRandom(seed * 7919 + 13);
  const cases: BacktestCase[] = [];
  const m0 = monthNumber('2024-01');
  for (let i = 0; i < count; i++) {
    const due = rng.chance(0.5) ? '2026-12-31' : '2027-06-30';
    const dueMonth = monthNumber(due.slice(0, 7));
    const down = rng.chance(0.3);
    const goal = down ? 15 : rng.pick([70, 80, 90]);
    const y0 = rng.uniform(3, 30);
    const ceiling = rng.uniform(down ? 75 : goal - 12, 100);
    const speed = rng.uniform(0.06, 0.3);
    const midpoint = rng.uniform(-6, dueMonth - m0 - 4);
    const phi = rng.uniform(0.3, 0.8);
    const sd = rng.uniform(0.4, 2.2);
    let noise = 0;
    let shock = 0;
    const values: number[] = [];
    for (let m = m0; m <= dueMonth; m++) {
      noise = phi * noise + rng.normal(0, sd);
      if (rng.chance(0.03)) shock += rng.normal(0, 6);
      const adoption = y0 + (ceiling - y0) / (1 + Math.exp(-speed * (m - m0 - midpoint)));
      const v = Math.min(100, Math.max(0, adoption + noise + shock));
      values.push(Math.round((down ? 100 - v : v) * 100) / 100);
    }
    const op: TargetOp = down ? '<=' : '>=';
    const valueAtDue = values[values.length - 1]!;
    const series: BacktestCase['series'] = [];
    const lag = rng.int(0, 2);
    values.forEach((value, k) => {
      if (rng.chance(0.05)) return;
      series.push({ period: monthCode(m0 + k), value, reportedOn: `${monthCode(m0 + k + 1 + lag)}-20` });
    });
    cases.push({
      target: { code: `L${i}`, op, value: goal, due, start: `${due.slice(0, 4)}-01-01`, measure: '%' },
      series,
      missed: !satisfies({ op, value: goal }, valueAtDue),
    });
  }
  return cases;
}
