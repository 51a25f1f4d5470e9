import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../periods/period.ts';
import { defaultDueDay, deadlineInstant, dueBefore, periodForCycle, periodsDueBetween } from './cycles.ts';
import { applyEdits, simpleTargetStatus, type ReportContent } from './report-content.ts';
import { nextStatus } from './submission-state.ts';
import { summarizeTimeliness, timelinessOf } from './timeliness.ts';
import { formatDateVi, formatNumberVi, longDateVi, parseNumberVi } from './vietnamese-format.ts';

const p = (code: string) => {
  const period = parsePeriod(code);
  if (!period) throw new Error(code);
  return period;
};

describe('cycles and due dates', () => {
  it('follows the plans: offices before the 18th, the ward before the 19th, city bodies before the 25th', () => {
    expect(defaultDueDay('office')).toBe(18);
    expect(defaultDueDay('school')).toBe(18);
    expect(defaultDueDay('commune')).toBe(19);
    expect(defaultDueDay('agency')).toBe(25);
    expect(dueBefore({ cycle: 'monthly', dueDay: 18, dueOn: null }, p('2026-03'))).toBe('2026-03-18');
    expect(dueBefore({ cycle: 'monthly', dueDay: 31, dueOn: null }, p('2026-02'))).toBe('2026-02-28');
    expect(dueBefore({ cycle: 'quarterly', dueDay: 19, dueOn: null }, p('2026-Q2'))).toBe('2026-06-19');
    expect(dueBefore({ cycle: 'half_yearly', dueDay: null, dueOn: null }, p('2026-H1'))).toBe('2026-06-30');
    expect(dueBefore({ cycle: 'yearly', dueDay: null, dueOn: null }, p('2026'))).toBe('2026-12-30');
    expect(dueBefore({ cycle: 'ad_hoc', dueDay: null, dueOn: '2026-05-04' }, p('2026-04'))).toBe('2026-05-04');
  });

  it('accepts only period codes of the cycle', () => {
    expect(periodForCycle('monthly', '2026-03')?.code).toBe('2026-03');
    expect(periodForCycle('monthly', '2026-Q1')).toBeNull();
    expect(periodForCycle('quarterly', '2026-Q1')?.code).toBe('2026-Q1');
    expect(periodForCycle('yearly', '2026')?.code).toBe('2026');
    expect(periodForCycle('ad_hoc', '2026-H2')?.code).toBe('2026-H2');
    expect(periodForCycle('monthly', 'tháng 3')).toBeNull();
  });

  it('puts the deadline at midnight in Hà Nội', () => {
    expect(deadlineInstant('2026-03-18').toISOString()).toBe('2026-03-17T17:00:00.000Z');
  });

  it('lists the periods whose deadline falls in a window', () => {
    const due = periodsDueBetween({ cycle: 'monthly', dueDay: 18, dueOn: null }, '2026-03-01', '2026-04-30');
    expect(due.map((x) => x.code)).toEqual(['2026-03', '2026-04']);
  });
});

/** The catalogued message a refused move says (code and parameters), or null when it is not refused. */
function refusalOf(move: () => unknown): unknown {
  try {
    move();
  } catch (error) {
    return (error as { said?: unknown }).said;
  }
  return null;
}

describe('submission states', () => {
  it('walks draft → submitted → returned → submitted → approved (locked) → unlock', () => {
    let s = nextStatus({ state: 'draft', locked: false }, 'submit');
    expect(s.state).toBe('submitted');
    expect(refusalOf(() => nextStatus(s, 'edit'))).toEqual({ code: 'report.only_draft_or_returned_editable', params: { action: 'edit', state: 'submitted' } });
    expect(() => nextStatus(s, 'edit')).toThrow('Chỉ sửa, gửi được bản nháp hoặc báo cáo bị trả lại');
    s = nextStatus(s, 'return');
    expect(s.state).toBe('returned');
    s = nextStatus(nextStatus(s, 'edit'), 'submit');
    s = nextStatus(s, 'approve');
    expect(s).toEqual({ state: 'approved', locked: true });
    expect(refusalOf(() => nextStatus(s, 'edit'))).toEqual({ code: 'report.period_locked', params: { action: 'edit', state: 'approved' } });
    expect(() => nextStatus(s, 'edit')).toThrow('Không sửa, gửi được báo cáo: kỳ báo cáo đã khóa');
    expect(() => nextStatus(s, 'return')).toThrow();
    expect(nextStatus(s, 'unlock')).toEqual({ state: 'returned', locked: false });
    expect(() => nextStatus({ state: 'draft', locked: false }, 'approve')).toThrow();
  });
});

describe('timeliness', () => {
  const now = new Date('2026-03-25T00:00:00Z');
  it('counts from the first submission, in days on Hà Nội calendar', () => {
    expect(timelinessOf('2026-03-18', new Date('2026-03-17T16:59:00Z'), now).status).toBe('on_time');
    expect(timelinessOf('2026-03-18', new Date('2026-03-17T17:00:00Z'), now)).toMatchObject({ status: 'late', daysLate: 1 });
    expect(timelinessOf('2026-03-18', new Date('2026-03-20T03:00:00Z'), now)).toMatchObject({ status: 'late', daysLate: 3 });
    expect(timelinessOf('2026-03-18', null, now)).toMatchObject({ status: 'missing', daysLate: 8 });
    expect(timelinessOf('2026-03-28', null, now).status).toBe('not_due');
  });
  it('summarises late plus missing as the late count', () => {
    const s = summarizeTimeliness([
      timelinessOf('2026-03-18', new Date('2026-03-10T00:00:00Z'), now),
      timelinessOf('2026-03-18', new Date('2026-03-19T00:00:00Z'), now),
      timelinessOf('2026-03-18', null, now),
      timelinessOf('2026-04-18', null, now),
    ]);
    expect(s).toMatchObject({ expected: 4, onTime: 1, late: 1, missing: 1, notDue: 1, lateCount: 2 });
    expect(s.onTimeRate).toBeCloseTo(1 / 3);
  });
});

describe('content', () => {
  it('compares values with goals', () => {
    expect(simpleTargetStatus('>=', 95, 97)).toBe('met');
    expect(simpleTargetStatus('<', 5, 6)).toBe('missed');
    expect(simpleTargetStatus('>=', 95, null)).toBe('no_data');
    expect(simpleTargetStatus('qualitative', null, null)).toBe('qualitative');
  });
  it('applies edits and names unknown lines', () => {
    const base = {
      targets: [{ targetId: 1, confirmed: false, note: '' }],
      tasks: [{ taskId: 7, progress: 0, status: 'not_started', evidence: '', note: '' }],
      difficulties: '',
      proposals: '',
    } as unknown as ReportContent;
    const { content, unknown } = applyEdits(base, {
      targets: [{ targetId: 1, confirmed: true }, { targetId: 2, confirmed: true }],
      tasks: [{ taskId: 7, progress: 60, evidence: 'QĐ 12' }],
      difficulties: 'Thiếu nhân lực',
    });
    expect(content.targets[0]?.confirmed).toBe(true);
    expect(content.tasks[0]).toMatchObject({ progress: 60, evidence: 'QĐ 12' });
    expect(content.difficulties).toBe('Thiếu nhân lực');
    expect(unknown).toEqual(['targets.2']);
  });
});

describe('Vietnamese formatting', () => {
  it('writes numbers and dates the Vietnamese way', () => {
    expect(formatNumberVi(1234.5)).toBe('1.234,5');
    expect(formatNumberVi(1234567)).toBe('1.234.567');
    expect(formatNumberVi(-0.25)).toBe('-0,25');
    expect(formatNumberVi(95)).toBe('95');
    expect(formatDateVi('2026-03-05')).toBe('05/03/2026');
    expect(formatDateVi(new Date('2026-03-04T18:00:00Z'))).toBe('05/03/2026');
    expect(longDateVi('2026-04-05')).toBe('ngày 05 tháng 04 năm 2026');
  });
  it('reads back what it writes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const value = whole + Math.sign(whole || 1) * cents / 100;
        expect(parseNumberVi(formatNumberVi(value))).toBeCloseTo(value, 6);
      }),
    );
  });
  it('rejects what is not a Vietnamese number (property)', () => {
    expect(parseNumberVi('1,234.5')).toBeNull();
    expect(parseNumberVi('12.34')).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = parseNumberVi(s);
        if (n !== null) expect(Number.isFinite(n)).toBe(true);
      }),
    );
  });
});
