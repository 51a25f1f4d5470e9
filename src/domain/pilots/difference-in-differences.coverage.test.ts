import { describe, expect, it } from 'vitest';
import { simulatePilot, type PilotSettings } from '../../simulator/pilot-series.ts';
import { estimateDifferenceInDifferences } from './difference-in-differences.ts';

/*
 * Does the 90 % interval hold the true effect about 90 % of the time, and is "no effect" rejected
 * about 10 % of the time when there is none? Measured on simulated pilots whose effect we set
 * (src/simulator/pilot-series.ts): 2–10 units per group, 6–24 months each side, step and ramp
 * effects, AR(1) noise, common trend and season, gaps, a spread of effects between units.
 * The bar is the nominal level ± 0.04 over all settings; each setting's figure is printed.
 */

type Setting = Omit<PilotSettings, 'effect' | 'shape'> & { name: string };

const SETTINGS: Setting[] = [
  { name: '2 vs 2, 6/6 months', treatedUnits: 2, comparisonUnits: 2, preMonths: 6, postMonths: 6 },
  { name: '2 vs 3, 12/12, φ 0.8', treatedUnits: 2, comparisonUnits: 3, preMonths: 12, postMonths: 12, phi: 0.8 },
  { name: '3 vs 5, 12/6', treatedUnits: 3, comparisonUnits: 5, preMonths: 12, postMonths: 6 },
  { name: '4 vs 4, 6/24, gaps 8 %', treatedUnits: 4, comparisonUnits: 4, preMonths: 6, postMonths: 24, gapRate: 0.08 },
  { name: '5 vs 5, 12/12, gaps 8 %', treatedUnits: 5, comparisonUnits: 5, preMonths: 12, postMonths: 12, gapRate: 0.08 },
  { name: '3 vs 8, 24/6, effect spread', treatedUnits: 3, comparisonUnits: 8, preMonths: 24, postMonths: 6, effectSd: 1.5 },
  { name: '6 vs 3, 18/9', treatedUnits: 6, comparisonUnits: 3, preMonths: 18, postMonths: 9, noiseSd: 3 },
  { name: '10 vs 10, 24/24, φ 0.8', treatedUnits: 10, comparisonUnits: 10, preMonths: 24, postMonths: 24, phi: 0.8 },
  { name: '8 vs 10, 12/18, effect spread', treatedUnits: 8, comparisonUnits: 10, preMonths: 12, postMonths: 18, effectSd: 2 },
  { name: '2 vs 8, 6/24, effect spread', treatedUnits: 2, comparisonUnits: 8, preMonths: 6, postMonths: 24, effectSd: 2 },
];
const RUNS_PER_SHAPE = 60; // × step, ramp, null per setting: 1 200 pilots with an effect, 600 without.

interface Tally { runs: number; covered: number; rejected: number; insufficient: number }

function run(setting: Setting, effect: number, shape: 'step' | 'ramp', seed0: number): Tally {
  const t: Tally = { runs: 0, covered: 0, rejected: 0, insufficient: 0 };
  for (let i = 0; i < RUNS_PER_SHAPE; i++) {
    const pilot = simulatePilot({ ...setting, effect, shape, rampMonths: 4 }, seed0 + i);
    const est = estimateDifferenceInDifferences({ treated: pilot.treated, comparison: pilot.comparison, start: pilot.start, confidence: 0.9 });
    if (!est.sufficient || !est.interval) {
      t.insufficient++;
      continue;
    }
    t.runs++;
    if (est.interval.low <= pilot.trueEffect && pilot.trueEffect <= est.interval.high) t.covered++;
    if (est.interval.low > 0 || est.interval.high < 0) t.rejected++;
  }
  return t;
}

describe('difference in differences: coverage on simulated pilots', () => {
  it('covers the true effect ≈ 90 % and rejects a null effect ≈ 10 % at level 0.9', () => {
    const effect = { runs: 0, covered: 0, insufficient: 0 };
    const nulls = { runs: 0, rejected: 0, insufficient: 0 };
    const rows: string[] = [];
    SETTINGS.forEach((setting, s) => {
      const step = run(setting, 4, 'step', 10_000 * s + 1);
      const ramp = run(setting, 4, 'ramp', 10_000 * s + 1001);
      const none = run(setting, 0, 'step', 10_000 * s + 2001);
      effect.runs += step.runs + ramp.runs;
      effect.covered += step.covered + ramp.covered;
      effect.insufficient += step.insufficient + ramp.insufficient;
      nulls.runs += none.runs;
      nulls.rejected += none.rejected;
      nulls.insufficient += none.insufficient;
      const cover = (step.covered + ramp.covered) / (step.runs + ramp.runs);
      rows.push(`${setting.name.padEnd(32)} coverage ${cover.toFixed(3)}  null rejected ${(none.rejected / none.runs).toFixed(3)}`);
      // One setting alone (≈ 120 runs) is noisy; only a gross failure is caught here.
      expect(cover, setting.name).toBeGreaterThan(0.75);
    });
    const coverage = effect.covered / effect.runs;
    const rejection = nulls.rejected / nulls.runs;
    console.info([...rows, `ALL coverage ${coverage.toFixed(3)} (${effect.runs} pilots), null rejected ${rejection.toFixed(3)} (${nulls.runs} pilots)`].join('\n'));
    // Gaps of 8 % never leave a group short in these settings: every pilot is estimated.
    expect(effect.insufficient + nulls.insufficient).toBe(0);
    expect(effect.runs).toBeGreaterThanOrEqual(500);
    expect(nulls.runs).toBeGreaterThanOrEqual(500);
    expect(coverage).toBeGreaterThanOrEqual(0.86);
    expect(coverage).toBeLessThanOrEqual(0.94);
    expect(rejection).toBeGreaterThanOrEqual(0.06);
    expect(rejection).toBeLessThanOrEqual(0.14);
  });
});
