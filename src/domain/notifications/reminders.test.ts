import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueReminders, nextReminderAt, retryDelayMs } from './reminders.ts';

const report = { obligationId: 4, period: '2026-03', dueBefore: '2026-03-18', submitted: false };
// The deadline is 2026-03-17T17:00Z (midnight in Hà Nội).
const at = (iso: string) => new Date(iso);

describe('reminders', () => {
  it('reminds three days and one day before, then escalates to head and parent', () => {
    expect(dueReminders(report, at('2026-03-14T16:00:00Z'))).toEqual([]);
    expect(dueReminders(report, at('2026-03-14T17:00:00Z')).map((r) => r.kind)).toEqual(['reminder_3d']);
    expect(dueReminders(report, at('2026-03-16T17:00:00Z')).map((r) => r.kind)).toEqual(['reminder_1d']);
    const late = dueReminders(report, at('2026-03-18T02:00:00Z'));
    expect(late.map((r) => `${r.kind}:${r.audience}`)).toEqual(['escalation:unit', 'escalation:head', 'escalation:parent']);
    expect(late[1]?.dedupeKey).toBe('report:4:2026-03:escalation:head');
    expect(dueReminders({ ...report, submitted: true }, at('2026-03-18T02:00:00Z'))).toEqual([]);
  });
  it('gives the same dedupe key whenever it is asked within a window (property)', () => {
    const start = at('2026-03-14T17:00:00Z').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 86_400_000 - 1 }), (offset) => {
        const keys = dueReminders(report, new Date(start + offset)).map((r) => r.dedupeKey);
        expect(keys).toHaveLength(1);
        expect(keys[0]).toMatch(offset < 2 * 86_400_000 ? /reminder_3d/ : /reminder_1d/);
      }),
    );
  });
  it('knows when to look again', () => {
    expect(nextReminderAt(report, at('2026-03-01T00:00:00Z'))?.toISOString()).toBe('2026-03-14T17:00:00.000Z');
    expect(nextReminderAt(report, at('2026-03-20T00:00:00Z'))).toBeNull();
  });
  it('backs off exponentially with a cap', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(a, 1000))).toEqual([1000, 2000, 4000]);
    expect(retryDelayMs(40)).toBe(3_600_000);
  });
});
