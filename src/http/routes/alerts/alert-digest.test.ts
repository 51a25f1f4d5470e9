import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOpenAlert } from '../../../repositories/alerts.repository.ts';
import { createPlan, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

interface DigestBody { unitName: string; total: number; subject: string; text: string; severities: { targets: { name: string; alerts: { reason: string }[] }[] }[] }

describe(`GET /api/v1/alerts/digest follows the access policy (${testEngine})`, () => {
  let server: TestServer;
  const headers: Record<string, { authorization: string }> = {};

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      const a = await createUnit(ctx.db, { code: 'P_A', name: 'Phường Đông Anh', kind: 'commune', parentId: hn.id });
      const b = await createUnit(ctx.db, { code: 'P_B', name: 'Phường Thanh Xuân', kind: 'commune', parentId: hn.id });
      const plan = await createPlan(ctx.db, {
        targets: [
          { code: 'A-1', text: 'Tỷ lệ thủ tục trực tuyến toàn trình của phường Đông Anh' },
          { code: 'A-2', text: 'Chỉ tiêu mật về an ninh mạng của phường Đông Anh' },
          { code: 'B-1', text: 'Tỷ lệ thủ tục trực tuyến toàn trình của phường Thanh Xuân' },
        ],
      });
      // The second target is classified: only those with the right over Đông Anh's classified items see its alert.
      await ctx.db.updateTable('targets').set({ classified: true }).where('id', '=', plan.targetIds[1] ?? 0).execute();
      const alert = (unitId: number, targetId: number | undefined, reason: string) => upsertOpenAlert(ctx.db, {
        kind: 'target_at_risk', severity: 'critical', targetId: targetId ?? null, taskId: null, unitId, indicatorId: null,
        since: '2026-11-20', reason, reasonEn: 'reason', data: {},
      }, null, new Date());
      await alert(a.id, plan.targetIds[0], 'Đông Anh chậm lộ trình');
      await alert(a.id, plan.targetIds[1], 'Cảnh báo về chỉ tiêu mật');
      await alert(b.id, plan.targetIds[2], 'Thanh Xuân chậm lộ trình');
      const token = async (unit: string, role: 'viewer' | 'approver') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role, scopes: [] })).token}` });
      headers.viewerA = await token('P_A', 'viewer');
      headers.approverA = await token('P_A', 'approver');
      headers.viewerCity = await token('HN', 'viewer');
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const digest = (unit: string, who?: string) => server.app.inject({ method: 'GET', url: `/api/v1/alerts/digest?unit=${unit}`, ...(who ? { headers: headers[who] } : {}) });
  const reasons = (body: DigestBody) => body.severities.flatMap((s) => s.targets.flatMap((g) => g.alerts.map((a) => a.reason))).sort();

  it('refuses the anonymous (401) and a viewer of ward A asking for ward B (403)', async () => {
    expect((await digest('P_A')).statusCode).toBe(401);
    const res = await digest('P_B', 'viewerA');
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Thanh Xuân chậm lộ trình');
  });

  it('gives a viewer of ward A its own digest, without the classified alert; its approver sees that one too', async () => {
    const viewer = await digest('P_A', 'viewerA');
    expect(viewer.statusCode).toBe(200);
    const body = viewer.json<DigestBody>();
    expect(body.unitName).toBe('Phường Đông Anh');
    expect(reasons(body)).toEqual(['Đông Anh chậm lộ trình']);
    expect(body.subject).toBe('Tóm tắt cảnh báo — Phường Đông Anh: 1 mới, 1 đang mở');
    expect(body.text).not.toContain('chỉ tiêu mật');
    // Asked for in English, said in English.
    const english = (await server.app.inject({ method: 'GET', url: '/api/v1/alerts/digest?unit=P_A', headers: { ...headers.viewerA, 'accept-language': 'en' } })).json<DigestBody>();
    expect(english.subject).toBe('Alert digest — Phường Đông Anh: 1 new, 1 open');
    expect(english.text).not.toMatch(/cảnh báo|từ ngày/);
    const approver = (await digest('P_A', 'approverA')).json<DigestBody>();
    expect(reasons(approver)).toEqual(['Cảnh báo về chỉ tiêu mật', 'Đông Anh chậm lộ trình']);
  });

  it('gives a city viewer every ward in one digest, still without classified alerts', async () => {
    const body = (await digest('HN', 'viewerCity')).json<DigestBody>();
    expect(body.unitName).toBe('Thành phố Hà Nội');
    expect(reasons(body)).toEqual(['Thanh Xuân chậm lộ trình', 'Đông Anh chậm lộ trình']);
    expect(body.severities[0]?.targets.map((g) => g.name).sort()).toEqual([
      'Tỷ lệ thủ tục trực tuyến toàn trình của phường Thanh Xuân',
      'Tỷ lệ thủ tục trực tuyến toàn trình của phường Đông Anh',
    ]);
  });
});
