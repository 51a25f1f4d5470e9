/**
 * Families of monthly indicator series written to break the early warning: each one is a shape
 * digital-transformation indicators really take (adoption S-curves that flatten under a ceiling,
 * seasonal series with Tết dips and year-end pushes, stalls, late jumps, level shifts, gaps,
 * heavy noise, short histories) — and the ordinary one most indicators take (`steady`), so that
 * the calibration fitted on them learns that a clean climb on course is on course. They are generated from formulas the forecaster never sees, with
 * plan-like goals (the same goal for every unit, as plans set them), so a family's misses are
 * whatever its shape makes them. Deterministic for a seed.
 */
import { monthCode, monthNumber } from '../domain/forecasting/forecast.ts';
import { satisfies, type TargetOp } from '../domain/evaluation/target-spec.ts';
import type { BacktestCase } from './backtest.ts';
import { createRandom, type Random } from './random.ts';

export const SERIES_FAMILIES = ['s_curve', 'seasonal', 'stall', 'late_jump', 'level_shift', 'gaps', 'noisy', 'short', 'steady'] as const;
export type SeriesFamily = (typeof SERIES_FAMILIES)[number];
/**
 * Cases of each family the pMiss calibration is fitted on (fit-calibration.ts), per case asked for.
 * Calibration is relative to a population: "0.7" means seven in ten of the targets like this one
 * missed, among those it was fitted on. Fitted on the hard shapes alone, the maps learnt that a clean
 * climb far from its goal is usually an S-curve about to flatten or a climb about to stall — every
 * climb they saw was one — and read ordinary climbs on course as at risk. Most of a city's indicators
 * are ordinary climbs, so they are a third of the population here: the eight hard families once each,
 * `steady` four times. Measured against one time and eight (docs/evaluation.md, "Fourth pass"): one
 * left a third of `steady`'s warnings false; eight gained `steady` little more and cost S-curves'
 * calibration more.
 */
export const FITTING_WEIGHT: Readonly<Record<SeriesFamily, number>> = {
  s_curve: 1, seasonal: 1, stall: 1, late_jump: 1, level_shift: 1, gaps: 1, noisy: 1, short: 1, steady: 4,
};

/** Where the series of every family starts (the first month an indicator was collected). */
const FIRST_MONTH = monthNumber('2024-01');

interface Shape {
  /** True value (before noise) at month offset k from FIRST_MONTH, for an upward (higher is better) indicator. */
  value(k: number): number;
  /** Monthly noise standard deviation and AR(1) persistence. */
  sd: number;
  phi: number;
  /** Share of months never reported. */
  missing?: number;
  /** First month offset with data (a short history starts late). */
  firstK?: number;
  /** Runs of consecutive missing months. */
  gapRuns?: number;
}

/**
 * `count` cases of one family. A quarter of the cases are lower-is-better ("tỷ lệ hồ sơ trễ hạn ≤ 10%"),
 * made by mirroring an adoption curve.
 *
 * @example
 * familyCases('s_curve', 1, 200).filter((c) => c.missed).length // about half
 */
export function familyCases(family: SeriesFamily, seed: number, count: number): BacktestCase[] {
  const rng = createRandom(seed * 104_729 + SERIES_FAMILIES.indexOf(family) * 7_919 + 17);
  const cases: BacktestCase[] = [];
  for (let i = 0; i < count; i++) {
    const due = rng.chance(0.6) ? '2026-12-31' : rng.pick(['2026-06-30', '2027-06-30']);
    const dueK = monthNumber(due.slice(0, 7)) - FIRST_MONTH;
    const down = rng.chance(0.25);
    const goal = rng.pick([70, 80, 90, 95]);
    const shape = SHAPES[family](rng, dueK, goal);
    const values = simulate(rng, shape, dueK);
    const op: TargetOp = down ? '<=' : '>=';
    const mirror = (v: number) => (down ? round2(100 - v) : v);
    const goalValue = down ? 100 - goal : goal;
    const lag = rng.int(0, 2);
    const series: BacktestCase['series'] = [];
    for (let k = 0; k <= dueK; k++) {
      const v = values[k];
      if (v === undefined || v === null) continue;
      series.push({ period: monthCode(FIRST_MONTH + k), value: mirror(v), reportedOn: `${monthCode(FIRST_MONTH + k + 1 + lag)}-20` });
    }
    const atDue = values[dueK] ?? null;
    cases.push({
      target: { code: `${family}-${i}`, op, value: goalValue, due, start: `${due.slice(0, 4)}-01-01`, measure: '%' },
      series,
      // The truth is the true value at the due date as it will be reported, noise included.
      missed: atDue === null ? true : !satisfies({ op, value: goalValue }, mirror(atDue)),
    });
  }
  return cases;
}

/** Values 0–100 with AR(1) noise; null where a month goes unreported (never the due month: the truth is known). */
function simulate(rng: Random, shape: Shape, dueK: number): (number | null)[] {
  const out: (number | null)[] = [];
  let noise = 0;
  const missing = shape.missing ?? 0.04;
  const gapStarts = new Set<number>();
  for (let r = 0; r < (shape.gapRuns ?? 0); r++) gapStarts.add(rng.int(0, Math.max(0, dueK - 4)));
  let gapLeft = 0;
  for (let k = 0; k <= dueK; k++) {
    noise = shape.phi * noise + rng.normal(0, shape.sd);
    const v = reportedValue(shape.value(k) + noise);
    if (gapStarts.has(k)) gapLeft = rng.int(2, 4);
    const unreported = k < (shape.firstK ?? 0) || gapLeft > 0 || rng.chance(missing);
    if (gapLeft > 0) gapLeft--;
    out.push(unreported && k !== dueK ? null : v);
  }
  return out;
}

function logistic(y0: number, ceiling: number, speed: number, midpoint: number): (k: number) => number {
  return (k) => y0 + (ceiling - y0) / (1 + Math.exp(-speed * (k - midpoint)));
}

function gompertz(y0: number, ceiling: number, speed: number, midpoint: number): (k: number) => number {
  return (k) => y0 + (ceiling - y0) * Math.exp(-Math.exp(-speed * (k - midpoint)));
}

/** A straight climb from `y0` by `slope` a month, flattening softly at 100. */
export function climb(y0: number, slope: number): (k: number) => number {
  return (k) => 100 - (100 - y0) * Math.exp(-(slope / Math.max(1, 100 - y0)) * k);
}

const SHAPES: Record<SeriesFamily, (rng: Random, dueK: number, goal: number) => Shape> = {
  // Adoption flattening under a ceiling that is often below 100 % (and sometimes below the goal).
  s_curve(rng, dueK, goal) {
    const ceiling = rng.uniform(Math.max(60, goal - 20), 98);
    const curve = rng.chance(0.5) ? logistic : gompertz;
    return { value: curve(rng.uniform(2, 25), ceiling, rng.uniform(0.1, 0.4), rng.uniform(-4, dueK - 10)), sd: rng.uniform(0.3, 1.2), phi: rng.uniform(0.2, 0.7) };
  },
  // Administrative calendar: a Tết dip, a push before 31/12, quarter-end bumps, on a rising trend.
  seasonal(rng, dueK, goal) {
    const trend = climb(rng.uniform(goal - 45, goal - 10), rng.uniform(0.6, 2.2));
    const tet = rng.uniform(3, 8);
    const push = rng.uniform(3, 9);
    const quarter = rng.uniform(0, 2);
    return {
      value: (k) => {
        const month = (FIRST_MONTH + k) % 12;
        const effect = (month === 1 ? -tet : 0) + (month === 11 ? push : month === 10 ? push / 2 : 0) + (month % 3 === 2 ? quarter : 0);
        return trend(k) + effect;
      },
      sd: rng.uniform(0.3, 1), phi: rng.uniform(0.1, 0.5),
    };
  },
  // Steady growth that stops: a programme ends, a system is not maintained.
  stall(rng, dueK, goal) {
    const y0 = rng.uniform(goal - 60, goal - 25);
    const slope = rng.uniform(1, 2.5);
    const at = rng.int(8, dueK - 2);
    const drift = rng.uniform(-0.15, 0.15);
    return { value: (k) => y0 + slope * Math.min(k, at) + drift * Math.max(0, k - at), sd: rng.uniform(0.3, 1.2), phi: rng.uniform(0.2, 0.6) };
  },
  // A sudden jump in the last year (a campaign, a new system live, a reclassification), up or down.
  late_jump(rng, dueK, goal) {
    const { y0, slope, at, jump, sd, phi } = lateJumpParameters(rng, dueK, goal);
    return { value: (k) => y0 + slope * k + (k >= at ? jump : 0), sd, phi };
  },
  // A level shift at any time, with the trend going on.
  level_shift(rng, dueK, goal) {
    const y0 = rng.uniform(goal - 50, goal - 15);
    const slope = rng.uniform(0.2, 1.3);
    const at = rng.int(6, dueK - 3);
    const shift = (rng.chance(0.6) ? 1 : -1) * rng.uniform(6, 20);
    return { value: (k) => y0 + slope * k + (k >= at ? shift : 0), sd: rng.uniform(0.3, 1), phi: rng.uniform(0.2, 0.5) };
  },
  // Reports missing for weeks at a time: a third of the months, in runs.
  gaps(rng, dueK, goal) {
    const trend = climb(rng.uniform(goal - 50, goal - 10), rng.uniform(0.5, 2.2));
    return { value: trend, sd: rng.uniform(0.3, 1.2), phi: rng.uniform(0.2, 0.6), missing: rng.uniform(0.15, 0.3), gapRuns: rng.int(1, 3) };
  },
  // Small units with few cases: the noise is as large as a year's progress.
  noisy(rng, _dueK, goal) {
    const { y0, slope, sd, phi } = noisyParameters(rng, goal);
    return { value: climb(y0, slope), sd, phi };
  },
  // An indicator collected only recently: 4–14 months of history before the first cut-off's due year.
  // A third of them are already at the goal when collection starts (a service that was running before
  // it was measured): they miss only by falling back below it, which the early warning must not
  // confuse with a target still on its way.
  short(rng, dueK, goal) {
    const firstK = dueK - rng.int(9, 15);
    if (rng.chance(1 / 3)) {
      const start = Math.min(100, goal + rng.uniform(0.5, 10));
      const drift = rng.uniform(-0.6, 0.6);
      return { value: (k) => start + drift * (k - firstK), sd: rng.uniform(0.3, 1.5), phi: rng.uniform(0.1, 0.5), firstK };
    }
    const trend = climb(rng.uniform(goal - 40, goal - 5), rng.uniform(0.4, 2.5));
    return { value: (k) => trend(k - firstK), sd: rng.uniform(0.3, 1.5), phi: rng.uniform(0.1, 0.5), firstK };
  },
  steady,
};

/**
 * The ordinary indicator: flat until a programme starts, then a steady climb with modest noise that
 * ends near its goal — some comfortably above it, some just above, some short of it by a margin.
 * The climb is under way — at least three reported months of it, whatever the reporting lag — by
 * the first cut-off a year before the due date: a series still flat far from its goal then is at risk
 * on any reading, and whether a programme starts after it is the late jump's question, not the
 * ordinary climb's. Most of a city's indicators look like this; without them the calibration sees
 * only series built to surprise it, and reads a clean climb on course as a miss (docs/evaluation.md).
 */
function steady(rng: Random, dueK: number, goal: number): Shape {
  const y0 = rng.uniform(goal - 45, goal - 5);
  const end = Math.min(99.5, goal + rng.uniform(-12, 12));
  const from = rng.int(0, dueK - LATEST_CLIMB_START);
  const slope = (end - y0) / (dueK - from);
  return { value: (k) => y0 + slope * Math.max(0, k - from), sd: rng.uniform(0.3, 1), phi: rng.uniform(0.1, 0.5) };
}

/**
 * Months before the due date by which an ordinary climb has started: the first cut-off is 12 months
 * before it, sees values up to 3 months older (a reporting lag of up to 2 months), and three of
 * those are the climb.
 */
const LATEST_CLIMB_START = 18;

/** A late jump's hidden parameters: the oracle (family-oracles.ts) reads them, the forecaster never does. */
export interface LateJump {
  /** The straight climb: value at the first month and rise per month. */
  y0: number;
  slope: number;
  /** Month offset of the jump and its size (negative: down). */
  at: number;
  jump: number;
  /** Monthly noise: standard deviation and AR(1) persistence. */
  sd: number;
  phi: number;
}

/** Share of late jumps that go up, their size in points, and how many months before the due date they come. */
export const LATE_JUMP = { upShare: 0.7, size: [5, 18], monthsBefore: [11, 4] } as const;

/**
 * @example
 * lateJumpParameters(rng, 35, 90).at // a month offset 24–31: 11 to 4 months before the due month
 */
export function lateJumpParameters(rng: Random, dueK: number, goal: number): LateJump {
  const y0 = rng.uniform(goal - 45, goal - 15);
  const slope = rng.uniform(0.3, 1.2);
  const at = rng.int(dueK - LATE_JUMP.monthsBefore[0], dueK - LATE_JUMP.monthsBefore[1]);
  const jump = lateJumpSize(rng);
  return { y0, slope, at, jump, sd: rng.uniform(0.3, 1), phi: rng.uniform(0.2, 0.5) };
}

/** One draw of a late jump's signed size. */
export function lateJumpSize(rng: Random): number {
  return (rng.chance(LATE_JUMP.upShare) ? 1 : -1) * rng.uniform(LATE_JUMP.size[0], LATE_JUMP.size[1]);
}

/** A noisy climb's hidden parameters: the oracle (family-oracles.ts) reads them, the forecaster never does. */
export interface NoisyClimb {
  /** The climb (`climb`): value at the first month and rise per month. */
  y0: number;
  slope: number;
  /** Monthly noise: standard deviation and AR(1) persistence. */
  sd: number;
  phi: number;
}

/**
 * @example
 * noisyParameters(rng, 90).sd // 2.5–5 points
 */
export function noisyParameters(rng: Random, goal: number): NoisyClimb {
  const y0 = rng.uniform(goal - 45, goal - 5);
  const slope = rng.uniform(0.3, 1.8);
  return { y0, slope, sd: rng.uniform(2.5, 5), phi: rng.uniform(0, 0.4) };
}

/** The value a unit reports for a month: within 0–100, to 2 decimals. */
export function reportedValue(value: number): number {
  return round2(Math.min(100, Math.max(0, value)));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
