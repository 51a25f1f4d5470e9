import { describe, expect, it } from 'vitest';
import { monthCode, monthNumber } from '../forecasting/forecast.ts';
import { evaluateTarget } from '../evaluation/evaluate-target.ts';
import { createRandom } from '../../simulator/random.ts';
import { earlyWarning, latestDueMonth, outlierAlert, staleAlert, importanceWords, targetAlert, targetSeverity, taskAlert, TASK_DUE_SOON_DAYS } from './alert-rules.ts';

const task = { code: 'NV-07', title: 'Hệ thống đo lường', dueEnd: '2026-06-30', status: 'in_progress' as const, progress: 40, leadUnit: 'P_VT' };

describe('task alerts', () => {
  it('near due within N days, naming the task, its unit, since when and why', () => {
    const a = taskAlert(task, '2026-06-10')!;
    expect(a.kind).toBe('task_due_soon');
    expect(a.subject).toEqual({ taskCode: 'NV-07', unitCode: 'P_VT' });
    expect(a.since).toBe('2026-05-31');
    expect(a.reason).toContain('còn 20 ngày');
    expect(a.reason).toContain('30/06/2026');
    // The subject is named beside the reason, by name: no code inside it.
    expect(`${a.reason} ${a.reasonEn}`).not.toMatch(/NV-07|P_VT/);
    expect(taskAlert(task, '2026-05-31')!.kind).toBe('task_due_soon');
    expect(taskAlert(task, '2026-05-30')).toBeNull();
    expect(taskAlert(task, '2026-06-01', 10)).toBeNull();
    expect(TASK_DUE_SOON_DAYS).toBe(30);
  });
  it('past due from the day after the deadline, critical', () => {
    expect(taskAlert(task, '2026-06-30')!.kind).toBe('task_due_soon');
    const a = taskAlert(task, '2026-07-05')!;
    expect(a.kind).toBe('task_overdue');
    expect(a.severity).toBe('critical');
    expect(a.since).toBe('2026-07-01');
    expect(a.reason).toContain('Quá hạn 5 ngày');
    expect(a.reasonEn).toContain('5 days past its deadline');
    expect(`${a.reason} ${a.reasonEn}`).not.toMatch(/NV-07|P_VT/);
  });
  it('nothing for done, cancelled or open-ended tasks', () => {
    expect(taskAlert({ ...task, status: 'done' }, '2026-07-05')).toBeNull();
    expect(taskAlert({ ...task, status: 'cancelled' }, '2026-07-05')).toBeNull();
    expect(taskAlert({ ...task, dueEnd: null }, '2026-07-05')).toBeNull();
  });
});

describe('stale sources', () => {
  it('a monthly report is owed by the 25th of the next month', () => {
    expect(latestDueMonth('2026-06-24', 'monthly').month).toBe('2026-04');
    expect(latestDueMonth('2026-06-25', 'monthly')).toEqual({ month: '2026-05', dueOn: '2026-06-25' });
    expect(latestDueMonth('2026-08-10', 'quarterly').month).toBe('2026-06');
    expect(latestDueMonth('2026-07-10', 'quarterly').month).toBe('2026-03');
    expect(latestDueMonth('2027-02-01', 'yearly').month).toBe('2026-12');
    expect(latestDueMonth('2027-01-20', 'yearly').month).toBe('2025-12');
  });
  it('stale when the owed period is missing, since the first missed due date', () => {
    const facts = { indicatorCode: 'DVC', unitCode: 'P_VT', frequency: 'monthly' as const };
    expect(staleAlert({ ...facts, lastPeriod: '2026-05' }, '2026-06-26')).toBeNull();
    const a = staleAlert({ ...facts, lastPeriod: '2026-03' }, '2026-06-26')!;
    expect(a.kind).toBe('stale_source');
    expect(a.since).toBe('2026-05-25');
    expect(a.subject).toEqual({ unitCode: 'P_VT', indicatorCode: 'DVC' });
    expect(a.reason).toBe('Chưa có số liệu tháng 5/2026 (hạn báo cáo 25/06/2026); số liệu gần nhất: tháng 3/2026.');
    expect(a.reasonEn).not.toMatch(/DVC|P_VT/);
    expect(staleAlert({ ...facts, lastPeriod: '2026-01' }, '2026-06-26')!.severity).toBe('critical');
    expect(staleAlert({ ...facts, frequency: 'quarterly', lastPeriod: '2026-03' }, '2026-06-26')).toBeNull();
  });
});

describe('outliers', () => {
  const rng = createRandom(5);
  const base = Array.from({ length: 18 }, (_, i) => ({ period: monthCode(monthNumber('2025-01') + i), value: 50 + i + rng.normal(0, 0.5) }));
  it('flags a latest jump far outside the usual month-to-month changes', () => {
    const spike = [...base.slice(0, 17), { period: base[17]!.period, value: 90 }];
    const a = outlierAlert({ indicatorCode: 'DVC', unitCode: 'P_VT', series: spike })!;
    expect(a.kind).toBe('outlier');
    expect(a.since).toBe(`${base[17]!.period}-01`);
    expect(a.data.value).toBe(90);
    expect(`${a.reason} ${a.reasonEn}`).not.toMatch(/DVC|P_VT/);
  });
  it('does not mistake a steady zigzag (where MAD is 0) for an outlier', () => {
    const zigzag = Array.from({ length: 18 }, (_, i) => ({ period: monthCode(monthNumber('2025-01') + i), value: 50 + 0.6 * i + (i % 2 ? 0.4 : -0.4) }));
    expect(outlierAlert({ indicatorCode: 'DVC', unitCode: 'P_VT', series: zigzag })).toBeNull();
  });
  it('leaves an ordinary month alone, and needs 8 values', () => {
    expect(outlierAlert({ indicatorCode: 'DVC', unitCode: 'P_VT', series: base })).toBeNull();
    expect(outlierAlert({ indicatorCode: 'DVC', unitCode: 'P_VT', series: [...base.slice(0, 6), { period: '2025-07', value: 500 }] })).toBeNull();
  });
});

describe('early warning on targets', () => {
  const spec = { code: 'CT', op: '>=' as const, value: 90, due: '2026-12-31', start: '2026-01-01', baseline: 60, measure: '%' };
  const slow = Array.from({ length: 14 }, (_, i) => ({ period: monthCode(monthNumber('2025-06') + i), value: 60 + 0.5 * i }));
  it('warns when two successive months both say the target is likely to miss, the subject beside the reason', () => {
    const w = earlyWarning(spec, slow, '2026-08-05');
    expect(w.warn).toBe(true);
    const a = targetAlert({ code: 'CT', unit: 'P_VT', due: spec.due }, w.evaluation, '2026-08-05')!;
    expect(a.subject).toEqual({ targetCode: 'CT', unitCode: 'P_VT' });
    expect(a.since).toBe('2026-08-05');
    expect(a.reason).toBe(w.evaluation.reason);
    expect(a.reasonEn).toBe(w.evaluation.reasonEn);
  });
  it('grades severity by the probability of missing and the time left to act', () => {
    // Months left from 05/08/2026 to 31/12/2026: about 4.9.
    expect(targetAlert({ code: 'CT', unit: 'P_VT', due: spec.due }, { ...earlyWarning(spec, slow, '2026-08-05').evaluation, pMiss: 0.95 }, '2026-08-05')!.severity).toBe('critical');
    expect(targetAlert({ code: 'CT', unit: 'P_VT', due: spec.due }, { ...earlyWarning(spec, slow, '2026-08-05').evaluation, pMiss: 0.85 }, '2026-08-05')!.severity).toBe('warning');
    // The same certainty seven months out is a warning, more than a year out a notice.
    expect(targetSeverity(0.95, 7)).toBe('warning');
    expect(targetSeverity(0.99, 13)).toBe('info');
    expect(targetSeverity(0.9, 6)).toBe('critical');
    expect(targetSeverity(0.89, 1)).toBe('warning');
  });
  it('grades an important target louder and a minor one quieter, and says so beside the reason', () => {
    // The same near-certain miss ten months out: a warning for an ordinary target, critical for one
    // that weighs three ordinary ones (its critical window is twelve months), and a notice 20 months out
    // only for the ordinary one (its notice starts beyond 24 months when it is important).
    expect(targetSeverity(0.95, 10)).toBe('warning');
    expect(targetSeverity(0.95, 10, 3)).toBe('critical');
    expect(targetSeverity(0.95, 12, 2)).toBe('critical');
    expect(targetSeverity(0.95, 12.5, 2)).toBe('warning');
    expect(targetSeverity(0.95, 20)).toBe('info');
    expect(targetSeverity(0.95, 20, 2)).toBe('warning');
    // Importance never makes a likely-but-uncertain miss critical.
    expect(targetSeverity(0.85, 2, 10)).toBe('warning');
    // A minor target (weight 0.5): critical only in the last three months, a notice beyond six.
    expect(targetSeverity(0.95, 5, 0.5)).toBe('warning');
    expect(targetSeverity(0.95, 3, 0.5)).toBe('critical');
    expect(targetSeverity(0.95, 7, 0.5)).toBe('info');

    const ev = { ...earlyWarning(spec, slow, '2026-08-05').evaluation, pMiss: 0.95 };
    // 31/12/2026 is about 8.9 months after 05/04/2026 — past an ordinary target's six.
    const ordinary = targetAlert({ code: 'CT', unit: 'P_VT', due: spec.due }, ev, '2026-04-05')!;
    const important = targetAlert({ code: 'CT', unit: 'P_VT', due: spec.due, weight: 3 }, ev, '2026-04-05')!;
    expect(ordinary.severity).toBe('warning');
    expect(ordinary.reason).toBe(ev.reason);
    expect(important.severity).toBe('critical');
    expect(important.reason.startsWith(ev.reason)).toBe(true);
    expect(important.reason).toContain('trọng số 3 (quan trọng)');
    expect(important.reason).toContain('12 tháng trước hạn');
    expect(important.reasonEn).toContain('Weight 3 (important): critical from 12 months');
    expect(important.data.weight).toBe(3);
    expect(importanceWords(0.5)?.vi).toContain('3 tháng');
    expect(importanceWords(1)).toBeNull();
  });
  it('does not warn on a target on track', () => {
    const fast = slow.map((p, i) => ({ ...p, value: 60 + 2.5 * i }));
    expect(earlyWarning(spec, fast, '2026-08-05').warn).toBe(false);
    expect(targetAlert({ code: 'CT', unit: null, due: spec.due }, evaluateTarget(spec, fast, '2026-08-05'), '2026-08-05')).toBeNull();
  });
});
