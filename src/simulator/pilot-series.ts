import { monthCode, monthIndex, type UnitMonthlySeries } from '../domain/pilots/difference-in-differences.ts';
import { createRandom, type Random } from './random.ts';

/**
 * Simulated pilots with comparison, with a known effect, so the estimator's intervals can be checked
 * against the truth (the coverage test) and the API can be shown a series whose answer we know.
 *
 * Each unit's month t value is
 *   level_u + trend·t + season(t) + noise_u(t) + effect_u(t)   (effect only on treated units after the start)
 * with level_u its own, trend and season common to every unit (what a city-wide drift looks like),
 * noise AR(1): noise(t) = φ·noise(t−1) + ε, ε ~ N(0, σ²), started from its stationary spread. The
 * effect is a step (the full effect from the first month) or a ramp (rising linearly to the full
 * effect over `rampMonths`), plus an optional unit-to-unit spread of the effect.
 */
export interface PilotSettings {
  treatedUnits: number;
  comparisonUnits: number;
  preMonths: number;
  postMonths: number;
  /** The full effect, in the indicator's unit (0: the null). */
  effect: number;
  shape: 'step' | 'ramp';
  /** Months a ramp takes to reach the full effect. */
  rampMonths?: number;
  /** AR(1) coefficient of the noise. */
  phi?: number;
  /** Innovation standard deviation of the noise. */
  noiseSd?: number;
  /** Standard deviation of the effect between treated units. */
  effectSd?: number;
  /** Chance that a unit-month is missing. */
  gapRate?: number;
  /** First month of the simulated series. */
  firstMonth?: string;
}

export interface SimulatedPilot {
  settings: PilotSettings;
  treated: UnitMonthlySeries[];
  comparison: UnitMonthlySeries[];
  /** First month of the pilot. */
  start: string;
  end: string;
  /** The effect the estimator targets: the mean over the post months of the expected effect. */
  trueEffect: number;
}

/** The expected effect in post month k (0-based) for a pilot's shape. */
export function effectAt(settings: PilotSettings, k: number): number {
  if (settings.shape === 'step') return settings.effect;
  const ramp = Math.max(1, settings.rampMonths ?? 6);
  return settings.effect * Math.min(1, (k + 1) / ramp);
}

/**
 * One simulated pilot, reproducible from `seed`.
 *
 * @example
 * const pilot = simulatePilot({ treatedUnits: 3, comparisonUnits: 4, preMonths: 12, postMonths: 6, effect: 5, shape: 'step' }, 42);
 * pilot.treated[0].values['2024-01']; // → 71.3…
 */
export function simulatePilot(settings: PilotSettings, seed: number): SimulatedPilot {
  const random = createRandom(seed);
  const first = monthIndex(settings.firstMonth ?? '2024-01') ?? 2024 * 12;
  const months = settings.preMonths + settings.postMonths;
  const trend = random.uniform(-0.4, 0.4);
  const seasonAmplitude = random.uniform(0, 4);
  const seasonPhase = random.uniform(0, 2 * Math.PI);
  const common = Array.from({ length: months }, (_, t) => trend * t + seasonAmplitude * Math.sin((2 * Math.PI * (first + t)) / 12 + seasonPhase));
  const unit = (name: string, treated: boolean): UnitMonthlySeries => {
    const level = random.normal(70, 8);
    const unitEffect = treated ? random.normal(0, settings.effectSd ?? 0) : 0;
    const noise = ar1(random, months, settings.phi ?? 0.5, settings.noiseSd ?? 2);
    const values: Record<string, number | null> = {};
    for (let t = 0; t < months; t++) {
      if (random.chance(settings.gapRate ?? 0)) continue;
      const k = t - settings.preMonths;
      const effect = treated && k >= 0 ? effectAt(settings, k) + unitEffect : 0;
      values[monthCode(first + t)] = level + common[t]! + noise[t]! + effect;
    }
    return { unit: name, values };
  };
  const treated = Array.from({ length: settings.treatedUnits }, (_, i) => unit(`T${i + 1}`, true));
  const comparison = Array.from({ length: settings.comparisonUnits }, (_, i) => unit(`C${i + 1}`, false));
  let total = 0;
  for (let k = 0; k < settings.postMonths; k++) total += effectAt(settings, k);
  return {
    settings, treated, comparison,
    start: monthCode(first + settings.preMonths),
    end: monthCode(first + months - 1),
    trueEffect: total / settings.postMonths,
  };
}

function ar1(random: Random, length: number, phi: number, sd: number): number[] {
  const out: number[] = [];
  let x = random.normal(0, sd / Math.sqrt(1 - phi * phi));
  for (let t = 0; t < length; t++) {
    if (t > 0) x = phi * x + random.normal(0, sd);
    out.push(x);
  }
  return out;
}
