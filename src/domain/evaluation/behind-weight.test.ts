import { describe, expect, it } from 'vitest';
import { behindWeight, targetGap, urgency } from './behind-weight.ts';

describe('how much a target pulls its unit behind', () => {
  const asOf = '2026-08-05';
  it('met, on-track and no-data targets weigh nothing; a miss weighs more than a risk', () => {
    expect(behindWeight({ status: 'met', pMiss: 0, due: '2026-12-31' }, asOf)).toBe(0);
    expect(behindWeight({ status: 'on_track', pMiss: 0.2, due: '2026-12-31' }, asOf)).toBe(0);
    expect(behindWeight({ status: 'no_data', pMiss: 0.5, due: '2026-12-31' }, asOf)).toBe(0);
    const risk = behindWeight({ status: 'at_risk', pMiss: 0.7, due: '2026-12-31' }, asOf);
    const miss = behindWeight({ status: 'missed', pMiss: 1, due: '2026-12-31' }, asOf);
    expect(risk).toBeGreaterThan(0);
    expect(miss).toBeGreaterThan(risk);
  });

  it('sooner due weighs more, bounded between 1 and 2; importance multiplies', () => {
    expect(urgency('2026-08-05', asOf)).toBe(2);
    expect(urgency('2026-01-01', asOf)).toBe(2);
    expect(urgency(null, asOf)).toBe(1);
    expect(urgency('2026-09-30', asOf)).toBeGreaterThan(urgency('2027-08-05', asOf));
    expect(urgency('2036-08-05', asOf)).toBeLessThan(1.01);
    const base = { status: 'at_risk' as const, pMiss: 0.9, due: '2026-12-31' };
    expect(behindWeight({ ...base, weight: 3 }, asOf)).toBeCloseTo(3 * behindWeight(base, asOf), 10);
  });

  it('measures the gap in the goal\'s direction', () => {
    expect(targetGap('>=', 90, 71)).toBe(19);
    expect(targetGap('<=', 5, 8)).toBe(3);
    expect(targetGap('>=', 90, 95)).toBe(-5);
    expect(targetGap('>=', 90, null)).toBeNull();
  });
});
