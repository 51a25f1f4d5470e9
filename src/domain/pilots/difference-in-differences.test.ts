import { describe, expect, it } from 'vitest';
import { estimateDifferenceInDifferences, welchInterval, type UnitMonthlySeries } from './difference-in-differences.ts';

/** A unit's months from `first` ("2026-01") on; null is a gap. */
function unit(name: string, values: (number | null)[], first = 1): UnitMonthlySeries {
  return { unit: name, values: Object.fromEntries(values.map((v, i) => [`2026-${String(first + i).padStart(2, '0')}`, v])) };
}

describe('difference in differences (hand-computed)', () => {
  // Start 2026-04: Jan–Mar are "pre", Apr–Jun "post".
  //   T1 pre 10,12,14 (mean 12) post 20,20,20 (20): change 8     T2 pre 20,20,20 (20) post 25,27,29 (27): change 7
  //   C1 pre 30,30,30 (30) post 32,32,32 (32): change 2           C2 pre 40,41,42 (41) post 44,44,44 (44): change 3
  // effect = (8+7)/2 − (2+3)/2 = 5. Variances of the changes: 0.5 and 0.5, so se² = 0.5/2 + 0.5/2 = 0.5,
  // Welch df = 0.25² / (0.25²/1 + 0.25²/1) = 2; t(0.95; 2) = 2.919986, half-width 2.919986·√0.5 = 2.064742.
  // p of no effect: t = 5/√0.5 = 7.0711; with 2 df P(|T| > t) = 1 − t/√(2 + t²) = 1 − 7.0711/7.2111 = 0.01942.
  const treated = [unit('T1', [10, 12, 14, 20, 20, 20]), unit('T2', [20, 20, 20, 25, 27, 29])];
  const comparison = [unit('C1', [30, 30, 30, 32, 32, 32]), unit('C2', [40, 41, 42, 44, 44, 44])];

  it('estimates the effect, its 90 % interval and the group means', () => {
    const est = estimateDifferenceInDifferences({ treated, comparison, start: '2026-04' });
    expect(est.sufficient).toBe(true);
    expect(est.reason).toBeNull();
    expect(est.effect).toBeCloseTo(5, 10);
    expect(est.standardError).toBeCloseTo(Math.sqrt(0.5), 10);
    expect(est.degreesOfFreedom).toBeCloseTo(2, 10);
    expect(est.interval!.level).toBe(0.9);
    expect(est.interval!.low).toBeCloseTo(5 - 2.064742, 4);
    expect(est.interval!.high).toBeCloseTo(5 + 2.064742, 4);
    expect(est.pValue).toBeCloseTo(0.01942, 4);
    expect(est.window).toEqual({ preFrom: '2026-01', preTo: '2026-03', postFrom: '2026-04', postTo: '2026-06' });
    expect(est.treated).toEqual({ units: 2, preMean: 16, postMean: 23.5, change: 7.5, preObservations: 6, postObservations: 6 });
    expect(est.comparison).toEqual({ units: 2, preMean: 35.5, postMean: 38, change: 2.5, preObservations: 6, postObservations: 6 });
    // Pre slopes: T 2 and 0, C 0 and 1 → difference 1 − 0.5 = 0.5, far from significant with 2 units.
    expect(est.preTrend!.slopeDifference).toBeCloseTo(0.5, 10);
    expect(est.preTrend!.parallel).toBe(true);
    expect(est.warnings.map((w) => w.code)).not.toContain('pre_trends_differ');
  });

  it('widens the interval at a higher level: t(0.975; 2) = 4.302653', () => {
    const est = estimateDifferenceInDifferences({ treated, comparison, start: '2026-04', confidence: 0.95 });
    expect(est.interval!.high - est.interval!.low).toBeCloseTo(2 * 4.302653 * Math.sqrt(0.5), 4);
  });

  it('takes a gap as a missing month: a unit missing one of four post months averages the three it has', () => {
    // Post window Apr–Jul; T2 post 25, —, 29, 27 → mean 27 still, every other mean as above: effect 5.
    const est = estimateDifferenceInDifferences({
      treated: [unit('T1', [10, 12, 14, 20, 20, 20, 20]), unit('T2', [20, 20, 20, 25, null, 29, 27])],
      comparison: [unit('C1', [30, 30, 30, 32, 32, 32, 32]), unit('C2', [40, 41, 42, 44, 44, 44, 44])],
      start: '2026-04',
    });
    expect(est.sufficient).toBe(true);
    expect(est.effect).toBeCloseTo(5, 10);
    expect(est.treated.postObservations).toBe(7);
    expect(est.excludedUnits).toEqual([]);
  });

  it('warns when the groups trended apart before the start', () => {
    // Pre slopes T 2 and 2.2, C 0 and 0.2: difference 2; each group's variance 0.02 → se 0.1414, t 14.1 with
    // 2 df: p = 1 − 14.142/√(2 + 200) = 0.005 < 0.1.
    const est = estimateDifferenceInDifferences({
      treated: [unit('T1', [10, 12, 14, 20, 21, 22]), unit('T2', [20, 22.2, 24.4, 30, 31, 31])],
      comparison: [unit('C1', [5, 5, 5, 6, 6, 7]), unit('C2', [5, 5.2, 5.4, 6, 6, 6])],
      start: '2026-04',
    });
    expect(est.sufficient).toBe(true);
    expect(est.preTrend!.slopeDifference).toBeCloseTo(2, 10);
    expect(est.preTrend!.pValue).toBeCloseTo(0.005, 3);
    expect(est.preTrend!.parallel).toBe(false);
    const warning = est.warnings.find((w) => w.code === 'pre_trends_differ')!;
    // Each language says the whole sentence, its figures written its own way (2 per month, p ≈ 0,005).
    expect(warning.vi).toMatch(/^Trước thí điểm, hai nhóm đã có xu hướng khác nhau \(chênh 2 mỗi tháng, p = 0,00\d\): ước lượng có thể lệch$/);
    expect(warning.en).toMatch(/^Before the pilot the groups already trended apart \(2 per month, p = 0\.00\d\): the estimate may be biased$/);
  });
});

describe('Welch interval with its degrees-of-freedom cap', () => {
  it('caps the degrees of freedom at 2·(n_small − 1) when Satterthwaite would trust two units more', () => {
    // a = [0, 2]: variance 2, over n 1. b = ±√7 four times each: variance 8·7/7 = 8, over n 1.
    // se² = 2, se = √2; Satterthwaite df = 2² / (1²/1 + 1²/7) = 3.5, capped at 2·(2 − 1) = 2.
    const c = Math.sqrt(7);
    const w = welchInterval([0, 2], [c, c, c, c, -c, -c, -c, -c], 0.9)!;
    expect(w.se).toBeCloseTo(Math.SQRT2, 10);
    expect(w.df).toBe(2);
    expect(w.half).toBeCloseTo(2.919986 * Math.SQRT2, 4);
  });
});

describe('difference in differences: not enough data', () => {
  const full = (name: string, shift: number) => unit(name, [10 + shift, 11 + shift, 12 + shift, 15 + shift, 16 + shift, 17 + shift]);

  it('needs two units with data in each group, but still gives the point estimate with one', () => {
    const est = estimateDifferenceInDifferences({ treated: [full('T1', 0)], comparison: [full('C1', 3), unit('C2', [1, 2, 3, 3, 4, 6])], start: '2026-04' });
    expect(est.sufficient).toBe(false);
    expect(est.reason!.code).toBe('too_few_units');
    expect(est.reason!.vi).toBe('Cần ít nhất 2 đơn vị đủ số liệu mỗi nhóm: nhóm thí điểm: 1 đơn vị đủ số liệu');
    expect(est.reason!.en).toBe('At least 2 units with enough data per group are needed: treated group: 1 with enough data');
    expect(est.interval).toBeNull();
    // T1 change 15 → 5 (16−11); C1 also 5, C2 (4.333 − 2) = 2.333: comparison 3.6667; effect 5 − 3.6667.
    expect(est.effect).toBeCloseTo(5 - (5 + 7 / 3) / 2, 10);
  });

  it('refuses an empty group', () => {
    const est = estimateDifferenceInDifferences({ treated: [full('T1', 0), full('T2', 1)], comparison: [], start: '2026-04' });
    expect(est.reason).toEqual({ code: 'no_units', vi: 'Thiếu đơn vị: nhóm đối chứng trống', en: 'No units: the comparison group is empty' });
    expect(est.effect).toBeNull();
  });

  it('needs three months before and three since the start', () => {
    const few = estimateDifferenceInDifferences({ treated: [full('T1', 0), full('T2', 1)], comparison: [full('C1', 2), full('C2', 3)], start: '2026-03' });
    expect(few.reason).toEqual({
      code: 'too_few_pre_months',
      vi: 'Cần ít nhất 3 tháng số liệu trước thí điểm: 2 tháng',
      en: 'At least 3 months of data before the pilot are needed: 2 months',
    });
    const late = estimateDifferenceInDifferences({ treated: [full('T1', 0), full('T2', 1)], comparison: [full('C1', 2), full('C2', 3)], start: '2026-05' });
    expect(late.reason!.code).toBe('too_few_post_months');
    expect(late.reason!.en).toBe('At least 3 months of data since the pilot started are needed: 2 months');
    expect(late.reason!.vi).toBe('Cần ít nhất 3 tháng số liệu từ khi thí điểm: 2 tháng');
    const noPost = estimateDifferenceInDifferences({ treated: [full('T1', 0), full('T2', 1)], comparison: [full('C1', 2), full('C2', 3)], start: '2026-09' });
    expect(noPost.reason!.code).toBe('too_few_post_months');
  });

  it('leaves out, and names, a unit missing more than a third of a window', () => {
    // Window Jan–Jun pre (6 months), Jul–Sep post. T3 has only 3 of the 6 pre months: left out.
    const long = (name: string, pre: (number | null)[]) => unit(name, [...pre, 20, 21, 22]);
    const est = estimateDifferenceInDifferences({
      treated: [long('T1', [10, 10, 11, 11, 12, 12]), long('T2', [11, 11, 12, 12, 13, 12]), long('T3', [10, null, 11, null, 12, null])],
      comparison: [long('C1', [10, 11, 10, 11, 10, 11]), long('C2', [12, 12, 12, 12, 12, 13])],
      start: '2026-07',
    });
    expect(est.sufficient).toBe(true);
    expect(est.treated.units).toBe(2);
    expect(est.excludedUnits).toEqual([{ unit: 'T3', group: 'treated', reason: 'too_many_gaps' }]);
    expect(est.warnings.find((w) => w.code === 'units_left_out')).toEqual({ code: 'units_left_out', vi: 'Không tính các đơn vị thiếu số liệu: T3', en: 'Units left out for missing data: T3' });
  });

  it('says "too many gaps" when the gaps leave a group short', () => {
    const est = estimateDifferenceInDifferences({
      treated: [unit('T1', [10, 10, 11, 11, 12, 12, 20, 21, 22]), unit('T2', [10, null, 11, null, 12, null, 20, 21, 22])],
      comparison: [unit('C1', [10, 11, 10, 11, 10, 11, 12, 12, 12]), unit('C2', [12, 12, 12, 12, 12, 13, 13, 13, 13])],
      start: '2026-07',
    });
    expect(est.sufficient).toBe(false);
    expect(est.reason!.code).toBe('too_many_gaps');
  });

  it('cannot measure spread when every unit changed by exactly the same', () => {
    const est = estimateDifferenceInDifferences({ treated: [full('T1', 0), full('T2', 1)], comparison: [full('C1', 2), full('C2', 3)], start: '2026-04' });
    expect(est.reason).toEqual({
      code: 'no_spread',
      vi: 'Không ước lượng được độ dao động giữa các đơn vị: mọi đơn vị thay đổi như nhau',
      en: 'The spread between units cannot be estimated: every unit changed by exactly the same',
    });
    expect(est.effect).toBe(0);
  });

  it('refuses a start that is not a month', () => {
    expect(estimateDifferenceInDifferences({ treated: [], comparison: [], start: '2026-Q2' }).reason).toEqual({
      code: 'invalid_window', vi: 'Khoảng thời gian không hợp lệ: tháng bắt đầu "2026-Q2"', en: 'Invalid window: start month "2026-Q2"',
    });
    expect(estimateDifferenceInDifferences({ treated: [], comparison: [], start: '2026-04', confidence: 0.3 }).reason).toMatchObject({ vi: 'Khoảng thời gian không hợp lệ: mức tin cậy 0,3', en: 'Invalid window: confidence level 0.3' });
  });
});
