/**
 * Backtest of the early warning: at each cut-off date, evaluate every target on the data reported
 * by then, apply the warning rule, and compare the first warning with the ground truth at the due
 * date. Generic over where the cases come from, so the same scoring runs on the demo simulator and
 * on a structurally different generator in the tests.
 */
import type { TargetSpec } from '../domain/evaluation/target-spec.ts';
import { monthCode, monthNumber } from '../domain/forecasting/forecast.ts';
import { daysBetween, earlyWarning } from '../domain/alerts/alert-rules.ts';
import { median } from '../domain/forecasting/statistics.ts';
import { daysInMonth } from '../domain/periods/period.ts';
import type { SimCity } from './generate-city.ts';
import { createRandom } from './random.ts';

export interface BacktestCase {
  target: TargetSpec;
  /** Every value that will ever be reported, with the date it reaches the system. */
  series: { period: string; value: number; reportedOn: string }[];
  /** Ground truth: the value at the due date misses the goal. */
  missed: boolean;
}

export interface BacktestResult {
  recall: number;
  precision: number;
  medianLeadDays: number;
  targets: number;
  missed: number;
  warned: number;
  truePositives: number;
  cutoffs: string[];
  /** Mean squared error of pMiss against the outcome, over every evaluation with data at every cut-off. */
  brier: number;
  /** Expected calibration error: |mean pMiss − share missed| per tenth of pMiss, weighted by count. */
  calibrationError: number;
  /** Per tenth of pMiss: how many evaluations, their mean pMiss, and the share that missed. */
  reliability: { from: number; to: number; count: number; meanPMiss: number; missedShare: number }[];
  /** Evaluations behind the Brier score and the ECE: one per target and cut-off with data (up to 12 a target, strongly alike). */
  evaluations: number;
  /**
   * How much the ECE owes to the sample (see `calibrationErrorSpread`): a 95 % interval from
   * resampling whole targets, and the ECE a perfectly calibrated pMiss would still show on this many
   * targets (median, 95th percentile).
   */
  calibrationErrorInterval: [number, number];
  calibrationErrorFloor: [number, number];
}

export interface BacktestOptions {
  /** Months before each due date from which cut-offs run (monthly, up to the month before due). 12 by default. */
  monthsBefore?: number;
}

/** Month-end cut-offs from `monthsBefore` months before `due` to one month before it. */
export function cutoffsFor(due: string, monthsBefore: number): string[] {
  const dueMonth = monthNumber(due.slice(0, 7));
  const out: string[] = [];
  for (let m = dueMonth - monthsBefore; m <= dueMonth - 1; m++) {
    const code = monthCode(m);
    out.push(`${code}-${String(daysInMonth(Number(code.slice(0, 4)), Number(code.slice(5, 7)))).padStart(2, '0')}`);
  }
  return out;
}

/**
 * @example
 * runBacktest(casesFromCity(generateCity({ seed: 1 }))) // { recall: 0.93, precision: 0.8, medianLeadDays: 245, … }
 */
export function runBacktest(cases: BacktestCase[], options: BacktestOptions = {}): BacktestResult {
  const monthsBefore = options.monthsBefore ?? 12;
  const allCutoffs = new Set<string>();
  let missed = 0;
  let warned = 0;
  let truePositives = 0;
  const leads: number[] = [];
  const calibration = new CalibrationTally();
  const byTarget: [number, boolean][][] = [];
  for (const c of cases) {
    const evaluations: [number, boolean][] = [];
    byTarget.push(evaluations);
    if (c.missed) missed++;
    const series = [...c.series].sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
    let firstWarning: string | null = null;
    for (const cutoff of cutoffsFor(c.target.due, monthsBefore)) {
      allCutoffs.add(cutoff);
      const visible = series.filter((p) => p.reportedOn <= cutoff).map((p) => ({ period: p.period, value: p.value }));
      const { warn, evaluation } = earlyWarning(c.target, visible, cutoff);
      // pMiss is a forecast only where there is data; 'no data' states 0.5 as "unknown", not as a probability.
      if (evaluation.status !== 'no_data') {
        calibration.add(evaluation.pMiss, c.missed);
        evaluations.push([evaluation.pMiss, c.missed]);
      }
      if (warn && firstWarning === null) firstWarning = cutoff;
    }
    if (firstWarning === null) continue;
    warned++;
    if (c.missed) {
      truePositives++;
      leads.push(daysBetween(firstWarning, c.target.due));
    }
  }
  return {
    recall: missed ? truePositives / missed : 1,
    precision: warned ? truePositives / warned : 1,
    medianLeadDays: leads.length ? median(leads) : 0,
    targets: cases.length,
    missed,
    warned,
    truePositives,
    cutoffs: [...allCutoffs].sort(),
    ...calibration.summary(),
    evaluations: byTarget.reduce((n, e) => n + e.length, 0),
    ...calibrationErrorSpread(byTarget),
  };
}

/**
 * The sampling noise of the ECE. A target's evaluations at its 12 cut-offs share one outcome, so the
 * sample is the targets, not the evaluations: resampling whole targets (bootstrap) gives an interval
 * for the ECE, and drawing each target's outcome as a perfectly calibrated pMiss would have it (one
 * uniform draw a target, missed at a cut-off when it falls under that cut-off's pMiss) gives the ECE
 * that calibration error-free still shows on this many targets. Deterministic: a fixed random stream.
 *
 * @example
 * calibrationErrorSpread(byTarget) // { calibrationErrorInterval: [0.03, 0.07], calibrationErrorFloor: [0.026, 0.04] }
 */
export function calibrationErrorSpread(byTarget: readonly (readonly [number, boolean][])[], resamples = 400): Pick<BacktestResult, 'calibrationErrorInterval' | 'calibrationErrorFloor'> {
  const withData = byTarget.filter((e) => e.length > 0);
  if (withData.length === 0) return { calibrationErrorInterval: [0, 0], calibrationErrorFloor: [0, 0] };
  const rng = createRandom(20_261_205);
  const resampled: number[] = [];
  const perfect: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const drawn = new CalibrationTally();
    for (let i = 0; i < withData.length; i++) for (const [p, y] of withData[Math.floor(rng.next() * withData.length)]!) drawn.add(p, y);
    resampled.push(drawn.summary().calibrationError);
    const ideal = new CalibrationTally();
    for (const e of withData) {
      const u = rng.next();
      for (const [p] of e) ideal.add(p, u < p);
    }
    perfect.push(ideal.summary().calibrationError);
  }
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  resampled.sort((a, b) => a - b);
  perfect.sort((a, b) => a - b);
  return { calibrationErrorInterval: [at(resampled, 0.025), at(resampled, 0.975)], calibrationErrorFloor: [at(perfect, 0.5), at(perfect, 0.95)] };
}

/** Brier score, expected calibration error and a reliability table over tenths of pMiss. */
export class CalibrationTally {
  private readonly bins = Array.from({ length: 10 }, () => ({ count: 0, sumP: 0, missed: 0 }));
  private squared = 0;
  private n = 0;

  add(pMiss: number, missed: boolean): void {
    const bin = this.bins[Math.min(9, Math.floor(pMiss * 10))]!;
    bin.count++;
    bin.sumP += pMiss;
    if (missed) bin.missed++;
    this.squared += (pMiss - (missed ? 1 : 0)) ** 2;
    this.n++;
  }

  summary(): Pick<BacktestResult, 'brier' | 'calibrationError' | 'reliability'> {
    const reliability = this.bins.map((b, i) => ({
      from: i / 10, to: (i + 1) / 10, count: b.count,
      meanPMiss: b.count ? round3(b.sumP / b.count) : 0,
      missedShare: b.count ? round3(b.missed / b.count) : 0,
    }));
    const ece = this.bins.reduce((s, b) => s + (b.count ? Math.abs(b.sumP / b.count - b.missed / b.count) * b.count : 0), 0);
    return { brier: this.n ? round3(this.squared / this.n) : 0, calibrationError: this.n ? round3(ece / this.n) : 0, reliability };
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** The simulator's targets as backtest cases, with its ground truth. */
export function casesFromCity(city: SimCity): BacktestCase[] {
  const truth = new Map(city.truth.map((t) => [t.target, t]));
  const byCell = new Map<string, { period: string; value: number; reportedOn: string }[]>();
  for (const o of city.observations) {
    const key = `${o.indicator}|${o.unit}`;
    const list = byCell.get(key) ?? [];
    list.push({ period: o.period, value: o.value, reportedOn: o.reportedOn });
    byCell.set(key, list);
  }
  const measure = new Map(city.indicators.map((i) => [i.code, i.measure]));
  return city.targets.map((t) => ({
    target: { code: t.code, op: t.op, value: t.value, due: t.due, start: t.start, baseline: t.baseline, measure: measure.get(t.indicator) ?? null },
    series: byCell.get(`${t.indicator}|${t.unit}`) ?? [],
    missed: truth.get(t.code)?.missed ?? false,
  }));
}
