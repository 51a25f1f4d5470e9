import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { monthCode, monthNumber } from '../../../domain/forecasting/forecast.ts';
import { insertIndicator } from '../../../repositories/indicators.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { ingestObservations } from '../../../use-cases/observations/ingest-observations.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { importRegistryUnits } from '../../../use-cases/units/import-units.ts';
import { eventBusFor } from '../../../realtime/event-bus.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

describe(`evaluation, alerts and targets API on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let admin: { authorization: string };
  let viewer: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    const unit = (code: string, kind: 'city' | 'commune', parent: string | null) => ({ code, name: `Đơn vị ${code}`, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [] });
    await importRegistryUnits(ctx, [unit('HN', 'city', null), unit('P_A', 'commune', 'HN'), unit('P_B', 'commune', 'HN')]);
    await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
      code: 'DVC', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null,
      frequency: 'monthly', sourceSystem: 'dvc', classified: false,
    }));
    const rows = (u: string, f: (i: number) => number) => Array.from({ length: 19 }, (_, i) => ({ indicator: 'DVC', unit: u, period: monthCode(monthNumber('2025-01') + i), value: f(i) }));
    await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, { source: 'test', observations: [...rows('P_A', (i) => 50 + 2 * i), ...rows('P_B', (i) => 50 + 0.5 * i)] });
    admin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'system_admin', scopes: [] })).token}` };
    viewer = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'P_B', role: 'viewer', scopes: [] })).token}` };
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('imports targets from text/csv (administrators only), 422 naming line and field', async () => {
    const csv = 'code,indicator,unit,op,value,due\nCT1,DVC,*commune,>=,90,31/12/2026\n';
    const denied = await app.inject({ method: 'POST', url: '/api/v1/targets/import', payload: csv, headers: { ...viewer, 'content-type': 'text/csv' } });
    expect(denied.statusCode).toBe(403);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/targets/import', payload: `${csv}CT2,DVC,P_X,>=,90,31/12/2026\n`, headers: { ...admin, 'content-type': 'text/csv' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ line: 3, field: 'unit' }] });
    const ok = await app.inject({ method: 'POST', url: '/api/v1/targets/import', payload: csv, headers: { ...admin, 'content-type': 'text/csv' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ created: 3 });
  });

  it('GET /api/v1/evaluation answers the CLI shape, filtered by unit', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/evaluation' })).statusCode).toBe(401);
    const res = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-08-05&unit=P_B', headers: viewer });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ asOf: string; targets: { code: string; status: string; current: number; forecast: number; pMiss: number; reason: string }[] }>();
    expect(body.asOf).toBe('2026-08-05');
    expect(body.targets).toHaveLength(1);
    expect(body.targets[0]).toMatchObject({ code: 'CT1.P_B', status: 'at_risk', current: 59 });
    expect(body.targets[0]!.pMiss).toBeGreaterThan(0.9);
    // The model the status rests on is part of the answer (the target page names it): a straight
    // climb of half a point a month is a trend, with no ceiling.
    expect(body.targets[0]).toMatchObject({ model: 'trend', ceiling: null });
    const bad = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-13-01', headers: viewer });
    expect(bad.statusCode).toBe(422);
  });

  it('GET /api/v1/evaluation?target= answers only the named targets (comma-separated), 422 naming an unknown one', async () => {
    const one = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-08-05&target=CT1.P_A', headers: admin });
    expect(one.statusCode).toBe(200);
    expect(one.json<{ targets: { code: string }[] }>().targets.map((t) => t.code)).toEqual(['CT1.P_A']);
    const two = await app.inject({ method: 'GET', url: `/api/v1/evaluation?asOf=2026-08-05&target=${encodeURIComponent('CT1, CT1.P_B')}`, headers: admin });
    expect(two.json<{ targets: { code: string; unit: string }[] }>().targets.map((t) => [t.code, t.unit])).toEqual([['CT1', 'HN'], ['CT1.P_B', 'P_B']]);
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/evaluation?target=CT1,NOPE', headers: admin });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'target' }] });
  });

  it('refreshes alerts (administrators) and lists the open ones of a unit', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/alerts/refresh', headers: viewer })).statusCode).toBe(403);
    const refreshed = await app.inject({ method: 'POST', url: '/api/v1/alerts/refresh?asOf=2026-08-05', headers: admin });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json<{ raised: number }>().raised).toBeGreaterThan(0);
    const list = await app.inject({ method: 'GET', url: '/api/v1/alerts?unit=P_B&open=true', headers: viewer });
    expect(list.statusCode).toBe(200);
    const alerts = list.json<{ alerts: { kind: string; target: string; unit: string; since: string; reason: string; targetText: string | null; unitName: string | null }[] }>().alerts;
    expect(alerts).toEqual([expect.objectContaining({ kind: 'target_at_risk', target: 'CT1.P_B', unit: 'P_B', since: '2026-08-05', unitName: 'Đơn vị P_B', taskTitle: null })]);
    // The target's text, made from its indicator's name when the file gave none.
    expect(alerts[0]!.targetText).toContain('Tỷ lệ hồ sơ trực tuyến');
    // Why, in words and without codes: the screens name the target and unit beside it.
    expect(alerts[0]!.reason).toMatch(/^Có nguy cơ không đạt/);
    expect(alerts[0]!.reason).not.toMatch(/CT1|P_B/);
  });

  it('a viewer of one ward reads neither another ward\'s evaluation nor its alerts', async () => {
    for (const url of ['/api/v1/evaluation?asOf=2026-08-05&unit=P_A', '/api/v1/alerts?unit=P_A', '/api/v1/evaluation?unit=HN', '/api/v1/events?unit=P_A']) {
      const res = await app.inject({ method: 'GET', url, headers: viewer });
      expect(res.statusCode, url).toBe(403);
      expect(res.body, url).not.toContain('CT1.P_A');
    }
    // Without a unit, each answer holds only what the caller may read: P_B's own target, not the city's or P_A's.
    const evaluation = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-08-05', headers: viewer });
    expect(evaluation.json<{ targets: { code: string }[] }>().targets.map((t) => t.code)).toEqual(['CT1.P_B']);
    const named = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-08-05&target=CT1.P_A,CT1', headers: viewer });
    expect(named.json<{ targets: unknown[] }>().targets).toEqual([]);
    const alerts = await app.inject({ method: 'GET', url: '/api/v1/alerts', headers: viewer });
    const units = new Set(alerts.json<{ alerts: { unit: string | null }[] }>().alerts.map((a) => a.unit));
    expect([...units]).toEqual(['P_B']);
    // The administrator still sees every ward.
    const all = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-08-05', headers: admin });
    expect(all.json<{ targets: { code: string }[] }>().targets.map((t) => t.code).sort()).toEqual(['CT1', 'CT1.P_A', 'CT1.P_B']);
  });

  it('filters live events per subscriber: other wards\' and classified events never reach a viewer', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/events`, { headers: viewer, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    await reader.read(); // the stream's opening comment: the subscription is in place
    const bus = eventBusFor(ctx.database);
    bus.publish({ type: 'observation', indicator: 'DVC', unit: 'P_A', period: '2026-07' });
    bus.publish({ type: 'observation', indicator: 'MAT', unit: 'P_B', period: '2026-07', classified: true });
    bus.publish({ type: 'observation', indicator: 'DVC', unit: 'P_B', period: '2026-07' });
    while (!received.includes('"unit":"P_B"')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value);
    }
    controller.abort();
    expect(received).toContain('"indicator":"DVC","unit":"P_B"');
    expect(received).not.toContain('P_A');
    expect(received).not.toContain('MAT');
    expect(received).not.toContain('classified');
  });

  it('no single stored value breaks a read: an absurd figure already in the database still evaluates', async () => {
    // Written around the API (direct SQL), as a restored backup or an old version might hold it.
    for (const [period, value] of [['2026-06', 1e300], ['2026-07', -1e300]] as const) {
      await ctx.db.updateTable('observations').set({ value })
        .where('unit_id', '=', (eb) => eb.selectFrom('units').select('id').where('code', '=', 'P_A'))
        .where('period', '=', period)
        .execute();
    }
    for (const headers of [admin, viewer]) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-08-05', headers });
      expect(res.statusCode).toBe(200);
    }
    const res = await app.inject({ method: 'GET', url: '/api/v1/evaluation?asOf=2026-08-05&unit=P_A', headers: admin });
    const [target] = res.json<{ targets: { code: string; status: string; forecast: number | null; pMiss: number }[] }>().targets;
    expect(target?.code).toBe('CT1.P_A');
    expect(Number.isFinite(target?.pMiss)).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/v1/alerts?unit=P_A', headers: admin })).statusCode).toBe(200);
  });
});
