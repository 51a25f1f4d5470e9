/**
 * An oracle for the `late_jump` family: how well could any early warning do on it? The oracle knows
 * what no forecaster can — each target's true climb, its noise, and that a jump of ±5–18 points
 * (70 % up) *will* come before the due date — and nothing that has not happened yet: the jump's size
 * and direction until it is reported, the noise to come. Its pMiss is exact for the family (Monte
 * Carlo over what is still to happen), and it warns by the same rule as the system (`earlyWarning`:
 * past WARN_P_MISS, or WARN_P_MISS_FAR more than WARN_NEAR_MONTHS out, at two successive cut-offs).
 * The gap between its precision and the forecaster's is what knowing the family is worth: the
 * forecaster, fitted on a population where a slow climb far short of its goal usually misses, cannot
 * know that this one is about to jump (docs/evaluation.md, "Fourth pass").
 */
import { WARN_NEAR_MONTHS, WARN_P_MISS, WARN_P_MISS_FAR } from '../domain/alerts/alert-rules.ts';
import { createRandom } from './random.ts';
import { lateJumpParameters, lateJumpSize, type LateJump } from './series-families.ts';

export interface OracleResult {
  targets: number;
  missed: number;
  recall: number;
  precision: number;
}

interface OracleTarget extends LateJump {
  dueK: number;
  goal: number;
  lag: number;
  /** AR(1) noise of every month up to the due month. */
  noise: number[];
  missed: boolean;
}

/**
 * @example
 * lateJumpOracle({ seed: 7, targets: 400 }) // { recall: 0.98, precision: 0.94, … }
 */
export function lateJumpOracle(options: { seed: number; targets: number; draws?: number }): OracleResult {
  const rng = createRandom(options.seed);
  const draws = options.draws ?? 300;
  const targets: OracleTarget[] = [];
  for (let i = 0; i < options.targets; i++) {
    // The family's targets (series-families.ts): due mid-2026, end of 2026 or mid-2027 from 01/2024.
    const dueK = rng.chance(0.6) ? 35 : rng.pick([29, 41]);
    const goal = rng.pick([70, 80, 90, 95]);
    const p = lateJumpParameters(rng, dueK, goal);
    const noise: number[] = [];
    let e = 0;
    for (let k = 0; k <= dueK; k++) noise.push((e = p.phi * e + rng.normal(0, p.sd)));
    const lag = rng.int(0, 2);
    targets.push({ ...p, dueK, goal, lag, noise, missed: !(valueAt(p, dueK, p.jump, noise[dueK]!) >= goal) });
  }
  const future = createRandom(options.seed * 31 + 1);
  let missed = 0, warned = 0, truePositives = 0;
  for (const t of targets) {
    if (t.missed) missed++;
    let previous: boolean | null = null;
    let warns = false;
    // Cut-offs 12 to 1 months before the due month; at each, the latest month reported is lag + 1 older.
    for (let cut = t.dueK - 12; cut <= t.dueK - 1 && !warns; cut++) {
      const latest = cut - 1 - t.lag;
      const ahead = t.dueK - latest;
      const past = pMiss(t, latest, draws, future) >= (ahead > WARN_NEAR_MONTHS ? WARN_P_MISS_FAR : WARN_P_MISS);
      warns = past && previous === true;
      previous = past;
    }
    if (!warns) continue;
    warned++;
    if (t.missed) truePositives++;
  }
  return { targets: targets.length, missed, recall: missed ? truePositives / missed : 1, precision: warned ? truePositives / warned : 1 };
}

/** The value reported for the due month: the climb, the jump, the noise, within 0–100, to 2 decimals. */
function valueAt(p: LateJump, k: number, jump: number, noise: number): number {
  return Math.round(Math.min(100, Math.max(0, p.y0 + p.slope * k + jump + noise)) * 100) / 100;
}

/** P(miss) knowing everything reported by month `latest`: a jump not yet seen is still to come. */
function pMiss(t: OracleTarget, latest: number, draws: number, rng: ReturnType<typeof createRandom>): number {
  const h = t.dueK - latest;
  // AR(1) from the noise now: mean φʰ·eₙₒw, variance σ²(1 − φ²ʰ)/(1 − φ²).
  const mean = Math.pow(t.phi, h) * t.noise[latest]!;
  const sd = t.sd * Math.sqrt((1 - Math.pow(t.phi, 2 * h)) / (1 - t.phi * t.phi));
  let misses = 0;
  for (let d = 0; d < draws; d++) {
    const jump = t.at <= latest ? t.jump : lateJumpSize(rng);
    if (valueAt(t, t.dueK, jump, mean + rng.normal(0, sd)) < t.goal) misses++;
  }
  return misses / draws;
}
