import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndicator, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

// Six months before a pilot starting 2026-03 and six after. Treated wards rise by about 5, the
// comparison wards by 0.5: the difference-in-differences effect is 4.75 (worked out in pilots.test.ts).
const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
const SERIES: Record<string, number[]> = {
  P_A: [50, 51, 52, 50, 51, 52, 57, 56, 57, 56, 57, 56],
  P_B: [60, 60, 61, 61, 62, 62, 66, 66, 66, 66, 66, 66],
  P_C: [40, 41, 40, 41, 40, 41, 41, 41, 41, 41, 41, 41],
  P_D: [70, 70, 70, 70, 70, 70, 71, 70, 71, 70, 71, 70],
};

// Written for this test: a city-level problem about waiting at one-stop counters.
const proposal = {
  unit: 'HN', name: 'Người dân chờ lâu ở bộ phận một cửa', fields: ['administrative_data'],
  problem: 'Vào đầu tuần người dân phải chờ hơn một giờ mới được tiếp nhận hồ sơ đất đai.',
  currentHandling: 'Phát số thứ tự bằng giấy, không biết trước lượng người đến.',
  managementNeed: 'Giảm thời gian chờ và san đều lượng hồ sơ giữa các ngày trong tuần.',
  pilotScope: 'Hai phường thử, hai phường đối chứng, sáu tháng.', contactName: 'Đỗ Văn Tâm',
};

interface Body { code: string; state: string; detail: string; errors: { field: string; message: string }[]; pilots: { code: string; state: string }[]; transitions: { to: string; evidence: unknown }[] }

describe(`pilots tied to problems on ${testEngine}`, () => {
  let server: TestServer;
  let admin: { authorization: string };
  let code = '';
  let other = '';

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      for (const c of ['P_A', 'P_B', 'P_C', 'P_D']) await createUnit(ctx.db, { code: c, kind: 'commune', parentId: hn.id });
      await createIndicator(ctx.db, { code: 'KPI_CHO', name: 'Phút chờ trung bình', measure: 'phút' });
      await createIndicator(ctx.db, { code: 'KPI_TRONG', name: 'Chỉ số chưa có số liệu' });
      admin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'unit_admin', scopes: [] })).token}` };
    });
    const observations = Object.entries(SERIES).flatMap(([unit, values]) => values.map((value, i) => ({ indicator: 'KPI_CHO', unit, period: MONTHS[i], value })));
    expect((await call('POST', '/api/v1/observations', { source: 'thu-nghiem', observations })).statusCode).toBe(200);
    // Two problems: one taken to "published", the other left "proposed".
    code = (await call('POST', '/api/v1/problems', proposal)).json<Body>().code;
    other = (await call('POST', '/api/v1/problems', { ...proposal, name: 'Hồ sơ bị trả lại vì thiếu giấy tờ' })).json<Body>().code;
    expect((await move('consolidated')).statusCode).toBe(200);
    expect((await call('PATCH', `/api/v1/problems/${code}`, { scaleClass: 'small_test' })).statusCode).toBe(200);
    expect((await move('appraised')).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/problems/${code}/kpis`, { indicator: 'KPI_CHO', op: '<=', baseline: 60, goal: 30, due: '31/12/2026', unit: 'HN' })).statusCode).toBe(201);
    expect((await move('published')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
    return server.app.inject({ method, url, headers: admin, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  }
  const move = (to: string, extra: Record<string, unknown> = {}) => call('POST', `/api/v1/problems/${code}/transitions`, { to, note: 'Theo kết quả họp', ...extra });
  const pilot = (over: Record<string, unknown>) => ({ title: 'Hẹn giờ tiếp nhận hồ sơ', indicators: ['KPI_CHO'], treatedUnits: ['P_A', 'P_B'], comparisonUnits: ['P_C', 'P_D'], start: '2026-03', ...over });

  it('a pilot needs an existing problem (400 naming problemCode) that is published or in pilot (409 naming the state)', async () => {
    const unknown = await call('POST', '/api/v1/pilots', pilot({ code: 'TD-X', problemCode: 'BT-1999-0001' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Body>().errors[0]).toMatchObject({ field: 'problemCode', message: expect.stringContaining('BT-1999-0001') as unknown });
    const early = await call('POST', '/api/v1/pilots', pilot({ code: 'TD-X', problemCode: other }));
    expect(early.statusCode).toBe(409);
    expect(early.json<Body>().detail).toContain('"proposed"');
    // Nothing half-stored: the refused pilot does not exist.
    expect((await call('GET', '/api/v1/pilots/TD-X')).statusCode).toBe(404);
  });

  it('creating a pilot of a published problem moves it to in_pilot; the problem lists its pilots', async () => {
    expect((await call('POST', '/api/v1/pilots', pilot({ code: 'TD-01', problemCode: code, state: 'running' }))).statusCode).toBe(201);
    // A second pilot on an indicator without figures: its estimate cannot be sufficient.
    expect((await call('POST', '/api/v1/pilots', pilot({ code: 'TD-02', problemCode: code, indicators: ['KPI_TRONG'], end: '2026-08', state: 'finished' }))).statusCode).toBe(201);
    const detail = (await call('GET', `/api/v1/problems/${code}`)).json<Body>();
    expect(detail.state).toBe('in_pilot');
    expect(detail.pilots.map((p) => p.code).sort()).toEqual(['TD-01', 'TD-02']);
    expect(detail.transitions.at(-1)).toMatchObject({ to: 'in_pilot' });
  });

  it('evaluating needs a finished pilot; scaling must cite a pilot of the problem with a sufficient estimate, kept in the record', async () => {
    // TD-02 is finished, so evaluation may go ahead (TD-01 still running does not count by itself).
    expect((await call('PATCH', '/api/v1/pilots/TD-02', { state: 'running' })).statusCode).toBe(200);
    const notYet = await move('evaluated');
    expect(notYet.statusCode).toBe(409);
    expect((await call('PATCH', '/api/v1/pilots/TD-01', { state: 'finished', end: '2026-08' })).statusCode).toBe(200);
    expect((await move('evaluated')).statusCode).toBe(200);

    const none = await move('scaled');
    expect(none.statusCode).toBe(422);
    expect(none.json<Body>().errors[0]!.field).toBe('evidencePilot');
    const foreign = await call('POST', '/api/v1/pilots', pilot({ code: 'TD-03' }));
    expect(foreign.statusCode).toBe(201);
    const notOurs = await move('scaled', { evidencePilot: 'TD-03' });
    expect(notOurs.statusCode).toBe(422);
    expect(notOurs.json<Body>().errors[0]!.message).toContain(code);
    const weak = await move('scaled', { evidencePilot: 'TD-02' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json<Body>().errors[0]!.message).toContain('KPI_TRONG');
    expect((await call('GET', `/api/v1/problems/${code}`)).json<Body>().state).toBe('evaluated');

    const scaled = await move('scaled', { evidencePilot: 'TD-01' });
    expect(scaled.statusCode).toBe(200);
    const last = (await call('GET', `/api/v1/problems/${code}`)).json<Body>().transitions.at(-1)!;
    expect(last.to).toBe('scaled');
    const evidence = last.evidence as { pilot: string; indicators: { indicator: string; effect: number; sufficient: boolean; interval: { low: number; high: number } }[] };
    expect(evidence.pilot).toBe('TD-01');
    expect(evidence.indicators[0]!.indicator).toBe('KPI_CHO');
    expect(evidence.indicators[0]!.sufficient).toBe(true);
    expect(evidence.indicators[0]!.effect).toBeCloseTo(4.75, 6);
    expect(evidence.indicators[0]!.interval.low).toBeCloseTo(4.75 - 1.578438, 4);
  });
});
