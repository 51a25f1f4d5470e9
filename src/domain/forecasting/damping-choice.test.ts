import { describe, expect, it } from 'vitest';
import { createRandom } from '../../simulator/random.ts';
import { chooseDamping, DAMPED, dampedSteps, UNDAMPED } from './damping-choice.ts';

const months = (values: number[]) => values.map((y, t) => ({ t, y }));

describe('the damping chosen on the series’ own history', () => {
  it('keeps the pace of a straight climb: projected straight, it forecast the months that followed better', () => {
    const rng = createRandom(11);
    const climb = months(Array.from({ length: 20 }, (_, i) => 30 + 1.5 * i + rng.normal(0, 0.5)));
    const choice = chooseDamping(climb, 24);
    expect(choice.damping).toBe(UNDAMPED);
    expect(choice.straightError!).toBeLessThan(choice.dampedError!);
  });

  it('damps a climb that is slowing towards a level', () => {
    const slowing = months(Array.from({ length: 20 }, (_, i) => 85 - 60 * Math.exp(-i / 8)));
    expect(chooseDamping(slowing, 24).damping).toBe(DAMPED);
  });

  it('keeps the damped default when there is too little history to judge', () => {
    const choice = chooseDamping(months([10, 12, 14, 16, 18, 20, 22]), 24);
    expect(choice).toEqual({ damping: DAMPED, dampedError: null, straightError: null });
  });

  it('fits each origin only on the window before it', () => {
    // A fall long ago and a straight climb since: with a 6-month window the lines see only the climb.
    const values = [...Array.from({ length: 10 }, () => 80), ...Array.from({ length: 20 }, (_, i) => 20 + 2 * i)];
    expect(chooseDamping(months(values), 6).damping).toBe(UNDAMPED);
  });

  it('counts the months a damped trend advances as Σ φ^k', () => {
    expect(dampedSteps(1, 12)).toBe(12);
    expect(dampedSteps(0.5, 2)).toBeCloseTo(0.5 + 0.25, 12);
    // A year out the damped trend covers about 0.8 of the straight way.
    expect(dampedSteps(DAMPED, 12) / 12).toBeCloseTo(0.826, 2);
  });
});
