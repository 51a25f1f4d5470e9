/**
 * Oracles for the families the early warning misses a bar on: how well could *any* early warning do
 * there? An oracle knows what no forecaster can — each target's true line, its noise process and the
 * family's hidden rule (a late jump *will* come) — and nothing that has not happened yet: the noise
 * to come, a jump's size and direction until it is reported. Its pMiss is exact for the family (Monte
 * Carlo over what is still to happen), and it warns by the same rule as the system (`earlyWarning`:
 * past WARN_P_MISS, or WARN_P_MISS_FAR more than WARN_NEAR_MONTHS out, at two successive cut-offs).
 * The gap between an oracle's figures and the forecaster's is what knowing the family is worth; where
 * the oracle itself misses a bar, the bar asks for more than the warning rule allows
 * (docs/evaluation.md, "Fourth pass").
 */
import { WARN_NEAR_MONTHS, WARN_P_MISS, WARN_P_MISS_FAR } from '../domain/alerts/alert-rules.ts';
import { createRandom, type Random } from './random.ts';
import { climb, lateJumpParameters, lateJumpSize, noisyParameters, reportedValue } from './series-families.ts';

export interface OracleResult {
  targets: number;
  missed: number;
  recall: number;
  precision: number;
}

export interface OracleOptions {
  seed: number;
  targets: number;
  /** Monte Carlo draws of what is still to happen, per cut-off. */
  draws?: number;
}

/** A target whose truth the oracle knows, up to what is still to happen. */
interface KnownTarget {
  dueK: number;
  goal: number;
  /** Months between a month's end and its report (0–2), as in the families. */
  lag: number;
  /** Monthly noise: standard deviation, AR(1) persistence, and every month's draw up to the due month. */
  sd: number;
  phi: number;
  noise: number[];
  /** The true value (before noise) at the due month, as known once month `latest` is reported; draws what is not known yet. */
  lineAtDue(latest: number, rng: Random): number;
  missed: boolean;
}

/**
 * The `late_jump` family knowing that a jump of ±5–18 points (70 % up) will come before the due date.
 *
 * @example
 * lateJumpOracle({ seed: 7, targets: 400 }) // { recall: 0.98, precision: 0.94, … }
 */
export function lateJumpOracle(options: OracleOptions): OracleResult {
  return warnKnowing(options, (rng, dueK, goal) => {
    const p = lateJumpParameters(rng, dueK, goal);
    return {
      ...p,
      lineAtDue: (latest, future) => p.y0 + p.slope * dueK + (p.at <= latest ? p.jump : lateJumpSize(future)),
      trueLineAtDue: p.y0 + p.slope * dueK + p.jump,
    };
  });
}

/**
 * The `noisy` family knowing each target's true climb and noise: the misses it still cannot call are
 * the due month's noise pushing a climb that ends at or beyond its goal back below it.
 *
 * @example
 * noisyOracle({ seed: 7, targets: 2000 }) // { recall: 0.90, precision: 0.91, … }
 */
export function noisyOracle(options: OracleOptions): OracleResult {
  return warnKnowing(options, (rng, dueK, goal) => {
    const p = noisyParameters(rng, goal);
    const atDue = climb(p.y0, p.slope)(dueK);
    return { ...p, lineAtDue: () => atDue, trueLineAtDue: atDue };
  });
}

type Draw = (rng: Random, dueK: number, goal: number) => Pick<KnownTarget, 'sd' | 'phi' | 'lineAtDue'> & { trueLineAtDue: number };

/** Draws the family's targets, then warns on each by the system's rule with the oracle's pMiss. */
function warnKnowing(options: OracleOptions, draw: Draw): OracleResult {
  const rng = createRandom(options.seed);
  const draws = options.draws ?? 300;
  const targets: KnownTarget[] = [];
  for (let i = 0; i < options.targets; i++) {
    // The families' targets (series-families.ts): due mid-2026, end of 2026 or mid-2027 from 01/2024.
    const dueK = rng.chance(0.6) ? 35 : rng.pick([29, 41]);
    const goal = rng.pick([70, 80, 90, 95]);
    const { trueLineAtDue, ...known } = draw(rng, dueK, goal);
    const noise: number[] = [];
    let e = 0;
    for (let k = 0; k <= dueK; k++) noise.push((e = known.phi * e + rng.normal(0, known.sd)));
    const lag = rng.int(0, 2);
    targets.push({ ...known, dueK, goal, lag, noise, missed: !(reportedValue(trueLineAtDue + noise[dueK]!) >= goal) });
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

/** P(miss) knowing everything reported by month `latest`. */
function pMiss(t: KnownTarget, latest: number, draws: number, rng: Random): number {
  const h = t.dueK - latest;
  // AR(1) from the noise now: mean φʰ·eₙₒw, variance σ²(1 − φ²ʰ)/(1 − φ²).
  const mean = Math.pow(t.phi, h) * t.noise[latest]!;
  const sd = t.sd * Math.sqrt((1 - Math.pow(t.phi, 2 * h)) / (1 - t.phi * t.phi));
  let misses = 0;
  for (let d = 0; d < draws; d++) {
    if (reportedValue(t.lineAtDue(latest, rng) + mean + rng.normal(0, sd)) < t.goal) misses++;
  }
  return misses / draws;
}
