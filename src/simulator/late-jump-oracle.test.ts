import { describe, expect, it } from 'vitest';
import { lateJumpOracle } from './late-jump-oracle.ts';

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
