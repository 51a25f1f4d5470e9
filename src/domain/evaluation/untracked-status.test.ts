import { describe, expect, it } from 'vitest';
import { untrackedStatus } from './untracked-status.ts';

describe('untrackedStatus: a target outside any series', () => {
  it('is "not linked" when no indicator measures it, whatever its goal and due date', () => {
    expect(untrackedStatus({ hasIndicator: false, op: '>=', value: 90, dueOn: '2026-12-31' }).status).toBe('unlinked');
    expect(untrackedStatus({ hasIndicator: false, op: 'qualitative', value: null, dueOn: null }).status).toBe('unlinked');
    expect(untrackedStatus({ hasIndicator: false, op: '<=', value: 5, dueOn: null }).reason).toMatch(/^Chưa gắn chỉ số/);
  });

  it('is missing data, with the reason, when it is measured but cannot be evaluated automatically', () => {
    const qualitative = untrackedStatus({ hasIndicator: true, op: 'qualitative', value: null, dueOn: '2026-12-31' });
    expect(qualitative.status).toBe('no_data');
    expect(qualitative.reasonEn).toContain('qualitative or ranking');
    const undated = untrackedStatus({ hasIndicator: true, op: '>=', value: 90, dueOn: null });
    expect(undated.status).toBe('no_data');
    expect(undated.reasonEn).toContain('no due date');
  });
});
