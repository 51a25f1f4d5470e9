import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { parseFramework } from '../../../domain/scoring/framework.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { recordAssessment } from '../../../use-cases/scores/record-assessment.ts';
import { refreshScoreSnapshots } from '../../../use-cases/scores/refresh-score-snapshots.ts';
import { createUser } from '../../../use-cases/users/create-user.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

interface Line { criterion: string; reason: string; source: string; said: { reason: { code: string; params: Record<string, unknown> }; source: { code: string } } }

const framework = parseFramework({
  code: 'WORDS', version: '1', name: 'words', unitKinds: ['commune'],
  groups: [{ id: 'g', name: 'g', criteria: [
    { id: 'ON', name: 'online', rule: 'ratio', indicator: 'ONLINE', goal: 80, max: 10 },
    { id: 'NT', name: 'council', rule: 'assessed', max: 5 },
  ] }],
});

describe(`GET /api/v1/scores/:unit explains each criterion in the reader's language (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  const explain = async (lang: string | null) => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/scores/P_LOI?framework=WORDS&period=2026', headers: lang ? { 'accept-language': lang } : {} });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.json<{ explain: Line[] }>().explain;
    return (c: string) => lines.find((l) => l.criterion === c)!;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => new Date('2026-11-22T09:00:00Z'));
    const unit = await ctx.db.insertInto('units').values({ code: 'P_LOI', name: 'Phường Lời', kind: 'commune', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    const ind = await ctx.db.insertInto('indicators').values({ code: 'ONLINE', name: 'online', measure: '%', aggregation: 'mean', direction: 'up' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('observations').values({
      indicator_id: ind.id, unit_id: unit.id, period: '2026-09', period_start: '2026-09-01', period_end: '2026-09-30', version: 1, value: 100, origin: 'system', source: 't', actor: 't',
    }).execute();
    await refreshScoreSnapshots(ctx, framework, '2026');
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('says reason and source in English when asked, in Vietnamese otherwise, with the codes behind them', async () => {
    const en = await explain('en-GB,en;q=0.9');
    // 100 against a goal of 80 is over the goal: the points stop at the maximum.
    expect(en('ON')).toMatchObject({ reason: '100 ÷ 80 × 10 (capped)', source: 'ONLINE, September 2026, own data' });
    expect(en('ON').said.reason).toEqual({ code: 'score.explain.ratio_up_capped', params: { value: 100, goal: 80, max: 10 } });
    expect(en('NT')).toMatchObject({ reason: 'not appraised yet: 0', source: 'not assessed', said: { source: { code: 'score.source.not_assessed' } } });
    for (const vi of [await explain('vi'), await explain(null)]) {
      expect(vi('ON')).toMatchObject({ reason: '100 ÷ 80 × 10 (đạt trần)', source: 'ONLINE, Tháng 9/2026, số liệu của đơn vị' });
      expect(vi('NT')).toMatchObject({ reason: 'chưa có điểm thẩm định: tính 0', source: 'chưa đánh giá' });
    }
  });

  it('names who appraised a criterion by their name, not as "user:7"', async () => {
    const council = await createUser(ctx, 'test', { username: 'hoidong.thamdinh', displayName: 'Hội đồng thẩm định phường', unit: 'P_LOI', role: 'approver', password: 'mat-khau-hoi-dong-2026' });
    await recordAssessment(ctx, `user:${council.id}`, { framework: 'WORDS', criterion: 'NT', unit: 'P_LOI', period: '2026', kind: 'appraised', points: 4, evidence: 'Biên bản thẩm định số 3 (kiểm thử)' });
    await refreshScoreSnapshots(ctx, framework, '2026');
    expect((await explain('vi'))('NT').source).toBe('thẩm định bởi Hội đồng thẩm định phường');
    const en = (await explain('en'))('NT');
    expect(en.source).toBe('appraised by Hội đồng thẩm định phường');
    // The code behind it keeps the recorded actor (names are looked up when read, so an erased person is never named).
    expect(en.said.source).toEqual({ code: 'score.source.appraised_by', params: { by: `user:${council.id}` } });
  });
});
