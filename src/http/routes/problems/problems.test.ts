import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../../repositories/audit.repository.ts';
import { createIndicator, createObservation, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { solutionConsentPurpose } from '../../../use-cases/problems/submit-solution.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

/** The parts of the answers this test reads. */
interface Body {
  code: string; total: number; id: number; detail: string; pilotScope: string; consentPurpose: string; state: string; mergedInto: string | null;
  problems: { code: string; proposingUnit: { code: string } }[];
  errors: { field: string; message: string }[];
  kpis: unknown[]; solutions: unknown[];
  pairs: { a: string; b: string }[];
  transitions: { to: string; actor: string }[];
  origins: { code: string; unit: string }[];
  targets: { code: string; status: string }[];
}

type Who = 'wardA' | 'wardB' | 'viewerA' | 'agency' | 'cityAdmin' | 'cityApprover';

// Written for this test: a ward's proposal about market waste, in Mẫu 01's sections.
const proposal = {
  unit: 'P_A', receivingUnit: 'SKHCN', name: 'Rác ùn ứ ở điểm tập kết cạnh chợ', fields: ['Môi trường'],
  problem: 'Điểm tập kết rác cạnh chợ đầy từ trưa, rác tràn ra lòng đường đến tối, mùi hôi ảnh hưởng các hộ xung quanh.',
  currentHandling: 'Tổ vệ sinh gom thêm một chuyến buổi chiều, nhưng ngày cuối tuần vẫn không đủ.',
  managementNeed: 'Biết trước giờ nào điểm tập kết sẽ đầy để điều xe thu gom kịp thời.',
  pilotScope: 'Ba điểm tập kết quanh chợ, trong 3 tháng.', dataAvailable: 'Sổ ghi chuyến xe thu gom hằng ngày.',
  contactName: 'Lê Thị Hoa', contactTitle: 'Công chức địa chính – môi trường', contactPhone: '0987 654 321', contactEmail: 'hoa.le@example.vn',
};

describe(`problems API on ${testEngine}`, () => {
  let server: TestServer;
  const headers = {} as Record<Who, { authorization: string }>;
  let code = '';

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      await createUnit(ctx.db, { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department', parentId: hn.id });
      const a = await createUnit(ctx.db, { code: 'P_A', name: 'Phường An', kind: 'commune', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_B', name: 'Phường Bình', kind: 'commune', parentId: hn.id });
      const ind = await createIndicator(ctx.db, { code: 'RAC_TON', name: 'Số giờ rác tồn đọng mỗi ngày', measure: 'giờ', direction: 'down' });
      await createObservation(ctx.db, { indicatorId: ind.id, unitId: a.id, period: '2026-09', value: 6 });
      const token = async (unit: string, role: 'viewer' | 'reporter' | 'approver' | 'unit_admin') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role, scopes: [] })).token}` });
      headers.wardA = await token('P_A', 'reporter');
      headers.viewerA = await token('P_A', 'viewer');
      headers.wardB = await token('P_B', 'unit_admin');
      headers.agency = await token('SKHCN', 'reporter');
      headers.cityAdmin = await token('HN', 'unit_admin');
      headers.cityApprover = await token('HN', 'approver');
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, who: Who | null, payload?: unknown) =>
    server.app.inject({ method, url, ...(who ? { headers: headers[who] } : {}), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const move = (who: Who, to: string, note?: string) => call('POST', `/api/v1/problems/${code}/transitions`, who, { to, note });

  it('a ward reporter proposes (201, audited without the contact); intake rules answer 422 per field', async () => {
    const res = await call('POST', '/api/v1/problems', 'wardA', proposal);
    expect(res.statusCode).toBe(201);
    const body = res.json<Body>();
    expect(body).toMatchObject({ state: 'proposed', fields: ['environment'], proposingUnit: { code: 'P_A' }, receivingUnit: { code: 'SKHCN' }, contact: { name: 'Lê Thị Hoa' } });
    expect(body.code).toMatch(/^BT-\d{4}-\d{4}$/);
    code = body.code;
    const audit = await listAuditEntries(server.ctx.db, { entity: 'problem', entityId: code, limit: 5, actorUnitRoots: null });
    expect(audit.map((e) => e.action)).toEqual(['propose']);
    expect(JSON.stringify(audit)).not.toContain('Lê Thị Hoa');

    const bad = await call('POST', '/api/v1/problems', 'wardA', { ...proposal, fields: [], managementNeed: 'Cần đầu tư phần mềm khoảng 2 tỷ đồng' });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json<Body>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['fields', 'managementNeed']));
    expect(bad.json<Body>().errors.find((e) => e.field === 'managementNeed')?.message).toContain('"phần mềm"');
    expect((await call('POST', '/api/v1/problems', 'viewerA', proposal)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/problems', 'wardB', proposal)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/problems', null, proposal)).statusCode).toBe(401);
  });

  it("another ward cannot read or modify ward A's proposal; anonymous reads nothing; the agency and city can", async () => {
    expect((await call('GET', `/api/v1/problems/${code}`, 'wardB')).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/problems/${code}`, 'wardB', { name: 'Đổi tên' })).statusCode).toBe(404);
    expect((await move('wardB', 'consolidated')).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/problems', 'wardB')).json<Body>().total).toBe(0);
    expect((await call('GET', `/api/v1/problems/${code}`, null)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/public/problems', null)).json<Body>().problems).toEqual([]);
    expect((await call('GET', `/api/v1/problems/${code}`, 'agency')).json<Body>()).toMatchObject({ code, contact: { phone: '0987 654 321' } });
    expect((await call('GET', `/api/v1/problems/${code}`, 'viewerA')).json<Body>()).toMatchObject({ code, contact: null });
    const list = await call('GET', '/api/v1/problems?state=proposed&field=environment', 'viewerA');
    expect(list.json<Body>()).toMatchObject({ total: 1, problems: [{ code, contact: null }] });
    expect((await call('GET', '/api/v1/problems?field=sport', 'viewerA')).statusCode).toBe(422);
  });

  it('the ward edits its proposal while proposed; a viewer may not', async () => {
    const res = await call('PATCH', `/api/v1/problems/${code}`, 'wardA', { pilotScope: 'Bốn điểm tập kết quanh chợ, trong 3 tháng.' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Body>().pilotScope).toContain('Bốn điểm');
    expect((await call('PATCH', `/api/v1/problems/${code}`, 'viewerA', { name: 'x y z' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/problems/${code}`, 'wardA', { scaleClass: 'small_test' })).statusCode).toBe(403);
  });

  it('moves through every state with the right actor; the wrong actor is 403, a wrong move 409 naming both states', async () => {
    expect((await move('wardA', 'consolidated')).statusCode).toBe(403);
    const skip = await move('cityAdmin', 'published');
    expect(skip.statusCode).toBe(409);
    expect(skip.json<Body>().detail).toContain('"proposed"');
    expect(skip.json<Body>().detail).toContain('"published"');
    expect((await move('agency', 'consolidated', 'Không trùng với đề xuất khác')).statusCode).toBe(200);

    // Appraisal needs the scale class; publishing needs a KPI.
    expect((await move('agency', 'appraised')).statusCode).toBe(409);
    expect((await call('PATCH', `/api/v1/problems/${code}`, 'agency', { scaleClass: 'small_test', priority: 'high', dataInputs: 'Sổ chuyến xe thu gom', outputStandards: 'Báo trước 2 giờ' })).statusCode).toBe(200);
    expect((await move('wardA', 'appraised')).statusCode).toBe(403);
    expect((await move('agency', 'appraised')).statusCode).toBe(200);
    const noKpi = await move('agency', 'published');
    expect(noKpi.statusCode).toBe(409);
    expect(noKpi.json<Body>().detail).toContain('KPI');

    const kpi = await call('POST', `/api/v1/problems/${code}/kpis`, 'agency', { indicator: 'RAC_TON', op: '<=', baseline: 6, goal: 2, due: '31/12/2026', unit: 'P_A' });
    expect(kpi.statusCode).toBe(201);
    expect(kpi.json<Body>().kpis).toEqual([expect.objectContaining({ target: `${code}-KPI1`, indicator: 'RAC_TON', op: '<=', baseline: 6, goal: 2, dueOn: '2026-12-31', unit: 'P_A' })]);
    const badKpi = await call('POST', `/api/v1/problems/${code}/kpis`, 'agency', { indicator: 'KHONG_CO', op: '~', goal: 'nhiều', due: '31/13/2026', unit: 'P_A' });
    expect(badKpi.statusCode).toBe(422);
    expect(badKpi.json<Body>().errors.map((e) => e.field).sort()).toEqual(['due', 'goal', 'indicator', 'op']);
    expect((await call('POST', `/api/v1/problems/${code}/kpis`, 'wardA', { indicator: 'RAC_TON', op: '<=', goal: 2, due: '31/12/2026', unit: 'P_A' })).statusCode).toBe(403);

    expect((await move('agency', 'published', 'Công bố đợt 1')).statusCode).toBe(200);
    expect((await call('PATCH', `/api/v1/problems/${code}`, 'agency', { name: 'Sửa sau công bố' })).statusCode).toBe(409);
  });

  it('the KPI is a real target: /api/v1/evaluation lists it for its unit', async () => {
    const res = await call('GET', '/api/v1/evaluation?unit=P_A&asOf=2026-10-15', 'viewerA');
    expect(res.statusCode).toBe(200);
    const target = res.json<Body>().targets.find((t) => t.code === `${code}-KPI1`);
    expect(target).toBeDefined();
    expect(target).toMatchObject({ indicator: 'RAC_TON' });
    expect(target?.status).not.toMatch(/^(no_data|unlinked)$/);
  });

  it('the public list shows the published problem without personal data; solution proposals pass honeypot, fill time and consent', async () => {
    const pub = await call('GET', '/api/v1/public/problems', null);
    expect(pub.statusCode).toBe(200);
    expect(pub.json<Body>().problems.map((p) => p.code)).toEqual([code]);
    const text = pub.body;
    for (const personal of ['Lê Thị Hoa', '0987 654 321', 'hoa.le@example.vn', '"contact']) expect(text).not.toContain(personal);
    expect(pub.json<Body>().consentPurpose).toContain('cơ quan tiếp nhận');

    const started = new Date(Date.now() - 60_000).toISOString();
    const solution = {
      organisationName: 'Viện Nghiên cứu Đô thị Thử nghiệm', organisationType: 'institute', contactName: 'Phạm Minh Quân', contactEmail: 'quan.pham@example.org',
      capability: 'Nhóm phân tích dữ liệu vận hành đô thị', approach: 'Dự báo độ đầy điểm tập kết từ sổ chuyến xe', kpiCommitment: 'Giảm giờ rác tồn đọng xuống 2 giờ/ngày',
      timeCommitment: '3 tháng', consent: true, website: '', startedAt: started,
    };
    const post = (body: unknown, remoteAddress = '10.1.0.1') => server.app.inject({ method: 'POST', url: `/api/v1/public/problems/${code}/solutions`, payload: body as Record<string, unknown>, remoteAddress });
    expect((await post({ ...solution, website: 'http://spam.example' })).statusCode).toBe(422);
    expect((await post({ ...solution, startedAt: new Date().toISOString() })).statusCode).toBe(422);
    const noConsent = await post({ ...solution, consent: false });
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json<Body>().errors).toEqual([expect.objectContaining({ field: 'consent' })]);
    const missing = await post({ ...solution, approach: '', organisationType: 'ngo' }, '10.1.0.2');
    expect(missing.json<Body>().errors.map((e) => e.field).sort()).toEqual(['approach', 'organisationType']);
    const ok = await post(solution, '10.1.0.2');
    expect(ok.statusCode).toBe(200);
    expect((await server.app.inject({ method: 'POST', url: '/api/v1/public/problems/BT-1999-0001/solutions', payload: solution, remoteAddress: '10.1.0.3' })).statusCode).toBe(404);

    // The receiving agency reads the contact; a ward or the public does not.
    const list = await call('GET', `/api/v1/problems/${code}/solutions`, 'agency');
    expect(list.json<Body>().solutions).toHaveLength(1);
    expect(list.json<Body>().solutions[0]).toMatchObject({ organisationName: 'Viện Nghiên cứu Đô thị Thử nghiệm', contact: { name: 'Phạm Minh Quân' }, consent: { purpose: solutionConsentPurpose('vi') } });
    expect((await call('GET', `/api/v1/problems/${code}/solutions`, 'wardA')).statusCode).toBe(403);
    const audit = await listAuditEntries(server.ctx.db, { entity: 'problem_solution', limit: 5, actorUnitRoots: null });
    expect(JSON.stringify(audit)).not.toContain('Phạm Minh Quân');

    // Review: shortlist, then select with agreed commitments; selecting again is 409.
    const id = ok.json<Body>().id;
    const review = (body: unknown, who: Who = 'agency') => call('POST', `/api/v1/problems/${code}/solutions/${id}/review`, who, body);
    expect((await review({ state: 'selected', note: 'Chưa qua sơ tuyển' })).statusCode).toBe(409);
    expect((await review({ state: 'shortlisted' })).statusCode).toBe(422);
    expect((await review({ state: 'shortlisted', note: 'Đủ năng lực' }, 'wardA')).statusCode).toBe(403);
    expect((await review({ state: 'shortlisted', note: 'Đủ năng lực' })).statusCode).toBe(200);
    const selected = await review({ state: 'selected', note: 'Chọn thử nghiệm', kpiCommitment: 'Giảm xuống 1,5 giờ/ngày', timeCommitment: '4 tháng' });
    expect(selected.json<Body>()).toMatchObject({ state: 'selected', reviewerNote: 'Chọn thử nghiệm', commitments: { kpi: 'Giảm xuống 1,5 giờ/ngày', time: '4 tháng' } });
    expect((await review({ state: 'rejected', note: 'x' })).statusCode).toBe(409);
  });

  it('rate-limits the open form per address (429)', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await server.app.inject({ method: 'POST', url: `/api/v1/public/problems/${code}/solutions`, payload: {}, remoteAddress: '10.9.9.9' })).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 422)).toBe(true);
    expect(statuses[5]).toBe(429);
  });

  it('pilot; evaluation needs a finished pilot; closing needs a reason and the city decider', async () => {
    expect((await move('agency', 'in_pilot')).statusCode).toBe(200);
    // No pilot of this problem has finished (problem-pilots.test.ts goes the whole way to "scaled").
    const early = await move('agency', 'evaluated');
    expect(early.statusCode).toBe(409);
    expect(early.json<Body>().detail).toContain('finished');
    expect((await move('cityApprover', 'closed')).statusCode).toBe(422);
    expect((await move('agency', 'closed', 'Dừng lại')).statusCode).toBe(403);
    expect((await move('cityApprover', 'closed', 'Không tìm được đơn vị thử nghiệm')).statusCode).toBe(200);
    expect((await move('cityApprover', 'scaled', 'x')).statusCode).toBe(409);
    const detail = (await call('GET', `/api/v1/problems/${code}`, 'agency')).json<Body>();
    expect(detail.transitions.map((t) => t.to)).toEqual(['proposed', 'consolidated', 'appraised', 'published', 'in_pilot', 'closed']);
    expect(detail.transitions[1]).toMatchObject({ from: 'proposed', note: 'Không trùng với đề xuất khác' });
    expect(detail.transitions[1]!.actor).toMatch(/^token:/);
  });

  it('finds duplicates among proposals and merges them, keeping the origins', async () => {
    const flood = (unit: string, name: string, problem: string, managementNeed = 'Cảnh báo sớm điểm ngập úng để bố trí lực lượng') => call('POST', '/api/v1/problems', 'cityAdmin', {
      ...proposal, unit, name, problem, managementNeed, fields: ['environment'],
    });
    const a = (await flood('P_A', 'Ngập úng cục bộ sau mưa lớn', 'Mưa lớn làm các tuyến phố thấp trũng ngập úng nhiều giờ.')).json<Body>().code;
    const b = (await flood('P_B', 'Đường phố ngập úng khi mưa to', 'Sau mưa to nước không thoát kịp, phố và ngõ ngập úng.')).json<Body>().code;
    const other = (await flood('P_B', 'Tiếng ồn karaoke ban đêm', 'Các hộ hát karaoke sau 22 giờ gây ồn.', 'Đo được mức ồn vượt quy chuẩn để xử lý')).json<Body>().code;
    const dup = await call('GET', '/api/v1/problems/duplicates', 'agency');
    expect(dup.statusCode).toBe(200);
    const pairs = dup.json<Body>().pairs.map((p) => [p.a, p.b].sort().join('|'));
    expect(pairs).toContain([a, b].sort().join('|'));
    expect(pairs.some((p) => p.includes(other))).toBe(false);

    expect((await call('POST', '/api/v1/problems/merge', 'wardA', { codes: [a, b] })).statusCode).toBe(403);
    const merged = await call('POST', '/api/v1/problems/merge', 'agency', { codes: [a, b], name: 'Ngập úng cục bộ khi mưa lớn' });
    expect(merged.statusCode).toBe(201);
    const m = merged.json<Body>();
    expect(m).toMatchObject({ state: 'consolidated', name: 'Ngập úng cục bộ khi mưa lớn', fields: ['environment'], origins: [a, b] });
    const detail = (await call('GET', `/api/v1/problems/${m.code}`, 'agency')).json<Body>();
    expect(detail.origins.map((o) => `${o.code}@${o.unit}`)).toEqual([`${a}@P_A`, `${b}@P_B`]);
    const origin = (await call('GET', `/api/v1/problems/${a}`, 'agency')).json<Body>();
    expect(origin).toMatchObject({ state: 'consolidated', mergedInto: m.code });
    expect((await call('POST', `/api/v1/problems/${a}/transitions`, 'agency', { to: 'appraised' })).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/problems/merge', 'agency', { codes: [a, other] })).statusCode).toBe(409);
  });

  it('the city sets area types; the catalogue filters by them', async () => {
    expect((await call('PUT', '/api/v1/problems/area-types/P_A', 'agency', { areaType: 'urban_core' })).statusCode).toBe(403);
    expect((await call('PUT', '/api/v1/problems/area-types/P_A', 'cityAdmin', { areaType: 'downtown' })).statusCode).toBe(422);
    expect((await call('PUT', '/api/v1/problems/area-types/P_A', 'cityAdmin', { areaType: 'urban_core' })).statusCode).toBe(200);
    expect((await call('PUT', '/api/v1/problems/area-types/P_B', 'cityAdmin', { areaType: 'peri_urban' })).statusCode).toBe(200);
    const core = (await call('GET', '/api/v1/problems?areaType=urban_core', 'cityAdmin')).json<Body>();
    expect(core.total).toBeGreaterThan(0);
    expect(core.problems.every((p) => p.proposingUnit.code === 'P_A')).toBe(true);
    const peri = (await call('GET', '/api/v1/problems?areaType=peri_urban', 'cityAdmin')).json<Body>();
    expect(peri.problems.every((p) => p.proposingUnit.code === 'P_B')).toBe(true);
  });
});
