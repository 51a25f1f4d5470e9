/**
 * The demo city: units, indicators for the kinds of targets the seed plans set, targets per unit,
 * and monthly series with trends, seasonality, noise, late and missing reports, level shifts,
 * units that stall and units that recover — plus the ground truth of which targets end up missed.
 * Pure and deterministic for a given seed; storing it is the demo use case's job.
 */
import { monthCode, monthNumber } from '../domain/forecasting/forecast.ts';
import type { TargetOp } from '../domain/evaluation/target-spec.ts';
import { satisfies } from '../domain/evaluation/target-spec.ts';
import { createRandom, type Random } from './random.ts';

export interface SimUnit {
  code: string;
  name: string;
  kind: 'city' | 'agency' | 'commune' | 'province';
  parent: string | null;
}

export interface SimIndicator {
  code: string;
  name: string;
  measure: string;
  direction: 'up' | 'down';
  aggregation: 'mean' | 'ratio';
  frequency: 'monthly';
  sourceSystem: string;
  /** Which units report it. */
  reportedBy: 'agency' | 'commune' | 'both';
  /** The goal the plans set, the comparator, and a seasonal dip month when there is one (Tết in February). */
  op: TargetOp;
  goal: number;
  seasonalMonth: number | null;
}

/** The kinds of target in the seed plans, as indicators (codes are the demo's own). */
export const DEMO_INDICATORS: SimIndicator[] = [
  { code: 'DEMO_DVC_TRUC_TUYEN', name: 'Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến', measure: '%', direction: 'up', aggregation: 'mean', frequency: 'monthly', sourceSystem: 'dvc', reportedBy: 'both', op: '>=', goal: 80, seasonalMonth: 2 },
  { code: 'DEMO_HS_DUNG_HAN', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', measure: '%', direction: 'up', aggregation: 'mean', frequency: 'monthly', sourceSystem: 'dvc', reportedBy: 'both', op: '>=', goal: 98, seasonalMonth: null },
  { code: 'DEMO_HS_TRE_HAN', name: 'Tỷ lệ hồ sơ trễ hạn', measure: '%', direction: 'down', aggregation: 'mean', frequency: 'monthly', sourceSystem: 'dvc', reportedBy: 'commune', op: '<=', goal: 2, seasonalMonth: null },
  { code: 'DEMO_IHANOI_TAI_KHOAN', name: 'Tỷ lệ người dân trưởng thành có tài khoản iHanoi', measure: '%', direction: 'up', aggregation: 'mean', frequency: 'monthly', sourceSystem: 'ihanoi', reportedBy: 'commune', op: '>=', goal: 70, seasonalMonth: null },
  { code: 'DEMO_AI_SU_DUNG', name: 'Tỷ lệ cán bộ, công chức sử dụng trợ lý ảo AI trong công việc', measure: '%', direction: 'up', aggregation: 'mean', frequency: 'monthly', sourceSystem: 'khao-sat', reportedBy: 'both', op: '>=', goal: 60, seasonalMonth: null },
  { code: 'DEMO_HOP_TRUC_TUYEN', name: 'Tỷ lệ cuộc họp tổ chức trực tuyến', measure: '%', direction: 'up', aggregation: 'mean', frequency: 'monthly', sourceSystem: 'hop-truc-tuyen', reportedBy: 'agency', op: '>=', goal: 50, seasonalMonth: 2 },
  { code: 'DEMO_KY_NANG_SO', name: 'Tỷ lệ người dân được phổ cập kỹ năng số cơ bản', measure: '%', direction: 'up', aggregation: 'mean', frequency: 'monthly', sourceSystem: 'binh-dan-hoc-vu-so', reportedBy: 'commune', op: '>=', goal: 80, seasonalMonth: null },
];

export type Archetype = 'steady' | 'saturating' | 'stall' | 'recover' | 'shift';

export interface SimTarget {
  code: string;
  indicator: string;
  unit: string;
  op: TargetOp;
  value: number;
  due: string;
  start: string;
  baseline: number;
}

export interface SimObservation {
  indicator: string;
  unit: string;
  period: string;
  value: number;
  /** ISO date the figure reached the system (late reports arrive after the 25th of the next month). */
  reportedOn: string;
}

export interface SimTruth {
  target: string;
  archetype: Archetype;
  /** The true value of the due month. */
  valueAtDue: number;
  missed: boolean;
}

export interface SimCity {
  seed: number;
  from: string;
  until: string;
  units: SimUnit[];
  indicators: SimIndicator[];
  targets: SimTarget[];
  observations: SimObservation[];
  truth: SimTruth[];
}

export interface GenerateOptions {
  seed?: number;
  /** Units to simulate (e.g. the built-in registry's agencies and wards); generated when absent. */
  units?: SimUnit[];
  scale?: 'hanoi' | 'national';
  /** First month of the series. */
  from?: string;
  /** Last month simulated (the due months must be within). */
  until?: string;
  /** Due dates targets are spread over. */
  dueDates?: string[];
  /** Reports after this ISO date are dropped (the demo's "today"); the truth still uses the full path. */
  cutoff?: string;
}

/**
 * @example
 * const city = generateCity({ seed: 7 });
 * city.truth.filter((t) => t.missed).length // targets that will miss their due date
 */
export function generateCity(options: GenerateOptions = {}): SimCity {
  const seed = options.seed ?? 1;
  const rng = createRandom(seed);
  const from = options.from ?? '2024-01';
  const dueDates = options.dueDates ?? ['2026-12-31', '2027-06-30'];
  const until = options.until ?? monthCode(Math.max(...dueDates.map((d) => monthNumber(d.slice(0, 7)))));
  const units = options.units ?? generatedUnits(options.scale ?? 'hanoi');
  const targets: SimTarget[] = [];
  const observations: SimObservation[] = [];
  const truth: SimTruth[] = [];
  const m0 = monthNumber(from);
  const m1 = monthNumber(until);

  for (const unit of units) {
    if (unit.kind !== 'agency' && unit.kind !== 'commune') continue;
    // A unit that stops reporting some months before the end (a stale source).
    const silentFrom = rng.chance(0.04) ? m1 - rng.int(2, 8) : Infinity;
    const lateness = rng.chance(0.15) ? rng.int(1, 2) : 0;
    for (const ind of DEMO_INDICATORS) {
      if (ind.reportedBy !== 'both' && ind.reportedBy !== unit.kind) continue;
      if (rng.chance(0.2)) continue;
      const due = rng.pick(dueDates);
      const dueMonth = monthNumber(due.slice(0, 7));
      const archetype = pickArchetype(rng);
      const path = simulatePath(rng, ind, archetype, m0, m1, dueMonth);
      const code = `${ind.code.replace(/^DEMO_/, '')}.${unit.code}.${due.slice(0, 4)}`;
      const startMonth = monthNumber(`${due.slice(0, 4)}-01`) - (due.slice(5, 7) === '06' ? 6 : 12);
      const baseline = round(path.values[Math.max(0, startMonth - m0)]!);
      targets.push({ code, indicator: ind.code, unit: unit.code, op: ind.op, value: ind.goal, due, start: `${monthCode(startMonth + 1)}-01`, baseline });
      const valueAtDue = path.values[dueMonth - m0]!;
      truth.push({ target: code, archetype, valueAtDue: round(valueAtDue), missed: !satisfies({ op: ind.op, value: ind.goal }, round(valueAtDue)) });
      for (let m = m0; m <= m1; m++) {
        if (m >= silentFrom) break;
        if (rng.chance(0.04)) continue; // a missing report
        const lag = lateness > 0 && rng.chance(0.5) ? lateness : 0;
        const reportedOn = `${monthCode(m + 1 + lag)}-${String(rng.int(10, 24)).padStart(2, '0')}`;
        if (options.cutoff && reportedOn > options.cutoff) continue;
        observations.push({ indicator: ind.code, unit: unit.code, period: monthCode(m), value: round(path.values[m - m0]!), reportedOn });
      }
    }
  }
  return { seed, from, until, units, indicators: DEMO_INDICATORS, targets, observations, truth };
}

function pickArchetype(rng: Random): Archetype {
  const r = rng.next();
  return r < 0.35 ? 'steady' : r < 0.55 ? 'saturating' : r < 0.72 ? 'stall' : r < 0.87 ? 'recover' : 'shift';
}

/**
 * One unit's true monthly path for one indicator. The path is built in "progress" units (the goal
 * is 1 at the due month for an on-schedule unit), then mapped onto the indicator's scale; the
 * unit's pace decides whether it ends above or below the goal.
 */
function simulatePath(rng: Random, ind: SimIndicator, archetype: Archetype, m0: number, m1: number, dueMonth: number): { values: number[] } {
  const n = m1 - m0 + 1;
  const down = ind.direction === 'down';
  // Scale: the start level and the distance to the goal.
  const startLevel = down ? rng.uniform(ind.goal + 3, ind.goal + 12) : rng.uniform(Math.max(5, ind.goal - 55), ind.goal - 15);
  const distance = ind.goal - startLevel;
  const monthsToDue = dueMonth - m0;
  // Pace relative to what reaching the goal exactly at the due month needs; < 1 misses, > 1 makes it.
  const pace = rng.normal(1.15, 0.22);
  const noiseSd = Math.abs(distance) * rng.uniform(0.01, 0.035);
  const seasonAmp = ind.seasonalMonth !== null && rng.chance(0.7) ? Math.abs(distance) * rng.uniform(0.04, 0.1) : 0;
  const turn = rng.int(Math.floor(monthsToDue * 0.45), Math.floor(monthsToDue * 0.85));
  const shiftAt = rng.int(Math.floor(monthsToDue * 0.3), Math.floor(monthsToDue * 0.8));
  const shiftSize = rng.normal(0, 0.18);
  const stallSlope = rng.uniform(-0.05, 0.12);
  const values: number[] = [];
  let level = 0;
  for (let i = 0; i < n; i++) {
    const x = i / monthsToDue; // share of the time to the due month
    let progress: number;
    switch (archetype) {
      case 'steady': progress = pace * x; break;
      case 'saturating': progress = pace * 1.25 * (1 - Math.exp(-2.2 * x)) / (1 - Math.exp(-2.2)) * 0.8; break;
      case 'stall': {
        const xt = turn / monthsToDue;
        progress = i < turn ? pace * 1.2 * x : pace * 1.2 * xt + (x - xt) * stallSlope;
        break;
      }
      case 'recover': {
        const xt = turn / monthsToDue;
        progress = i < turn ? 0.45 * pace * x : 0.45 * pace * xt + (x - xt) * pace * 1.9;
        break;
      }
      case 'shift': progress = pace * x + (i >= shiftAt ? shiftSize : 0); break;
    }
    // Month-to-month wobble accumulates a little (a random walk on top of the trend).
    level += rng.normal(0, noiseSd * 0.25);
    const month = (m0 + i) % 12 + 1;
    const season = month === ind.seasonalMonth ? -seasonAmp : month === (ind.seasonalMonth ?? 0) + 1 ? -seasonAmp / 3 : 0;
    const v = startLevel + distance * progress + level + rng.normal(0, noiseSd) + (down ? -season : season);
    values.push(Math.min(100, Math.max(0, v)));
  }
  return { values };
}

/** A city (or a country of provinces) when no registry is given. */
export function generatedUnits(scale: 'hanoi' | 'national'): SimUnit[] {
  if (scale === 'national') {
    const out: SimUnit[] = [{ code: 'VN', name: 'Việt Nam', kind: 'city', parent: null }];
    for (let p = 1; p <= 34; p++) {
      const pc = `T${String(p).padStart(2, '0')}`;
      out.push({ code: pc, name: `Tỉnh mô phỏng ${p}`, kind: 'province', parent: 'VN' });
      for (let a = 1; a <= 5; a++) out.push({ code: `${pc}_SO${a}`, name: `Sở mô phỏng ${a} tỉnh ${p}`, kind: 'agency', parent: pc });
      for (let c = 1; c <= 95; c++) out.push({ code: `${pc}_X${String(c).padStart(3, '0')}`, name: `Xã mô phỏng ${c} tỉnh ${p}`, kind: 'commune', parent: pc });
    }
    return out;
  }
  const out: SimUnit[] = [{ code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent: null }];
  for (let a = 1; a <= 20; a++) out.push({ code: `SIM_SO${String(a).padStart(2, '0')}`, name: `Sở mô phỏng ${a}`, kind: 'agency', parent: 'HN' });
  for (let c = 1; c <= 126; c++) out.push({ code: `SIM_P${String(c).padStart(3, '0')}`, name: `Phường mô phỏng ${c}`, kind: 'commune', parent: 'HN' });
  return out;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
