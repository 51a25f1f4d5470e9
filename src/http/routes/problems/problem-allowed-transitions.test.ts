import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndicator, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

type Who = 'wardA' | 'wardB' | 'agency' | 'otherAgency' | 'cityReporter' | 'cityApprover' | 'cityAdmin';
interface Detail { state: string; allowedTransitions: { to: string; needsReason: boolean }[] }

// Written for this test: a ward's proposal about unlit alleys, in Mẫu 01's sections.
const proposal = {
  unit: 'P_A', receivingUnit: 'SXD', name: 'Ngõ tối không có đèn chiếu sáng', fields: ['Quản lý đô thị'],
  problem: 'Nhiều ngõ nhỏ trong khu dân cư cũ không có đèn, người dân phản ánh mất an toàn khi đi về muộn.',
  currentHandling: 'Tổ dân phố tự lắp bóng đèn tạm, hay hỏng và không ai theo dõi.',
  managementNeed: 'Biết ngõ nào còn tối và đèn nào hỏng để sửa kịp.',
  pilotScope: 'Mười ngõ của hai tổ dân phố, trong 4 tháng.', contactName: 'Đỗ Minh Quân',
};

/**
 * docs/problems.md, "States and who moves them": the problem's page offers the moves the asker may
 * make now. Expectations come from the table there: the agency (reporter or above at the receiving
 * unit, or the city above it) makes the forward moves up to evaluated; closing and scaling up are a
 * city approver's or unit administrator's; the proposing ward makes none of them.
 */
describe(`allowed transitions in a problem's view on ${testEngine}`, () => {
  let server: TestServer;
  const headers = {} as Record<Who, { authorization: string }>;
  let code = '';

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      await createUnit(ctx.db, { code: 'SXD', name: 'Sở Xây dựng', kind: 'department', parentId: hn.id });
      await createUnit(ctx.db, { code: 'SYT', name: 'Sở Y tế', kind: 'department', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_A', name: 'Phường An', kind: 'commune', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_B', name: 'Phường Bình', kind: 'commune', parentId: hn.id });
      await createIndicator(ctx.db, { code: 'NGO_TOI', name: 'Số ngõ chưa có đèn', measure: 'ngõ', direction: 'down' });
      const token = async (unit: string, role: 'viewer' | 'reporter' | 'approver' | 'unit_admin') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role, scopes: [] })).token}` });
      headers.wardA = await token('P_A', 'unit_admin');
      headers.wardB = await token('P_B', 'unit_admin');
      headers.agency = await token('SXD', 'reporter');
      headers.otherAgency = await token('SYT', 'unit_admin');
      headers.cityReporter = await token('HN', 'reporter');
      headers.cityApprover = await token('HN', 'approver');
      headers.cityAdmin = await token('HN', 'unit_admin');
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Who, payload?: Record<string, unknown>) =>
    server.app.inject({ method, url, headers: headers[who], ...(payload ? { payload } : {}) });
  const allowed = async (who: Who) => {
    const res = await call('GET', `/api/v1/problems/${code}`, who);
    expect(res.statusCode).toBe(200);
    return res.json<Detail>().allowedTransitions;
  };
  const targets = async (who: Who) => (await allowed(who)).map((m) => m.to).sort();

  it('a proposal: the ward (even its unit admin) may make no move, the agency consolidates, the city also closes', async () => {
    const res = await call('POST', '/api/v1/problems', 'wardA', proposal);
    expect(res.statusCode).toBe(201);
    code = res.json<{ code: string }>().code;

    expect(await targets('wardA')).toEqual([]);
    expect(await targets('agency')).toEqual(['consolidated']);
    expect(await targets('cityReporter')).toEqual(['consolidated']);
    expect(await targets('cityApprover')).toEqual(['closed', 'consolidated']);
    expect(await allowed('cityAdmin')).toEqual(expect.arrayContaining([{ to: 'closed', needsReason: true }, { to: 'consolidated', needsReason: false }]));
    // Ward B and another agency may not read it at all.
    expect((await call('GET', `/api/v1/problems/${code}`, 'wardB')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/problems/${code}`, 'otherAgency')).statusCode).toBe(404);
  });

  it('what is offered is what the move accepts: a move not offered is refused (403), one offered goes through', async () => {
    expect((await call('POST', `/api/v1/problems/${code}/transitions`, 'wardA', { to: 'consolidated' })).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/problems/${code}/transitions`, 'agency', { to: 'closed', note: 'Trùng' })).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/problems/${code}/transitions`, 'agency', { to: 'consolidated' })).statusCode).toBe(200);
    expect(await targets('agency')).toEqual(['appraised']);
    expect(await targets('wardA')).toEqual([]);
  });

  it('a published problem: only the city may publish and close; the ward sees no move', async () => {
    expect((await call('PATCH', `/api/v1/problems/${code}`, 'agency', { scaleClass: 'small_test' })).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/problems/${code}/transitions`, 'agency', { to: 'appraised' })).statusCode).toBe(200);
    expect(await targets('agency')).toEqual(['published']);
    expect(await targets('cityAdmin')).toEqual(['closed', 'published']);
    expect(await targets('wardA')).toEqual([]);
    expect((await call('POST', `/api/v1/problems/${code}/kpis`, 'agency', { indicator: 'NGO_TOI', op: '<=', baseline: 10, goal: 2, due: '31/12/2026', unit: 'P_A' })).statusCode).toBe(201);
    expect((await call('POST', `/api/v1/problems/${code}/transitions`, 'agency', { to: 'published' })).statusCode).toBe(200);
    expect(await targets('agency')).toEqual(['in_pilot']);
    expect(await targets('cityApprover')).toEqual(['closed', 'in_pilot']);
    expect(await targets('wardA')).toEqual([]);
  });

  it('a closed problem offers nothing to anyone', async () => {
    expect((await call('POST', `/api/v1/problems/${code}/transitions`, 'cityApprover', { to: 'closed', note: 'Ngừng theo chỉ đạo' })).statusCode).toBe(200);
    for (const who of ['wardA', 'agency', 'cityApprover', 'cityAdmin'] as const) expect(await targets(who)).toEqual([]);
  });
});
