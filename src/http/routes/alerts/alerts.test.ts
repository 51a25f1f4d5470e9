import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../../repositories/audit.repository.ts';
import { upsertOpenAlert } from '../../../repositories/alerts.repository.ts';
import { createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

describe(`alerts API: acknowledge and filters on ${testEngine}`, () => {
  let server: TestServer;
  let alertId: number;
  const headers: Record<string, { authorization: string }> = {};

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', kind: 'city' });
      const a = await createUnit(ctx.db, { code: 'P_A', name: 'Phường An', kind: 'commune', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_B', kind: 'commune', parentId: hn.id });
      for (const severity of ['critical', 'warning'] as const) {
        await upsertOpenAlert(ctx.db, {
          kind: severity === 'critical' ? 'stale_source' : 'outlier', severity, targetId: null, taskId: null, unitId: a.id, indicatorId: null,
          since: '2026-08-01', reason: 'lý do', reasonEn: 'reason', data: {},
        }, null, new Date());
      }
      alertId = (await ctx.db.selectFrom('alerts').select('id').where('severity', '=', 'critical').executeTakeFirstOrThrow()).id;
      const token = async (unit: string, role: 'viewer' | 'reporter') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role, scopes: [] })).token}` });
      headers.reporter = await token('P_A', 'reporter');
      headers.viewer = await token('P_A', 'viewer');
      headers.otherWard = await token('P_B', 'reporter');
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const ack = (id: number | string, who: string, payload: unknown) =>
    server.app.inject({ method: 'POST', url: `/api/v1/alerts/${id}/acknowledge`, headers: headers[who], payload: payload as Record<string, unknown> });

  it('refuses viewers and other wards (403), a missing or oversized note (422), an unknown id (404)', async () => {
    expect((await server.app.inject({ method: 'POST', url: `/api/v1/alerts/${alertId}/acknowledge`, payload: { note: 'x' } })).statusCode).toBe(401);
    expect((await ack(alertId, 'viewer', { note: 'đã xem' })).statusCode).toBe(403);
    expect((await ack(alertId, 'otherWard', { note: 'đã xem' })).statusCode).toBe(403);
    const missing = await ack(alertId, 'reporter', {});
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ errors: [{ field: 'note' }] });
    expect((await ack(alertId, 'reporter', { note: 'x'.repeat(2001) })).statusCode).toBe(422);
    expect((await ack(alertId, 'reporter', { note: '   ' })).statusCode).toBe(422);
    expect((await ack(alertId, 'reporter', { note: 'a\u0000b' })).statusCode).toBe(422);
    expect((await ack(999_999, 'reporter', { note: 'đã xem' })).statusCode).toBe(404);
  });

  it('acknowledges (200, stored, audited) and filters acknowledged=false', async () => {
    const res = await ack(alertId, 'reporter', { note: 'Đã giao rà soát nguồn số liệu' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: alertId, acknowledged: { note: 'Đã giao rà soát nguồn số liệu' } });
    const audit = await listAuditEntries(server.ctx.db, { entity: 'alert', entityId: String(alertId), limit: 5, actorUnitRoots: null });
    expect(audit.map((e) => e.action)).toEqual(['acknowledge']);

    const list = await server.app.inject({ method: 'GET', url: '/api/v1/alerts?unit=P_A&open=true&acknowledged=false', headers: headers.viewer });
    expect(list.statusCode).toBe(200);
    const body = list.json<{ total: number; alerts: { id: number; acknowledged: unknown }[] }>();
    expect(body.total).toBe(1);
    expect(body.alerts[0]!.id).not.toBe(alertId);
    const shown = await server.app.inject({ method: 'GET', url: '/api/v1/alerts?open=true&groupBy=unit&severity=critical,warning', headers: headers.viewer });
    expect(shown.json()).toMatchObject({
      total: 2, groups: [{ key: 'P_A', name: 'Phường An', total: 2, counts: { critical: 1, warning: 1, info: 0 } }],
      alerts: [{ id: alertId, acknowledged: { note: 'Đã giao rà soát nguồn số liệu' } }, {}],
    });
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/alerts?kind=loud', headers: headers.viewer })).statusCode).toBe(422);
  });

  it('documents acknowledge and the list filters in OpenAPI', async () => {
    const spec = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(JSON.stringify(spec.paths['/api/v1/alerts/{id}/acknowledge'])).toContain('"maxLength":2000');
    const params = JSON.stringify(spec.paths['/api/v1/alerts']);
    for (const name of ['severity', 'kind', 'acknowledged', 'groupBy', 'limit', 'offset']) expect(params).toContain(`"name":"${name}"`);
  });
});
