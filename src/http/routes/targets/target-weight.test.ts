import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { monthCode, monthNumber } from '../../../domain/forecasting/forecast.ts';
import { insertIndicator } from '../../../repositories/indicators.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { ingestObservations } from '../../../use-cases/observations/ingest-observations.ts';
import { importTargets } from '../../../use-cases/targets/import-targets.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { importRegistryUnits } from '../../../use-cases/units/import-units.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

interface Row { code: string; score: number; counts: { at_risk: number } }

/**
 * Issue #12: the "behind" ranking weighs targets at risk by importance. Two wards on identical
 * series (so every target has the same pMiss p and the same urgency u, due 31/12/2026): ward X has
 * one at-risk target, ward Y two. By hand: X = w·p·u, Y = 2·p·u. With w = 1, Y is further behind;
 * with w = 3 on X's target, X (3pu) passes Y (2pu), and X/Y = 3/2.
 */
describe(`PATCH /api/v1/targets/:code/weight and the behind ranking (${testEngine})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let admin: { authorization: string };
  let wardAdmin: { authorization: string };
  let viewer: { authorization: string };
  const behind = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units/behind?unit=HN&level=ward&asOf=2026-08-05', headers: viewer });
    expect(res.statusCode).toBe(200);
    return res.json<{ ranked: Row[] }>().ranked;
  };
  const setWeight = (code: string, weight: unknown, headers = admin) =>
    app.inject({ method: 'PATCH', url: `/api/v1/targets/${code}/weight`, headers, payload: { weight } });

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    const unit = (code: string, name: string, kind: 'city' | 'commune', parent: string | null) => ({ code, name, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [] });
    await importRegistryUnits(ctx, [unit('HN', 'Thành phố thử', 'city', null), unit('P_X', 'Phường Xuân Hòa thử', 'commune', 'HN'), unit('P_Y', 'Phường Yên Lạc thử', 'commune', 'HN')]);
    await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
      code: 'DVC', name: 'Tỷ lệ hồ sơ nộp trực tuyến', measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null, frequency: 'monthly', sourceSystem: 'test', classified: false,
    }));
    // 19 months creeping up from 40% by 0.5 a month: far from 90% by December, so at risk.
    const rows = (u: string) => Array.from({ length: 19 }, (_, i) => ({ indicator: 'DVC', unit: u, period: monthCode(monthNumber('2025-01') + i), value: 40 + 0.5 * i }));
    await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, { source: 'test', observations: [...rows('P_X'), ...rows('P_Y')] });
    await importTargets(ctx, [
      'code,indicator,unit,op,value,due',
      'CT_X,DVC,P_X,>=,90,31/12/2026',
      'CT_Y1,DVC,P_Y,>=,90,31/12/2026',
      'CT_Y2,DVC,P_Y,>=,90,31/12/2026',
    ].join('\n') + '\n', 'test');
    admin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'system_admin' })).token}` };
    wardAdmin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'P_Y', role: 'unit_admin' })).token}` };
    viewer = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'viewer' })).token}` };
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('ranks by the weighted pull: a heavier at-risk target moves its ward up the list', async () => {
    const before = await behind();
    expect(before.map((r) => [r.code, r.counts.at_risk])).toEqual([['P_Y', 2], ['P_X', 1]]);
    const [y0, x0] = before as [Row, Row];
    expect(y0.score / x0.score).toBeCloseTo(2, 2);

    const res = await setWeight('CT_X', 3);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 'CT_X', weight: 3, previous: 1 });
    const after = await behind();
    expect(after.map((r) => r.code)).toEqual(['P_X', 'P_Y']);
    const [x1, y1] = after as [Row, Row];
    expect(x1.score / y1.score).toBeCloseTo(1.5, 2);
    expect(x1.score).toBeCloseTo(3 * x0.score, 2);
    const audit = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'set_weight').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ code: 'CT_X', weight: 3 });
  });

  it('refuses a weight outside 0 < w ≤ 10, naming the field; 10 itself is accepted', async () => {
    for (const weight of [0, -1, 10.5, 11]) {
      const res = await setWeight('CT_Y1', weight);
      expect(res.statusCode).toBe(422);
      expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('weight');
    }
    expect((await setWeight('CT_Y1', 'heavy')).statusCode).toBe(400);
    expect((await setWeight('CT_Y1', 10)).statusCode).toBe(200);
    expect((await setWeight('CT_Y1', 1)).statusCode).toBe(200);
  });

  it('lets only administrators of the target’s unit set it; an unknown target is 404', async () => {
    expect((await setWeight('CT_Y2', 2, viewer)).statusCode).toBe(403);
    expect((await setWeight('CT_X', 2, wardAdmin)).statusCode).toBe(403);
    expect((await setWeight('CT_Y2', 2, wardAdmin)).statusCode).toBe(200);
    expect((await setWeight('KHONG_CO', 2)).statusCode).toBe(404);
  });
});
