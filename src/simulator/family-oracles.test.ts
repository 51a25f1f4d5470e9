import { describe, expect, it } from 'vitest';
import { lateJumpOracle, noisyOracle } from './family-oracles.ts';

describe('the late-jump oracle', () => {
  it('knowing that a jump will come, warns with high precision and recall: the family’s false warnings are the price of not knowing it', () => {
    const r = lateJumpOracle({ seed: 7, targets: 400 });
    expect(r.targets).toBe(400);
    // About half the family misses (the family's own design).
    expect(r.missed / r.targets).toBeGreaterThan(0.3);
    expect(r.missed / r.targets).toBeLessThan(0.7);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('is deterministic for a seed', () => {
    expect(lateJumpOracle({ seed: 3, targets: 60, draws: 100 })).toEqual(lateJumpOracle({ seed: 3, targets: 60, draws: 100 }));
  });
});

describe('the noisy-climb oracle', () => {
  it('knowing every climb’s true line still cannot call the misses made by the due month’s noise alone', () => {
    const r = noisyOracle({ seed: 7, targets: 1500, draws: 200 });
    // Noise of 2.5–5 points a month: a climb ending a point or two past its goal misses a third of
    // the time, and no pMiss under the warning threshold warns it — so even perfect knowledge of the
    // line leaves recall short of 1, while what it warns mostly misses.
    expect(r.missed / r.targets).toBeGreaterThan(0.3);
    expect(r.recall).toBeLessThan(0.95);
    expect(r.recall).toBeGreaterThan(0.8);
    expect(r.precision).toBeGreaterThan(0.85);
  });
});
