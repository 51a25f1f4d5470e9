import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { message } from '../../domain/messages/message.ts';
import { explainMessageIn } from '../../domain/scoring/explain-words.ts';
import { parseFramework } from '../../domain/scoring/framework.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../domain/scoring/load-framework.ts';
import { readScoreRanks, readScoreSnapshots } from '../../repositories/snapshots.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { computeScores } from './compute-scores.ts';
import { getRanking } from './get-ranking.ts';
import { recordAssessment } from './record-assessment.ts';
import { refreshScoreSnapshots } from './refresh-score-snapshots.ts';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;
const ids: Record<string, number> = {};

async function addUnit(code: string, kind: string, parent: string | null) {
  ids[code] = (await ctx.db.insertInto('units').values({ code, name: code, kind, parent_id: parent ? (ids[parent] ?? null) : null }).returning('id').executeTakeFirstOrThrow()).id;
}
async function addIndicator(code: string, aggregation: 'sum' | 'mean' | 'ratio', direction: 'up' | 'down' = 'up', measure = '%') {
  ids[code] = (await ctx.db.insertInto('indicators').values({ code, name: code, measure, aggregation, direction }).returning('id').executeTakeFirstOrThrow()).id;
}
async function observe(indicator: string, unit: string, period: string, value: number) {
  await ctx.db
    .insertInto('observations')
    .values({ indicator_id: ids[indicator] as number, unit_id: ids[unit] as number, period, period_start: `${period}-01`, period_end: `${period}-28`, version: 1, value, origin: 'system', source: 't', actor: 't' })
    .execute();
}

const framework = parseFramework({
  code: 'T-DTI', version: '1', name: 'test', unitKinds: ['commune', 'agency'],
  groups: [
    { id: 'cqs', name: 'Chính quyền số', criteria: [
      { id: 'C1', name: 'online', rule: 'ratio', indicator: 'ONLINE', goal: 80, max: 10 },
      { id: 'C2', name: 'late', rule: 'ratio', indicator: 'LATE', goal: 2, max: 10, appliesTo: ['commune'] },
      { id: 'C3', name: 'council', rule: 'assessed', max: 5 },
    ] },
    { id: 'xhs', name: 'Xã hội số', appliesTo: ['commune'], criteria: [
      { id: 'X1', name: 'schools', rule: 'threshold', share: { indicator: 'HOC_LIEU', op: '>=', goal: 90, kinds: ['school'] }, goal: 100, max: 10 },
    ] },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = contextFor(t, () => new Date('2026-11-20T00:00:00Z'));
  await addUnit('HN', 'city', null);
  for (const p of ['P_A', 'P_B', 'P_C']) await addUnit(p, 'commune', 'HN');
  await addUnit('SO_X', 'agency', 'HN');
  // P_C has no figure of its own: its offices report and it is scored on their roll-up.
  await addUnit('P_C_VP', 'office', 'P_C');
  await addUnit('P_C_KT', 'office', 'P_C');
  await addUnit('P_A_TH1', 'school', 'P_A');
  await addUnit('P_A_TH2', 'school', 'P_A');
  await addIndicator('ONLINE', 'mean');
  await addIndicator('LATE', 'mean', 'down');
  await addIndicator('HOC_LIEU', 'mean');
  await observe('ONLINE', 'P_A', '2026-05', 10);
  await observe('ONLINE', 'P_A', '2026-06', 80); // the last month counts (over: last)
  await observe('ONLINE', 'P_B', '2026-06', 40);
  await observe('ONLINE', 'P_C_VP', '2026-06', 60);
  await observe('ONLINE', 'P_C_KT', '2026-06', 100);
  await observe('ONLINE', 'SO_X', '2026-06', 80);
  await observe('LATE', 'P_A', '2026-06', 4);
  await observe('LATE', 'P_B', '2026-06', 1);
  await observe('HOC_LIEU', 'P_A_TH1', '2026-06', 95);
  await observe('HOC_LIEU', 'P_A_TH2', '2026-06', 91);
});
afterAll(async () => t.close());

describe(`computeScores (${testEngine})`, () => {
  it('scores and ranks each kind separately, explaining every criterion', async () => {
    const { ranking } = await computeScores(ctx, { framework, period: '2026' });
    const byUnit = new Map(ranking.map((r) => [r.unit, r]));
    // P_A: C1 10, C2 2/4×10 = 5, X1 all schools ≥ 90 → 10; P_B: 5 + 10 + 0 (no schools); P_C: rolled up 80 → 10, no LATE → 0.
    expect(byUnit.get('P_A')).toMatchObject({ score: 25, max: 35, rank: 1, groups: { cqs: 15, xhs: 10 } });
    expect(byUnit.get('P_B')).toMatchObject({ score: 15, max: 35, rank: 2 });
    expect(byUnit.get('P_C')).toMatchObject({ score: 10, max: 35, rank: 3 });
    expect(byUnit.get('SO_X')).toMatchObject({ score: 10, max: 15, rank: 1, kind: 'agency' });
    const c1 = byUnit.get('P_C')?.explain.find((e) => e.criterion === 'C1');
    expect(c1).toMatchObject({ rule: 'ratio', input: 80, goal: 80, points: 10, max: 10 });
    // P_C's figure is the roll-up of its 2 offices' June cells (over: last).
    expect(c1?.source).toEqual(message('score.source.rolled_in', { indicator: 'ONLINE', period: '2026-06', units: 2 }));
    expect(explainMessageIn(c1!.source, 'vi')).toBe('ONLINE, Tháng 6/2026, tổng hợp từ 2 đơn vị');
    expect(explainMessageIn(c1!.source, 'en')).toBe('ONLINE, June 2026, rolled up from 2 units');
    const x1 = byUnit.get('P_A')?.explain.find((e) => e.criterion === 'X1');
    expect(explainMessageIn(x1!.source, 'vi')).toBe('2/2 đơn vị trực thuộc đạt HOC_LIEU >= 90');
    expect(explainMessageIn(x1!.source, 'en')).toBe('2/2 units below meet HOC_LIEU >= 90');
    const late = byUnit.get('P_C')?.explain.find((e) => e.criterion === 'C2');
    expect(explainMessageIn(late!.source, 'vi')).toBe('LATE: không có dữ liệu trong Năm 2026');
    expect(explainMessageIn(late!.source, 'en')).toBe('LATE: no data in Year 2026');
    expect(byUnit.get('P_A')?.explain.find((e) => e.criterion === 'X1')).toMatchObject({ input: 100, points: 10 });
    expect(byUnit.get('SO_X')?.explain.find((e) => e.criterion === 'C2')).toMatchObject({ applicable: false });
  });

  it('ranks only one kind when asked, and refuses a kind the framework does not score', async () => {
    const { ranking } = await computeScores(ctx, { framework, period: '2026', kind: 'commune' });
    expect(ranking.map((r) => [r.unit, r.rank])).toEqual([['P_A', 1], ['P_B', 2], ['P_C', 3]]);
    await expect(computeScores(ctx, { framework, period: '2026', kind: 'school' })).rejects.toBeInstanceOf(InputError);
    await expect(computeScores(ctx, { framework, period: '20x6' })).rejects.toBeInstanceOf(InputError);
  });

  it('keeps self-assessed and appraised points apart; only appraised ones count', async () => {
    await refreshScoreSnapshots(ctx, framework, '2026');
    await recordAssessment(ctx, 'user:p_b', { framework: 'T-DTI', criterion: 'C3', unit: 'P_B', period: '2026', kind: 'self', points: 5, evidence: 'bb-1.pdf' });
    let pB = (await computeScores(ctx, { framework, period: '2026', kind: 'commune' })).ranking.find((r) => r.unit === 'P_B');
    expect(pB).toMatchObject({ score: 15, selfScore: 20, appraisalComplete: false });
    await recordAssessment(ctx, 'user:council', { framework: 'T-DTI', criterion: 'C3', unit: 'P_B', period: '2026', kind: 'appraised', points: 4, evidence: 'bb-1.pdf' });
    pB = (await computeScores(ctx, { framework, period: '2026', kind: 'commune' })).ranking.find((r) => r.unit === 'P_B');
    expect(pB?.score).toBe(19);
    expect(pB?.explain.find((e) => e.criterion === 'C3')).toMatchObject({ self: 5, appraised: 4, points: 4 });
  });

  it('refuses assessments beyond the max, on measured criteria or without evidence', async () => {
    const bad = await recordAssessment(ctx, 'x', { framework: 'T-DTI', criterion: 'C1', unit: 'P_B', period: '2026', kind: 'self', points: 50, evidence: '' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InputError);
    expect((bad as InputError).problems.map((p) => p.field).sort()).toEqual(['criterion', 'evidence', 'points']);
    const over = await recordAssessment(ctx, 'x', { framework: 'T-DTI', criterion: 'C3', unit: 'P_B', period: '2026', kind: 'self', points: 6, evidence: 'e' }).catch((e: unknown) => e);
    expect((over as InputError).problems.map((p) => p.field)).toEqual(['points']);
  });

  it('stores snapshots and serves the ranking from them', async () => {
    await refreshScoreSnapshots(ctx, framework, '2026');
    const stored = await readScoreSnapshots(ctx.db, { framework: 'T-DTI', period: '2026', kind: 'commune' });
    expect(stored.map((s) => [s.unit, s.rank, s.score])).toEqual([['P_A', 1, 25], ['P_B', 2, 19], ['P_C', 3, 10]]);
    const r = await getRanking(ctx, { framework: 'T-DTI', period: '2026', unit: 'P_C' });
    expect(r.ranking[0]?.explain.length).toBe(4);
  });

  it('scores on the shipped Hanoi framework without data: nothing known, nothing counted (it excludes missing data), ranks tie at 1', async () => {
    const { ranking } = await computeScores(ctx, { framework: frameworkFromFile(SHIPPED_FRAMEWORK_PATH), period: '2026', kind: 'commune' });
    expect(ranking).toHaveLength(3);
    for (const r of ranking) {
      expect(r.score).toBe(0);
      expect(r.rank).toBe(1);
      // Every applicable criterion is unknown, so none is in the maximum, and the coverage says so.
      expect(r.max).toBe(0);
      expect(r.coverage.withData).toBe(0);
      expect(r.coverage.missing).toBeGreaterThan(0);
    }
  });
  it('ranks a ward with data for too few criteria after the others and marks it, through the stored snapshots (issue #12)', async () => {
    // The same criteria, missing data left out of the maximum, and a floor of half the criteria.
    const excluding = parseFramework({
      code: 'T-COV', version: '1', name: 'coverage', unitKinds: ['commune'], missingData: 'exclude', minCoverage: 0.5,
      groups: [{ id: 'cqs', name: 'Chính quyền số', criteria: [
        { id: 'C1', name: 'online', rule: 'ratio', indicator: 'ONLINE', goal: 80, max: 10 },
        { id: 'C2', name: 'late', rule: 'ratio', indicator: 'LATE', goal: 2, max: 10 },
        { id: 'C3', name: 'council', rule: 'assessed', max: 5 },
        { id: 'X1', name: 'schools', rule: 'threshold', share: { indicator: 'HOC_LIEU', op: '>=', goal: 90, kinds: ['school'] }, goal: 100, max: 10 },
      ] }],
    });
    await refreshScoreSnapshots(ctx, excluding, '2026');
    const r = await getRanking(ctx, { framework: 'T-COV', period: '2026', kind: 'commune' });
    // P_C is known on C1 only (10 of 10: 100%); P_A on three criteria of four, P_B on two.
    const rows = r.ranking.map((s) => ({ unit: s.unit, rank: s.rank, progress: Math.round((s.score / s.max) * 100), coverage: s.coverage, lowCoverage: s.lowCoverage }));
    expect(rows.find((x) => x.unit === 'P_C')).toMatchObject({ progress: 100, coverage: { withData: 1, missing: 3 }, lowCoverage: true });
    expect(rows.map((x) => x.unit).at(-1)).toBe('P_C');
    expect(rows.filter((x) => !x.lowCoverage).every((x) => x.rank < rows.find((y) => y.unit === 'P_C')!.rank)).toBe(true);
    expect(r.minCoverage).toBe(0.5);
    // What re-ranking after a change reads: the same coverage, counted in SQL from the stored explanation.
    const ranks = await readScoreRanks(ctx.db, { framework: 'T-COV', period: '2026', kind: 'commune' });
    expect(new Map(ranks.map((x) => [x.unit, x.coverage]))).toEqual(new Map(r.ranking.map((x) => [x.unit, x.coverage])));
  });
});
