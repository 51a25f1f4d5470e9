import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { parseFramework, type Criterion, type Framework } from './framework.ts';
import { frameworkFromFile, frameworkFromText, SHIPPED_FRAMEWORK_PATH } from './load-framework.ts';
import { rankKey, rankScores } from './rank.ts';
import { message, renderMessage } from '../messages/message.ts';
import { scoreMeasured, scoreUnit, type AssessedInput, type MeasuredInput } from './score.ts';

type Measured = Exclude<Criterion, { rule: 'assessed' }>;
const test = message('score.explain.text', { text: 'test' });
const up = (value: number | null): MeasuredInput => ({ value, direction: 'up', source: test });
const down = (value: number | null): MeasuredInput => ({ value, direction: 'down', source: test });
const ratio: Measured = { id: 'R', name: 'r', max: 10, rule: 'ratio', indicator: 'I', over: 'last', goal: 80 };
const steps: Measured = { id: 'S', name: 's', max: 20, rule: 'steps', indicator: 'I', over: 'last', steps: [{ at: 90, points: 10 }, { at: 95, points: 15 }, { at: 98, points: 20 }] };
const threshold: Measured = { id: 'T', name: 't', max: 5, rule: 'threshold', indicator: 'I', over: 'last', op: '>=', goal: 95 };

describe('scoring rules', () => {
  it('ratio: value ÷ goal × max, capped at max and at zero', () => {
    expect(scoreMeasured(ratio, up(60)).points).toBe(7.5);
    expect(scoreMeasured(ratio, up(80)).points).toBe(10);
    expect(scoreMeasured(ratio, up(200)).points).toBe(10);
    // The explanation is a code with the formula's figures; each language says it whole.
    const capped = scoreMeasured(ratio, up(200)).reason;
    expect(capped).toEqual(message('score.explain.ratio_up_capped', { value: 200, goal: 80, max: 10 }));
    expect(renderMessage(capped, 'vi')).toBe('200 ÷ 80 × 10 (đạt trần)');
    expect(renderMessage(capped, 'en')).toBe('200 ÷ 80 × 10 (capped)');
    expect(renderMessage(scoreMeasured(ratio, up(60.5)).reason, 'vi')).toBe('60,5 ÷ 80 × 10');
    expect(renderMessage(scoreMeasured(ratio, up(60.5)).reason, 'en')).toBe('60.5 ÷ 80 × 10');
    expect(scoreMeasured(ratio, up(-5)).points).toBe(0);
    const none = scoreMeasured(ratio, up(null));
    expect(none).toMatchObject({ points: 0, reason: { code: 'score.explain.no_data' } });
    expect([renderMessage(none.reason, 'vi'), renderMessage(none.reason, 'en')]).toEqual(['không có dữ liệu', 'no data']);
  });

  it('ratio: lower is better when the indicator or the criterion says so', () => {
    const late = { ...ratio, goal: 2 };
    expect(scoreMeasured(late, down(4)).points).toBe(5);
    expect(scoreMeasured(late, down(1)).points).toBe(10);
    expect(scoreMeasured(late, down(0)).points).toBe(10);
    expect(scoreMeasured({ ...late, direction: 'down' }, up(4)).points).toBe(5);
  });

  it('steps: the points of the highest step reached, in either direction', () => {
    expect(scoreMeasured(steps, up(89.9)).points).toBe(0);
    expect(scoreMeasured(steps, up(90)).points).toBe(10);
    expect(scoreMeasured(steps, up(97)).points).toBe(15);
    expect(scoreMeasured(steps, up(100)).points).toBe(20);
    const incidents: Measured = { ...steps, steps: [{ at: 3, points: 5 }, { at: 1, points: 10 }, { at: 0, points: 15 }] };
    expect(scoreMeasured(incidents, down(5)).points).toBe(0);
    expect(scoreMeasured(incidents, down(2)).points).toBe(5);
    expect(scoreMeasured(incidents, down(0)).points).toBe(15);
    expect(renderMessage(scoreMeasured(steps, up(97)).reason, 'vi')).toBe('đạt bậc ≥ 95');
    expect(renderMessage(scoreMeasured(steps, up(97)).reason, 'en')).toBe('reached the step ≥ 95');
    expect(renderMessage(scoreMeasured(incidents, down(2)).reason, 'en')).toBe('reached the step ≤ 3');
    expect(scoreMeasured(steps, up(89.9)).reason).toEqual(message('score.explain.below_every_step'));
  });

  it('threshold: all or nothing', () => {
    expect(scoreMeasured(threshold, up(95)).points).toBe(5);
    expect(scoreMeasured(threshold, up(94.9)).points).toBe(0);
    expect(scoreMeasured({ ...threshold, op: '<', goal: 5 }, up(4)).points).toBe(5);
    expect([renderMessage(scoreMeasured(threshold, up(95)).reason, 'vi'), renderMessage(scoreMeasured(threshold, up(95)).reason, 'en')]).toEqual(['đạt ngưỡng', 'threshold met']);
    expect([renderMessage(scoreMeasured(threshold, up(94.9)).reason, 'vi'), renderMessage(scoreMeasured(threshold, up(94.9)).reason, 'en')]).toEqual(['không đạt ngưỡng', 'threshold not met']);
  });
});

const framework: Framework = parseFramework({
  code: 'F', version: '1', name: 'F', unitKinds: ['agency', 'commune'],
  groups: [
    { id: 'cqs', name: 'Chính quyền số', criteria: [{ id: 'C1', name: 'c1', rule: 'ratio', indicator: 'I', goal: 80, max: 10 }, { id: 'C2', name: 'c2', rule: 'assessed', max: 5 }] },
    { id: 'kts', name: 'Kinh tế số', appliesTo: ['commune'], criteria: [{ id: 'K1', name: 'k1', rule: 'threshold', indicator: 'J', goal: 50, max: 10 }] },
  ],
});

describe('scoring a unit', () => {
  const measured = new Map([['C1', up(40)], ['K1', up(60)]]);
  const assessed = new Map<string, AssessedInput>([['C2', { self: { points: 5, evidence: 'bb.pdf', by: 'P1' }, appraised: { points: 3, evidence: 'bb.pdf', by: 'SO_KHCN' } }]]);

  it('keeps self-assessed, appraised and final apart and explains each criterion', () => {
    const s = scoreUnit(framework, { code: 'P1', kind: 'commune' }, measured, assessed);
    expect(s).toMatchObject({ score: 18, max: 25, selfScore: 20, appraisedScore: 18, appraisalComplete: true, groups: { cqs: 8, kts: 10 } });
    expect(s.explain.find((e) => e.criterion === 'C1')).toMatchObject({ rule: 'ratio', input: 40, goal: 80, points: 5, max: 10, source: test });
    const c2 = s.explain.find((e) => e.criterion === 'C2');
    expect(c2).toMatchObject({ self: 5, appraised: 3, points: 3, evidence: 'bb.pdf', reason: { code: 'score.explain.appraised_points' } });
    expect([renderMessage(c2!.source, 'vi'), renderMessage(c2!.source, 'en')]).toEqual(['thẩm định bởi SO_KHCN', 'appraised by SO_KHCN']);
  });

  it('counts a self-assessment not yet appraised as 0 in the final score', () => {
    const s = scoreUnit(framework, { code: 'P1', kind: 'commune' }, measured, new Map([['C2', { self: { points: 5, evidence: null, by: 'P1' }, appraised: null }]]));
    expect(s).toMatchObject({ score: 15, selfScore: 20, appraisalComplete: false });
    const c2 = s.explain.find((e) => e.criterion === 'C2');
    expect([renderMessage(c2!.reason, 'vi'), renderMessage(c2!.reason, 'en')]).toEqual(['chưa có điểm thẩm định: tính 0', 'not appraised yet: 0']);
    expect([renderMessage(c2!.source, 'vi'), renderMessage(c2!.source, 'en')]).toEqual(['tự đánh giá bởi P1, chưa thẩm định', 'self-assessed by P1, not appraised yet']);
  });

  it('does not score a unit on criteria that do not apply to its kind', () => {
    const s = scoreUnit(framework, { code: 'SO_X', kind: 'agency' }, measured, assessed);
    expect(s).toMatchObject({ score: 8, max: 15, groups: { cqs: 8, kts: 0 } });
    const k1 = s.explain.find((e) => e.criterion === 'K1');
    expect(k1).toMatchObject({ applicable: false, points: 0 });
    expect([renderMessage(k1!.reason, 'vi'), renderMessage(k1!.reason, 'en')]).toEqual(['không áp dụng cho loại đơn vị "agency"', 'not applicable to units of kind "agency"']);
  });

  it('clamps appraised points to the criterion max', () => {
    const s = scoreUnit(framework, { code: 'P1', kind: 'commune' }, measured, new Map([['C2', { self: null, appraised: { points: 50, evidence: null, by: 'X' } }]]));
    expect(s.explain.find((e) => e.criterion === 'C2')?.points).toBe(5);
  });

  it('never exceeds max nor goes below zero, whatever the inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true })),
        fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true })),
        fc.option(fc.double({ min: -100, max: 100, noNaN: true })),
        fc.constantFrom('agency', 'commune'),
        fc.constantFrom<'up' | 'down'>('up', 'down'),
        (a, b, pts, kind, direction) => {
          const s = scoreUnit(
            framework,
            { code: 'U', kind },
            new Map([['C1', { value: a, direction, source: test }], ['K1', { value: b, direction, source: test }]]),
            new Map([['C2', { self: pts === null ? null : { points: pts, evidence: null, by: 'U' }, appraised: pts === null ? null : { points: pts, evidence: null, by: 'A' } }]]),
          );
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(s.max);
          for (const e of s.explain) {
            expect(e.points).toBeGreaterThanOrEqual(0);
            expect(e.points).toBeLessThanOrEqual(e.max);
          }
        },
      ),
    );
  });
});

describe('ranking', () => {
  it('gives tied units the same rank and skips the next (1, 2, 2, 4), ties listed by code', () => {
    const r = rankScores([
      { unit: 'B', score: 8, max: 10 },
      { unit: 'A', score: 8, max: 10 },
      { unit: 'C', score: 9, max: 10 },
      { unit: 'D', score: 1, max: 10 },
    ]);
    expect(r.map((x) => [x.unit, x.rank])).toEqual([['C', 1], ['A', 2], ['B', 2], ['D', 4]]);
  });

  it('compares score ÷ max so that criteria that do not apply do not penalise', () => {
    const r = rankScores([{ unit: 'SO', score: 80, max: 100 }, { unit: 'P', score: 90, max: 150 }, { unit: 'Z', score: 0, max: 0 }]);
    expect(r.map((x) => x.unit)).toEqual(['SO', 'P', 'Z']);
  });

  it('ranks are 1 + the number of units strictly ahead: a permutation of 1..n when there are no ties (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 40 }), (raw) => {
        const scores = raw.map(([points, max], i) => ({ unit: `U${String(i).padStart(3, '0')}`, score: points * max, max: 20 * max }));
        const ranked = rankScores(scores);
        expect(ranked).toHaveLength(scores.length);
        for (const r of ranked) expect(r.rank).toBe(1 + ranked.filter((o) => rankKey(o) > rankKey(r)).length);
        const keys = new Set(ranked.map(rankKey));
        if (keys.size === ranked.length) expect(ranked.map((r) => r.rank).sort((a, b) => a - b)).toEqual(ranked.map((_, i) => i + 1));
        // Every rank from 1 to n is either used or skipped by a tie just before it.
        const used = new Set(ranked.map((r) => r.rank));
        expect(Math.max(...used)).toBeLessThanOrEqual(ranked.length);
        expect(used.has(1)).toBe(true);
      }),
    );
  });
});

describe('frameworks as data', () => {
  it('loads the shipped Hanoi framework with the eight DTI groups', () => {
    const f = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
    expect(f.groups.map((g) => g.id)).toEqual(['nhan_thuc_so', 'the_che_so', 'ha_tang_so', 'nhan_luc_so', 'an_toan_thong_tin', 'chinh_quyen_so', 'kinh_te_so', 'xa_hoi_so']);
    expect(f.unitKinds).toEqual(['agency', 'commune']);
    expect(new Set(f.groups.flatMap((g) => g.criteria.map((c) => c.rule)))).toEqual(new Set(['ratio', 'steps', 'threshold', 'assessed']));
  });

  it('names the field of every problem in a bad framework', () => {
    const err = (() => {
      try {
        parseFramework({ code: 'X', version: 1, name: 'x', unitKinds: ['commune'], groups: [{ id: 'g', name: 'g', criteria: [{ id: 'a', name: 'a', rule: 'magic', max: 1 }, { id: 'a', name: 'b', rule: 'steps', max: 5, indicator: 'I', steps: [{ at: 1, points: 9 }] }] }] });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map((p) => p.field)).toEqual(['groups[0].criteria[0].rule', 'groups[0].criteria[1].id', 'groups[0].criteria[1].steps[0].points']);
  });

  it('names the line of a YAML syntax error', () => {
    expect(() => frameworkFromText('code: X\ngroups: [\n  {id: a\n')).toThrow(InputError);
  });
});

describe('a criterion without data, as the framework says', () => {
  const two = (missingData?: 'zero' | 'exclude', override?: 'zero' | 'exclude'): Framework => ({
    code: 'F', version: '1', name: 'f', unitKinds: ['commune'], ...(missingData ? { missingData } : {}), indicators: [],
    groups: [{ id: 'g', name: 'g', groups: [], criteria: [{ ...ratio, id: 'A' }, { ...ratio, id: 'B', ...(override ? { missing: override } : {}) }] }],
  });
  const ward = (code: string) => ({ code, kind: 'commune' });
  // Both wards meet A's goal; only the first has reported B (and met it).
  const complete = new Map([['A', up(80)], ['B', up(80)]]);
  const partial = new Map([['A', up(80)]]);

  it('excluded: a ward whose known targets are met is not ranked below wards that merely reported more', () => {
    const f = two('exclude');
    const scores = [scoreUnit(f, ward('P_DU'), complete, new Map()), scoreUnit(f, ward('P_NGOC_HA'), partial, new Map())];
    expect(scores[1]).toMatchObject({ score: 10, max: 10, coverage: { withData: 1, missing: 1 } });
    const b = scores[1]?.explain.find((l) => l.criterion === 'B');
    expect(b).toMatchObject({ missing: 'exclude', points: 0, reason: { code: 'score.explain.no_data_excluded' } });
    expect(renderMessage(b!.reason, 'vi')).toContain('chưa có dữ liệu');
    expect(renderMessage(b!.reason, 'en')).toContain('left out of the maximum');
    expect(rankScores(scores).map((s) => [s.unit, s.rank])).toEqual([['P_DU', 1], ['P_NGOC_HA', 1]]);
  });

  it('excluded: an assessed criterion not yet appraised is not yet known either', () => {
    const f: Framework = {
      code: 'F', version: '1', name: 'f', unitKinds: ['commune'], missingData: 'exclude', indicators: [],
      groups: [{ id: 'g', name: 'g', groups: [], criteria: [{ ...ratio, id: 'A' }, { id: 'NT', name: 'nt', max: 20, rule: 'assessed' }] }],
    };
    const notAppraised = scoreUnit(f, ward('P_NGOC_HA'), new Map([['A', up(80)]]), new Map());
    expect(notAppraised).toMatchObject({ score: 10, max: 10, coverage: { withData: 1, missing: 1 } });
    const nt = notAppraised.explain.find((l) => l.criterion === 'NT');
    expect(nt?.reason.code).toBe('score.explain.not_appraised_excluded');
    expect(renderMessage(nt!.reason, 'vi')).toContain('không tính vào điểm tối đa');
    expect(renderMessage(nt!.reason, 'en')).toContain('not appraised');
    expect(nt?.source).toEqual(message('score.source.not_assessed'));
    const appraised = scoreUnit(f, ward('P_DU'), new Map([['A', up(80)]]), new Map([['NT', { self: null, appraised: { points: 12, evidence: 'Biên bản', by: 'SKHCN' } }]]));
    expect(appraised).toMatchObject({ score: 22, max: 30, coverage: { withData: 2, missing: 0 } });
  });

  it('zero (the default): the missing figure was owed and scores 0 of its max, said so in the explanation', () => {
    for (const f of [two(), two('zero'), two('exclude', 'zero')]) {
      const s = scoreUnit(f, ward('P_NGOC_HA'), partial, new Map());
      expect(s).toMatchObject({ score: 10, max: 20, coverage: { withData: 1, missing: 1 } });
      const b = s.explain.find((l) => l.criterion === 'B');
      expect(b?.reason.code).toBe('score.explain.no_data_zero');
      expect(renderMessage(b!.reason, 'vi')).toContain('tính 0 điểm');
      expect(renderMessage(b!.reason, 'en')).toContain('scores 0');
    }
  });

  it('is read from the framework file, and a wrong value is refused naming the field', () => {
    const yaml = (extra: string) => `code: F\nversion: "1"\nname: f\nunitKinds: [commune]\n${extra}groups:\n  - id: g\n    name: g\n    criteria:\n      - { id: A, name: a, max: 10, rule: ratio, indicator: I, goal: 80, missing: zero }\n`;
    const f = frameworkFromText(yaml('missingData: exclude\n'));
    expect(f.missingData).toBe('exclude');
    expect(f.groups[0]?.criteria[0]?.missing).toBe('zero');
    expect(() => frameworkFromText(yaml('missingData: skip\n'))).toThrow(InputError);
    try {
      frameworkFromText(yaml('missingData: skip\n'));
    } catch (error) {
      expect((error as InputError).problems).toEqual([expect.objectContaining({ field: 'missingData' })]);
    }
  });

  it('the shipped Hanoi framework leaves missing data out of the maximum', () => {
    expect(frameworkFromFile(SHIPPED_FRAMEWORK_PATH).missingData).toBe('exclude');
  });
});

describe('progress and coverage, ranked apart (issue #12)', () => {
  // Five measured criteria of 10 points each, goal 80: 80 earns the whole 10, 76 earns 9,5.
  const five = (minCoverage?: number): Framework => ({
    code: 'F', version: '1', name: 'f', unitKinds: ['commune'], missingData: 'exclude', indicators: [],
    ...(minCoverage === undefined ? {} : { minCoverage }),
    groups: [{ id: 'g', name: 'g', groups: [], criteria: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ ...ratio, id })) }],
  });
  const ward = (code: string) => ({ code, kind: 'commune' });
  // One ward measured on one criterion only, at 100% of it; the other on all five, at 95% of each.
  const thin = new Map([['A', up(80)]]);
  const full = new Map(['A', 'B', 'C', 'D', 'E'].map((id) => [id, up(76)]));

  it('scores the thin ward 100% on 1 of 5 criteria and the full one 95% on 5 of 5', () => {
    const f = five(0.5);
    expect(scoreUnit(f, ward('P_THIN'), thin, new Map())).toMatchObject({ score: 10, max: 10, coverage: { withData: 1, missing: 4 } });
    expect(scoreUnit(f, ward('P_FULL'), full, new Map())).toMatchObject({ score: 47.5, max: 50, coverage: { withData: 5, missing: 0 } });
  });

  it('ranks the fully measured ward first and marks the thin one, under a floor of half the criteria', () => {
    const f = five(0.5);
    const ranked = rankScores([scoreUnit(f, ward('P_THIN'), thin, new Map()), scoreUnit(f, ward('P_FULL'), full, new Map())], { minCoverage: f.minCoverage });
    expect(ranked.map((r) => [r.unit, r.rank, r.lowCoverage])).toEqual([['P_FULL', 1, false], ['P_THIN', 2, true]]);
  });

  it('without a floor the framework ranks on progress alone, coverage shown beside it', () => {
    const f = five();
    const ranked = rankScores([scoreUnit(f, ward('P_THIN'), thin, new Map()), scoreUnit(f, ward('P_FULL'), full, new Map())], { minCoverage: f.minCoverage });
    expect(ranked.map((r) => [r.unit, r.rank, r.lowCoverage])).toEqual([['P_THIN', 1, false], ['P_FULL', 2, false]]);
  });

  it('lists the ward with more data first within a tie, which still shares its rank', () => {
    const ranked = rankScores([
      { unit: 'A_TWO', score: 20, max: 20, coverage: { withData: 2, missing: 3 } },
      { unit: 'B_FIVE', score: 50, max: 50, coverage: { withData: 5, missing: 0 } },
      { unit: 'C_FOUR', score: 40, max: 40, coverage: { withData: 4, missing: 1 } },
    ]);
    expect(ranked.map((r) => [r.unit, r.rank])).toEqual([['B_FIVE', 1], ['C_FOUR', 1], ['A_TWO', 1]]);
  });

  it('ranks units under the floor among themselves after all the others, ties shared there too', () => {
    const ranked = rankScores([
      { unit: 'LOW_HIGH', score: 10, max: 10, coverage: { withData: 1, missing: 9 } },
      { unit: 'OK_LOW', score: 10, max: 50, coverage: { withData: 5, missing: 5 } },
      { unit: 'LOW_MID', score: 5, max: 10, coverage: { withData: 1, missing: 9 } },
      { unit: 'LOW_MID2', score: 5, max: 10, coverage: { withData: 2, missing: 8 } },
    ], { minCoverage: 0.5 });
    expect(ranked.map((r) => [r.unit, r.rank, r.lowCoverage])).toEqual([['OK_LOW', 1, false], ['LOW_HIGH', 2, true], ['LOW_MID2', 3, true], ['LOW_MID', 3, true]]);
  });

  it('sets the floor against the best-covered unit, so a year with no appraisal yet marks only the thin ones', () => {
    // Before the appraisal no ward has its assessed criteria: the best has 6 of 16; half of that is the floor.
    const ranked = rankScores([
      { unit: 'P_SIX', score: 119, max: 120, coverage: { withData: 6, missing: 10 } },
      { unit: 'P_FOUR', score: 80, max: 80, coverage: { withData: 4, missing: 12 } },
      { unit: 'P_TWO', score: 30, max: 30, coverage: { withData: 2, missing: 14 } },
    ], { minCoverage: 0.5 });
    expect(ranked.map((r) => [r.unit, r.rank, r.lowCoverage])).toEqual([['P_FOUR', 1, false], ['P_SIX', 2, false], ['P_TWO', 3, true]]);
  });

  it('reads the shipped framework\'s floor as data', () => {
    expect(frameworkFromFile(SHIPPED_FRAMEWORK_PATH).minCoverage).toBe(0.5);
    expect(() => parseFramework({ code: 'X', version: 1, name: 'x', unitKinds: ['commune'], minCoverage: 2, groups: [{ id: 'g', name: 'g', criteria: [{ ...ratio }] }] })).toThrow(InputError);
  });
});
