import { describe, expect, it } from 'vitest';
import { actionOf } from './inbox-action.ts';

describe('where a notification leads', () => {
  it("an alert to its target's page for its unit, else to the unit; a classified one to its unit only", () => {
    expect(actionOf({ kind: 'alert.target_at_risk', data: { target: 'CT-1.P_A', unit: 'P_A' } })).toBe('/targets/CT-1.P_A?unit=P_A');
    expect(actionOf({ kind: 'alert.stale_source', data: { target: null, unit: 'P_A' } })).toBe('/units/P_A');
    expect(actionOf({ kind: 'alert.outlier', data: {} })).toBeNull();
  });
  it('a reminder or an overdue report to the report of the period; a digest to the open alerts', () => {
    expect(actionOf({ kind: 'report.reminder', data: { unit: 'P_A' } })).toBe('/workspace');
    expect(actionOf({ kind: 'report.escalation', data: null })).toBe('/workspace');
    expect(actionOf({ kind: 'alert.digest', data: { unit: 'P_A' } })).toBe('/?alerts=all');
  });
});
