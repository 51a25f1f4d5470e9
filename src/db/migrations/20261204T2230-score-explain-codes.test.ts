import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { explainMessageIn } from '../../domain/scoring/explain-words.ts';
import { readScoreSnapshots } from '../../repositories/snapshots.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { up } from './20261204T2230-score-explain-codes.ts';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;

/** A criterion line as the scoring stored it before explanations were codes: "vi / en" text. */
const old = (criterion: string, input: number | null, goal: number | string | null, reason: string, source: string) => ({
  criterion, group: 'g', name: criterion, rule: 'ratio', applicable: true, input, goal, points: 0, max: 10, reason, source,
});

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = contextFor(t, () => new Date('2026-11-20T00:00:00Z'));
  const unit = await ctx.db.insertInto('units').values({ code: 'P_CU', name: 'Phường Cũ', kind: 'commune', parent_id: null }).returning('id').executeTakeFirstOrThrow();
  const explain = [
    old('UP', 60, 80, '60 ÷ 80 × 10', 'ONLINE, Tháng 6/2026, số liệu của đơn vị / own data'),
    old('DOWN', 4, 2, '2 ÷ 4 × 10', 'LATE, 3 tháng / months, tổng hợp từ 12 đơn vị / rolled up from 12 units'),
    old('CAP', 200, 80, '200 ÷ 80 × 10 (đạt trần / capped)', 'chỉ số KHONG_CO chưa được khai báo / indicator not defined'),
    old('STEP', 97, '≥90→10; ≥95→15', 'đạt bậc ≥ 95 / reached step', '2/3 đơn vị trực thuộc đạt HOC_LIEU >= 90; chưa đạt: TH_3'),
    old('NONE', null, 80, 'chưa có dữ liệu: tính 0 điểm theo bộ chỉ số / no data: scores 0 as the framework says', 'ONLINE: không có dữ liệu trong Năm 2026 / no data'),
    old('ASSESSED', null, null, 'chưa có điểm thẩm định: tính 0 / not appraised yet: 0', 'tự đánh giá bởi user:7, chưa thẩm định / self-assessed only'),
    old('NA', null, null, 'không áp dụng cho loại đơn vị "agency" / not applicable to this kind of unit', 'không có dữ liệu / no data'),
    old('ODD', null, null, 'một lý do khác', 'một nguồn khác'),
  ];
  await ctx.db.insertInto('unit_scores_current').values({
    framework_code: 'F', framework_version: '1', period: '2026', unit_id: unit.id, kind: 'commune',
    score: 0, max: 80, self_score: 0, rank: 1, groups: JSON.stringify({ g: 0 }), explain: JSON.stringify(explain),
  }).execute();
  await up(ctx.db as never);
});
afterAll(async () => t.close());

describe(`score explanations stored as text become codes (${testEngine})`, () => {
  it('converts every text the scoring wrote into its code, said again in each language', async () => {
    const [snapshot] = await readScoreSnapshots(ctx.db, { framework: 'F', period: '2026' });
    const line = (c: string) => snapshot!.explain.find((l) => l.criterion === c)!;
    const words = (c: string, lang: 'vi' | 'en') => [explainMessageIn(line(c).reason, lang), explainMessageIn(line(c).source, lang)];

    expect(line('UP').reason).toEqual({ code: 'score.explain.ratio_up', params: { value: 60, goal: 80, max: 10 } });
    expect(words('UP', 'en')).toEqual(['60 ÷ 80 × 10', 'ONLINE, June 2026, own data']);
    expect(words('UP', 'vi')).toEqual(['60 ÷ 80 × 10', 'ONLINE, Tháng 6/2026, số liệu của đơn vị']);
    // Lower is better wrote goal ÷ value: the line's input tells which figure was which.
    expect(line('DOWN').reason).toEqual({ code: 'score.explain.ratio_down', params: { goal: 2, value: 4, max: 10 } });
    expect(words('DOWN', 'en')).toEqual(['2 ÷ 4 × 10', 'LATE, 3 months, rolled up from 12 units']);
    expect(words('CAP', 'vi')).toEqual(['200 ÷ 80 × 10 (đạt trần)', 'chỉ số KHONG_CO chưa được khai báo']);
    expect(words('CAP', 'en')).toEqual(['200 ÷ 80 × 10 (capped)', 'indicator KHONG_CO is not defined']);
    expect(words('STEP', 'en')).toEqual(['reached the step ≥ 95', '2/3 units below meet HOC_LIEU >= 90; not yet: TH_3']);
    expect(words('NONE', 'vi')).toEqual(['chưa có dữ liệu: tính 0 điểm theo bộ chỉ số', 'ONLINE: không có dữ liệu trong Năm 2026']);
    expect(words('NONE', 'en')).toEqual(['no data: scores 0 as the framework says', 'ONLINE: no data in Year 2026']);
    expect(words('ASSESSED', 'en')).toEqual(['not appraised yet: 0', 'self-assessed by user:7, not appraised yet']);
    expect(words('NA', 'vi')).toEqual(['không áp dụng cho loại đơn vị "agency"', 'không có dữ liệu']);
    expect(words('NA', 'en')).toEqual(['not applicable to units of kind "agency"', 'no data']);
  });

  it('keeps a text it does not know as it was, rather than losing it', async () => {
    const [snapshot] = await readScoreSnapshots(ctx.db, { framework: 'F', period: '2026' });
    const odd = snapshot!.explain.find((l) => l.criterion === 'ODD')!;
    expect(odd.reason).toEqual({ code: 'score.explain.text', params: { text: 'một lý do khác' } });
    expect(explainMessageIn(odd.source, 'en')).toBe('một nguồn khác');
  });
});
