import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../../repositories/audit.repository.ts';
import { createIndicator, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import type { PilotEffect } from '../../../use-cases/pilots/estimate-pilot-effect.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

// Six months before the start (2025-09 … 2026-02) and six from it (2026-03 … 2026-08).
const PRE = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'];
const POST = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
// Treated P_A: pre mean 51, post 56.5 (change 5.5); P_B: 61 → 66 (5). Comparison P_C: 40.5 → 41 (0.5);
// P_D: 70 → 70.5 (0.5). Effect = (5.5 + 5)/2 − 0.5 = 4.75. Changes' variances: treated
// (0.25² · 2)/1 = 0.125, comparison 0 → se² = 0.125/2 = 0.0625, se 0.25, Welch df = 1;
// t(0.95; 1) = 6.313752 → 90 % interval 4.75 ± 1.578438.
const SERIES: Record<string, number[]> = {
  P_A: [50, 51, 52, 50, 51, 52, 57, 56, 57, 56, 57, 56],
  P_B: [60, 60, 61, 61, 62, 62, 66, 66, 66, 66, 66, 66],
  P_C: [40, 41, 40, 41, 40, 41, 41, 41, 41, 41, 41, 41],
  P_D: [70, 70, 70, 70, 70, 70, 71, 70, 71, 70, 71, 70],
};

describe(`pilots API on ${testEngine}`, () => {
  let server: TestServer;
  const headers: Record<string, { authorization: string }> = {};
  const pilot = { code: 'TD-01', title: 'Thử tiếp nhận hồ sơ một lần', indicators: ['KPI_HS'], treatedUnits: ['P_A', 'P_B'], comparisonUnits: ['P_C', 'P_D'], start: '2026-03' };

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', kind: 'city' });
      for (const code of ['P_A', 'P_B', 'P_C', 'P_D', 'P_E']) await createUnit(ctx.db, { code, kind: 'commune', parentId: hn.id });
      await createIndicator(ctx.db, { code: 'KPI_HS', measure: '%' });
      await createIndicator(ctx.db, { code: 'KPI_MAT' });
      await ctx.db.updateTable('indicators').set({ classified: true }).where('code', '=', 'KPI_MAT').execute();
      const token = async (unit: string, role: 'viewer' | 'reporter' | 'unit_admin') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role, scopes: [] })).token}` });
      headers.admin = await token('HN', 'unit_admin');
      headers.cityViewer = await token('HN', 'viewer');
      headers.wardAdmin = await token('P_A', 'unit_admin');
      headers.otherWardViewer = await token('P_E', 'viewer');
    });
    // The series go in through the ingest path, as a source system would send them.
    const observations = Object.entries(SERIES).flatMap(([unit, values]) => values.map((value, i) => ({ indicator: 'KPI_HS', unit, period: [...PRE, ...POST][i], value })));
    const ingest = await server.app.inject({ method: 'POST', url: '/api/v1/observations', headers: headers.admin, payload: { source: 'thu-nghiem', observations } });
    expect(ingest.statusCode).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (who: string, payload: Record<string, unknown>) => server.app.inject({ method: 'POST', url: '/api/v1/pilots', headers: headers[who], payload });

  it('refuses an unknown unit (400 naming it), a unit in both groups (400), a ward admin over other wards (403)', async () => {
    const unknown = await post('admin', { ...pilot, comparisonUnits: ['P_C', 'P_KHONG_CO'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'comparisonUnits', message: expect.stringContaining('P_KHONG_CO') as unknown }] });
    const both = await post('admin', { ...pilot, comparisonUnits: ['P_C', 'P_A'] });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ errors: [{ field: 'comparisonUnits', message: expect.stringContaining('P_A') as unknown }] });
    expect((await post('admin', { ...pilot, indicators: [] })).statusCode).toBe(400);
    expect((await post('wardAdmin', pilot)).statusCode).toBe(403);
    expect((await post('cityViewer', pilot)).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/pilots/TD-01', headers: headers.admin })).statusCode).toBe(404);
  });

  it('creates (201, audited), reads it back, and updates its state', async () => {
    const created = await post('admin', pilot);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...pilot, problemCode: null, end: null, state: 'planned' });
    expect((await post('admin', pilot)).statusCode).toBe(409);
    // A pilot answers a problem of the registry: one that does not exist is refused, naming the field.
    const unknownProblem = await server.app.inject({ method: 'PATCH', url: '/api/v1/pilots/TD-01', headers: headers.admin, payload: { state: 'running', problemCode: 'VD-07' } });
    expect(unknownProblem.statusCode).toBe(400);
    expect(unknownProblem.json()).toMatchObject({ errors: [{ field: 'problemCode', message: expect.stringContaining('VD-07') as unknown }] });
    const updated = await server.app.inject({ method: 'PATCH', url: '/api/v1/pilots/TD-01', headers: headers.admin, payload: { state: 'running' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ code: 'TD-01', state: 'running', problemCode: null, treatedUnits: ['P_A', 'P_B'] });
    const overlap = await server.app.inject({ method: 'PATCH', url: '/api/v1/pilots/TD-01', headers: headers.admin, payload: { treatedUnits: ['P_A', 'P_C'] } });
    expect(overlap.statusCode).toBe(400);
    const audit = await listAuditEntries(server.ctx.db, { entity: 'pilot', entityId: 'TD-01', limit: 5, actorUnitRoots: null });
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'update']);
    const list = await server.app.inject({ method: 'GET', url: '/api/v1/pilots', headers: headers.cityViewer });
    expect(list.json<{ pilots: { code: string }[] }>().pilots.map((p) => p.code)).toEqual(['TD-01']);
  });

  it('estimates the effect on the ingested series, with the chart data', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/pilots/TD-01/effect', headers: headers.cityViewer });
    expect(res.statusCode).toBe(200);
    const body = res.json<PilotEffect>();
    expect(body.confidence).toBe(0.9);
    expect(body.hiddenIndicators).toBe(0);
    const kpi = body.indicators[0]!;
    expect(kpi.indicator).toMatchObject({ code: 'KPI_HS', measure: '%' });
    expect(kpi.estimate.sufficient).toBe(true);
    expect(kpi.estimate.effect).toBeCloseTo(4.75, 9);
    expect(kpi.estimate.degreesOfFreedom).toBeCloseTo(1, 9);
    expect(kpi.estimate.interval!.low).toBeCloseTo(4.75 - 1.578438, 4);
    expect(kpi.estimate.interval!.high).toBeCloseTo(4.75 + 1.578438, 4);
    expect(kpi.estimate.window).toEqual({ preFrom: '2025-09', preTo: '2026-02', postFrom: '2026-03', postTo: '2026-08' });
    expect(kpi.estimate.treated).toMatchObject({ units: 2, preMean: 56, postMean: 61.25, change: 5.25 });
    expect(kpi.chart.start).toBe('2026-03');
    expect(kpi.chart.startLabel).toBe('Tháng 3/2026');
    expect(kpi.chart.points).toHaveLength(12);
    // First month of the pilot: treated (57 + 66)/2, comparison (41 + 71)/2.
    expect(kpi.chart.points[6]).toEqual({ period: '2026-03', label: 'Tháng 3/2026', phase: 'post', treated: 61.5, comparison: 56, treatedUnits: 2, comparisonUnits: 2 });
    expect(kpi.chart.points[5]!.phase).toBe('pre');
  });

  it('refuses a viewer of another ward (403 naming a unit) and hides classified indicators from viewers', async () => {
    for (const url of ['/api/v1/pilots/TD-01', '/api/v1/pilots/TD-01/effect']) {
      const res = await server.app.inject({ method: 'GET', url, headers: headers.otherWardViewer });
      expect(res.statusCode).toBe(403);
      expect(res.json<{ detail: string }>().detail).toContain('P_A');
    }
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/pilots', headers: headers.otherWardViewer })).json()).toEqual({ pilots: [] });
    expect((await server.app.inject({ method: 'PATCH', url: '/api/v1/pilots/TD-01', headers: headers.wardAdmin, payload: { state: 'finished' } })).statusCode).toBe(403);

    await server.app.inject({ method: 'PATCH', url: '/api/v1/pilots/TD-01', headers: headers.admin, payload: { indicators: ['KPI_HS', 'KPI_MAT'] } });
    const viewer = await server.app.inject({ method: 'GET', url: '/api/v1/pilots/TD-01', headers: headers.cityViewer });
    expect(viewer.json<{ indicators: string[] }>().indicators).toEqual(['KPI_HS']);
    const effect = (await server.app.inject({ method: 'GET', url: '/api/v1/pilots/TD-01/effect', headers: headers.cityViewer })).json<PilotEffect>();
    expect(effect.indicators.map((i) => i.indicator.code)).toEqual(['KPI_HS']);
    expect(effect.hiddenIndicators).toBe(1);
    // A unit admin over the city may see classified items: both indicators; the classified one has no data.
    const admin = (await server.app.inject({ method: 'GET', url: '/api/v1/pilots/TD-01/effect', headers: headers.admin })).json<PilotEffect>();
    expect(admin.indicators.map((i) => i.indicator.code)).toEqual(['KPI_HS', 'KPI_MAT']);
    expect(admin.indicators[1]!.estimate).toMatchObject({ sufficient: false, reason: { code: 'too_few_pre_months' } });
  });
});
