import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProblem } from '../../../repositories/problems.repository.ts';
import { createIndicator, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

/*
 * A district administrator holds every unit of a pilot (four wards of the district) but is neither the
 * agency that received the problem nor the city: starting a pilot OF that problem is not theirs to do,
 * though a pilot of their own wards without a problem is.
 */
describe(`a pilot answers a problem only when its writer may act for that problem (${testEngine})`, () => {
  let server: TestServer;
  let problemCode = '';
  const headers: Record<string, { authorization: string }> = {};
  const pilot = { code: 'TD-Q1', title: 'Thử trả kết quả tại nhà', indicators: ['KPI_TRA'], treatedUnits: ['P_1', 'P_2'], comparisonUnits: ['P_3', 'P_4'], start: '2026-03' };

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', kind: 'city' });
      const agency = await createUnit(ctx.db, { code: 'S_TT', name: 'Sở thử nghiệm', kind: 'department', parentId: hn.id });
      const district = await createUnit(ctx.db, { code: 'Q_1', kind: 'district', parentId: hn.id });
      const wards: number[] = [];
      for (const code of ['P_1', 'P_2', 'P_3', 'P_4']) wards.push((await createUnit(ctx.db, { code, kind: 'commune', parentId: district.id })).id);
      await createIndicator(ctx.db, { code: 'KPI_TRA', measure: '%' });
      ({ code: problemCode } = await insertProblem(ctx.db, {
        name: 'Trả kết quả thủ tục chậm', fields: ['Hành chính công'], problem: 'Người dân phải đến nhận kết quả nhiều lần.',
        currentHandling: 'Gọi điện báo từng người.', managementNeed: 'Biết hồ sơ nào đã có kết quả.', pilotScope: 'Bốn phường trong ba tháng.',
        dataAvailable: null, proposingUnitId: wards[0]!, receivingUnitId: agency.id, contactName: null, contactTitle: null, contactPhone: null,
        contactEmail: null, state: 'published', areaType: null, createdBy: 'test', at: new Date('2026-02-01T00:00:00Z'),
      }));
      const token = async (unit: string) => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role: 'unit_admin', scopes: [] })).token}` });
      headers.district = await token('Q_1');
      headers.city = await token('HN');
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const problemState = async () => (await server.ctx.db.selectFrom('problems').select('state').where('code', '=', problemCode).executeTakeFirstOrThrow()).state;

  it('refuses a district administrator a pilot of the agency’s problem (403 naming it); nothing is stored, the problem stays published', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/pilots', headers: headers.district, payload: { ...pilot, problemCode } });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ detail: string }>().detail).toContain(problemCode);
    expect(await server.ctx.db.selectFrom('pilots').select('code').execute()).toEqual([]);
    expect(await problemState()).toBe('published');
  });

  it('lets the same administrator run a pilot of their wards without a problem, but not tie it to the problem afterwards', async () => {
    expect((await server.app.inject({ method: 'POST', url: '/api/v1/pilots', headers: headers.district, payload: pilot })).statusCode).toBe(201);
    const tie = await server.app.inject({ method: 'PATCH', url: `/api/v1/pilots/${pilot.code}`, headers: headers.district, payload: { problemCode } });
    expect(tie.statusCode).toBe(403);
    expect(await problemState()).toBe('published');
  });

  it('lets the city tie it, which starts the problem’s pilot', async () => {
    const tie = await server.app.inject({ method: 'PATCH', url: `/api/v1/pilots/${pilot.code}`, headers: headers.city, payload: { problemCode } });
    expect(tie.statusCode).toBe(200);
    expect(await problemState()).toBe('in_pilot');
  });
});
