import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { monthCode, monthNumber } from '../../../domain/forecasting/forecast.ts';
import { insertIndicator } from '../../../repositories/indicators.repository.ts';
import { insertTargets, rootUnit } from '../../../repositories/targets.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { refreshAlerts } from '../../../use-cases/alerts/refresh-alerts.ts';
import { ingestObservations } from '../../../use-cases/observations/ingest-observations.ts';
import { importTargets } from '../../../use-cases/targets/import-targets.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { importRegistryUnits } from '../../../use-cases/units/import-units.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

interface Row { code: string; name: string | null; rank?: number; score: number; counts: Record<'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data', number>; reasons: { code: string; text: string | null; gap: number | null; due: string | null; status: string }[]; openAlerts: number; coverage: number | null }

describe(`GET /api/v1/units/behind on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let leader: { authorization: string };
  let wardViewer: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    const unit = (code: string, name: string, kind: 'city' | 'commune' | 'office', parent: string | null) => ({ code, name, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [] });
    await importRegistryUnits(ctx, [
      unit('HN', 'Thành phố thử', 'city', null),
      unit('P_A', 'Phường Ánh Dương', 'commune', 'HN'),
      unit('P_B', 'Phường Bình Minh', 'commune', 'HN'),
      unit('P_C', 'Phường Cây Xanh', 'commune', 'HN'),
      unit('P_A_VP', 'Văn phòng phường Ánh Dương', 'office', 'P_A'),
    ]);
    for (const [code, name] of [['DVC', 'Tỷ lệ hồ sơ nộp trực tuyến'], ['TT', 'Tỷ lệ thanh toán không dùng tiền mặt']] as const) {
      await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
        code, name, measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null, frequency: 'monthly', sourceSystem: 'test', classified: false,
      }));
    }
    // 19 months to July 2026: ward A creeps up slowly (far from 90 by December), ward B is already
    // above the goal, ward C reports nothing.
    const rows = (indicator: string, u: string, f: (i: number) => number) => Array.from({ length: 19 }, (_, i) => ({ indicator, unit: u, period: monthCode(monthNumber('2025-01') + i), value: f(i) }));
    await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, {
      source: 'test',
      observations: [
        ...rows('DVC', 'P_A', (i) => 40 + 0.5 * i), ...rows('TT', 'P_A_VP', (i) => 30 + 0.4 * i),
        ...rows('DVC', 'P_B', (i) => 92 + (i % 2)), ...rows('TT', 'P_B', (i) => 95 + (i % 3) / 2),
      ],
    });
    await importTargets(ctx, [
      'code,indicator,unit,op,value,due',
      'CT_DVC,DVC,*commune,>=,90,31/12/2026',
      'CT_TT_A,TT,P_A_VP,>=,80,30/09/2026',
      'CT_TT_B,TT,P_B,>=,80,30/09/2026',
    ].join('\n') + '\n', 'test');
    await refreshAlerts(ctx, { asOf: '2026-08-05' });
    leader = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: [] })).token}` };
    wardViewer = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'P_B', role: 'viewer', scopes: [] })).token}` };
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('names first the ward whose targets are at risk, then the ward whose targets are met; the ward without data apart', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units/behind?unit=HN&level=ward&asOf=2026-08-05', headers: leader });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ unit: { name: string }; ranked: Row[]; noData: Row[] }>();
    expect(body.unit.name).toBe('Thành phố thử');
    expect(body.ranked.map((r) => r.code)).toEqual(['P_A', 'P_B']);
    expect(body.noData.map((r) => r.code)).toEqual(['P_C']);
    const [a, b] = body.ranked as [Row, Row];
    expect(a).toMatchObject({ name: 'Phường Ánh Dương', rank: 1, coverage: 1 });
    expect(a.counts.at_risk + a.counts.missed).toBe(2);
    expect(a.score).toBeGreaterThan(0);
    // Why: both targets, by name, with how far short they are and when they are due; the sooner due first.
    expect(a.reasons.map((r) => r.code)).toEqual(['CT_TT_A', 'CT_DVC.P_A']);
    expect(a.reasons[0]!.due).toBe('2026-09-30');
    expect(a.reasons[0]!.text).toContain('thanh toán');
    expect(a.reasons[0]!.gap).toBeCloseTo(80 - (30 + 0.4 * 18), 5);
    expect(a.openAlerts).toBeGreaterThanOrEqual(2);
    expect(b).toMatchObject({ name: 'Phường Bình Minh', rank: 2, score: 0, reasons: [], openAlerts: 0 });
    expect(b.counts.met).toBe(2);
    expect(body.noData[0]).toMatchObject({ name: 'Phường Cây Xanh', coverage: 0, reasons: [] });
  });

  it('without a level ranks the units directly below; an unknown level is a 422 naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units/behind?unit=P_A&asOf=2026-08-05', headers: leader });
    expect(res.json<{ ranked: Row[] }>().ranked.map((r) => r.code)).toEqual(['P_A_VP']);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/units/behind?unit=HN&level=galaxy', headers: leader });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'level' }] });
  });

  it('honours access: a ward viewer may not rank the city, and sees only their ward under it', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/units/behind?unit=HN&level=ward' })).statusCode).toBe(401);
    const denied = await app.inject({ method: 'GET', url: '/api/v1/units/behind?unit=HN&level=ward', headers: wardViewer });
    expect(denied.statusCode).toBe(403);
    expect(denied.body).not.toContain('Ánh Dương');
    const own = await app.inject({ method: 'GET', url: '/api/v1/units/behind?unit=P_B&asOf=2026-08-05', headers: wardViewer });
    expect(own.statusCode).toBe(200);
  });

  it('breaks a city target down by unit, furthest behind first, names not codes, each with its recent series', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/targets/breakdown?target=CT_DVC&asOf=2026-08-05', headers: leader });
    expect(res.statusCode).toBe(200);
    const rows = res.json<{ rows: { code: string; unitName: string; status: string; gap: number | null; series: { period: string; value: number | null }[] }[] }>().rows;
    expect(rows.map((r) => r.unitName)).toEqual(['Phường Ánh Dương', 'Phường Bình Minh', 'Phường Cây Xanh']);
    expect(rows[0]!.gap).toBeCloseTo(90 - 49, 5);
    expect(rows[1]!.status).toBe('met');
    expect(rows[2]).toMatchObject({ status: 'no_data', gap: null, series: [] });
    // A year of months up to July 2026 for the small chart.
    expect(rows[0]!.series).toHaveLength(12);
    expect(rows[0]!.series.at(-1)).toEqual({ period: '2026-07', value: 49 });
    // A ward's viewer sees their own ward's row only; anonymous callers nothing; an unknown target is a 404.
    const own = await app.inject({ method: 'GET', url: '/api/v1/targets/breakdown?target=CT_DVC', headers: wardViewer });
    expect(own.json<{ rows: { code: string }[] }>().rows.map((r) => r.code)).toEqual(['CT_DVC.P_B']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/targets/breakdown?target=CT_DVC' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/targets/breakdown?target=NOPE', headers: leader })).statusCode).toBe(404);
    const single = await app.inject({ method: 'GET', url: '/api/v1/targets/breakdown?target=CT_TT_B', headers: leader });
    expect(single.json<{ rows: unknown[] }>().rows).toEqual([]);
  });

  it('a set target written in a plan ("every ward", not split) is broken down by the wards\' own targets on its indicator', async () => {
    const root = (await rootUnit(ctx.db))!;
    const dvc = await ctx.db.selectFrom('indicators').select('id').where('code', '=', 'DVC').executeTakeFirstOrThrow();
    await ctx.db.transaction().execute((trx) => insertTargets(trx, [{
      code: 'KH_DVC_2026', indicatorId: dvc.id, text: 'Mọi phường đạt tỷ lệ hồ sơ trực tuyến', measure: '%', op: '>=', value: 90, baseline: null,
      scopeUnitId: root.id, scopeKind: 'set:commune', startOn: '2026-01-01', dueOn: '2026-12-31', dueRaw: '2026-12-31', sourceLine: null,
    }]));
    const res = await app.inject({ method: 'GET', url: '/api/v1/targets/breakdown?target=KH_DVC_2026&asOf=2026-08-05', headers: leader });
    expect(res.json<{ rows: { code: string }[] }>().rows.map((r) => r.code)).toEqual(['CT_DVC.P_A', 'CT_DVC.P_B', 'CT_DVC.P_C']);
  });
});
