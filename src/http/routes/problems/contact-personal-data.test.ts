import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../../repositories/audit.repository.ts';
import { createIndicator, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

type Who = 'wardAdmin' | 'wardReporter' | 'wardB' | 'agency' | 'agencyAdmin' | 'cityAdmin';
interface Contact { contactId: string; kind: string; problem: string; organisation: string | null; name: string | null; title: string | null; phone: string | null; email: string | null; consentPurpose: string | null; consentedAt: string | null }
interface Body { code: string; id: number; format: string; contacts: Contact[]; erased: string[]; changed: boolean; errors: { field: string; code?: string }[]; contact: { name: string | null; title: string | null; phone: string | null; email: string | null } | null; name: string }

// Written for this test: two proposals of one ward naming the same person (the e-mail in two spellings), and a company's proposer.
const KHAI = { contactName: 'Trịnh Văn Khải', contactTitle: 'Công chức văn phòng', contactPhone: '0912 000 111' };
const proposal = (name: string, email: string) => ({
  unit: 'P_A', receivingUnit: 'SXD', name, fields: ['Quản lý đô thị'],
  problem: 'Vỉa hè bị lấn chiếm để bày hàng, người đi bộ phải xuống lòng đường.', currentHandling: 'Đội trật tự nhắc nhở theo đợt, vài hôm lại tái diễn.',
  managementNeed: 'Biết tuyến nào hay bị lấn chiếm và vào giờ nào.', pilotScope: 'Hai tuyến phố trong 3 tháng.', ...KHAI, contactEmail: email,
});
const MAI = { contactName: 'Vũ Thị Mai', contactEmail: 'mai.vu@example.org', contactPhone: '0243 555 0199' };

describe(`personal data of contacts who are not users, over the API, on ${testEngine}`, () => {
  let server: TestServer;
  const headers = {} as Record<Who, { authorization: string }>;
  let first = '';
  let second = '';
  let solution = 0;

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      await createUnit(ctx.db, { code: 'SXD', name: 'Sở Xây dựng', kind: 'department', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_A', name: 'Phường An', kind: 'commune', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_B', name: 'Phường Bình', kind: 'commune', parentId: hn.id });
      await createIndicator(ctx.db, { code: 'VIA_HE', name: 'Số điểm lấn chiếm vỉa hè', measure: 'điểm', direction: 'down' });
      const token = async (unit: string, role: 'viewer' | 'reporter' | 'approver' | 'unit_admin') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role, scopes: [] })).token}` });
      headers.wardAdmin = await token('P_A', 'unit_admin');
      headers.wardReporter = await token('P_A', 'reporter');
      headers.wardB = await token('P_B', 'unit_admin');
      headers.agency = await token('SXD', 'reporter');
      headers.agencyAdmin = await token('SXD', 'unit_admin');
      headers.cityAdmin = await token('HN', 'unit_admin');
    });
    const call = (url: string, who: Who, payload: Record<string, unknown>) => server.app.inject({ method: 'POST', url, headers: headers[who], payload });
    first = (await call('/api/v1/problems', 'wardReporter', proposal('Lấn chiếm vỉa hè phố chợ', 'khai.trinh@example.vn'))).json<Body>().code;
    second = (await call('/api/v1/problems', 'wardReporter', proposal('Lấn chiếm vỉa hè trước trường học', 'Khai.Trinh@Example.VN'))).json<Body>().code;
    // The first is published so a company can propose a solution on the public page.
    expect((await call(`/api/v1/problems/${first}/transitions`, 'agency', { to: 'consolidated' })).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'PATCH', url: `/api/v1/problems/${first}`, headers: headers.agency, payload: { scaleClass: 'small_test' } })).statusCode).toBe(200);
    expect((await call(`/api/v1/problems/${first}/transitions`, 'agency', { to: 'appraised' })).statusCode).toBe(200);
    expect((await call(`/api/v1/problems/${first}/kpis`, 'agency', { indicator: 'VIA_HE', op: '<=', baseline: 12, goal: 3, due: '31/12/2026', unit: 'P_A' })).statusCode).toBe(201);
    expect((await call(`/api/v1/problems/${first}/transitions`, 'agency', { to: 'published' })).statusCode).toBe(200);
    const submitted = await server.app.inject({
      method: 'POST', url: `/api/v1/public/problems/${first}/solutions`, remoteAddress: '10.7.0.1',
      payload: {
        organisationName: 'Công ty Cổ phần Bản đồ Phố', organisationType: 'company', ...MAI, capability: 'Khảo sát hiện trạng bằng ảnh đường phố',
        approach: 'Chụp ảnh định kỳ các tuyến và đếm điểm lấn chiếm', kpiCommitment: 'Số điểm lấn chiếm giảm một nửa', timeCommitment: '3 tháng',
        consent: true, website: '', startedAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(submitted.statusCode).toBe(200);
    solution = submitted.json<Body>().id;
  });
  afterAll(async () => {
    await server.close();
  });

  const exportOf = (who: Who, payload: Record<string, unknown>) => server.app.inject({ method: 'POST', url: '/api/v1/problems/contacts/personal-data', headers: headers[who], payload });
  const erase = (who: Who, payload: Record<string, unknown>) => server.app.inject({ method: 'POST', url: '/api/v1/problems/contacts/erase', headers: headers[who], payload });

  it('exports by e-mail (any case) every contact of that person the asker may see, and audits it without the details', async () => {
    const res = await exportOf('wardAdmin', { email: 'KHAI.TRINH@example.vn' });
    expect(res.statusCode).toBe(200);
    const body = res.json<Body>();
    expect(body.format).toBe('theodoi-contact-data/v1');
    expect(body.contacts.map((c) => c.contactId).sort()).toEqual([`problem:${first}`, `problem:${second}`].sort());
    expect(body.contacts.find((c) => c.problem === first)).toMatchObject({ kind: 'problem', name: 'Trịnh Văn Khải', title: 'Công chức văn phòng', phone: '0912 000 111', email: 'khai.trinh@example.vn' });
    const audit = (await listAuditEntries(server.ctx.db, { entity: 'contact', limit: 50, actorUnitRoots: null })).filter((a) => a.action === 'export_contact_data');
    expect(audit).toHaveLength(1);
    const text = JSON.stringify(audit);
    for (const personal of ['Trịnh Văn Khải', 'khai.trinh', '0912 000 111']) expect(text).not.toContain(personal);
  });

  it("exports by contact id: one problem's contact stands for its person (the other proposal with the e-mail comes too)", async () => {
    const res = await exportOf('agency', { contact: `problem:${second}` });
    expect(res.statusCode).toBe(200);
    expect(res.json<Body>().contacts.map((c) => c.contactId).sort()).toEqual([`problem:${first}`, `problem:${second}`].sort());
  });

  it("a proposer's contact (Mẫu 02) with the consent given: the receiving agency sees it, the ward does not", async () => {
    const res = await exportOf('agency', { contact: `solution:${solution}` });
    expect(res.statusCode).toBe(200);
    const [c] = res.json<Body>().contacts;
    expect(c).toMatchObject({ kind: 'solution', problem: first, organisation: 'Công ty Cổ phần Bản đồ Phố', name: 'Vũ Thị Mai', email: 'mai.vu@example.org', phone: '0243 555 0199' });
    expect(c!.consentPurpose).toBeTruthy();
    expect(c!.consentedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await exportOf('wardAdmin', { email: 'mai.vu@example.org' })).statusCode).toBe(404);
  });

  it('another ward learns nothing (404); a wrong query names its field (422 with a code)', async () => {
    expect((await exportOf('wardB', { email: 'khai.trinh@example.vn' })).statusCode).toBe(404);
    expect((await exportOf('wardB', { email: 'nobody@example.vn' })).statusCode).toBe(404);
    const both = await exportOf('cityAdmin', { email: 'khai.trinh@example.vn', contact: `problem:${first}` });
    expect(both.statusCode).toBe(422);
    expect(both.json<Body>().errors[0]).toMatchObject({ field: 'contact', code: 'contact.selector_required' });
    const wrongId = await exportOf('cityAdmin', { contact: 'user:lan' });
    expect(wrongId.statusCode).toBe(422);
    expect(wrongId.json<Body>().errors[0]).toMatchObject({ field: 'contact', code: 'contact.id_invalid' });
    const wrongEmail = await exportOf('cityAdmin', { email: 'khai.trinh' });
    expect(wrongEmail.json<Body>().errors[0]).toMatchObject({ field: 'email', code: 'contact.email_invalid' });
  });

  it('erasing needs a unit administrator over every matching record: a reporter is refused and nothing changes', async () => {
    expect((await erase('wardReporter', { email: 'khai.trinh@example.vn' })).statusCode).toBe(403);
    expect((await erase('agency', { email: 'khai.trinh@example.vn' })).statusCode).toBe(403);
    expect((await erase('wardB', { email: 'khai.trinh@example.vn' })).statusCode).toBe(404);
    // The ward's administrator may erase its proposals' contact, not a company's proposer.
    expect((await erase('wardAdmin', { contact: `solution:${solution}` })).statusCode).toBe(404);
    expect((await exportOf('wardAdmin', { email: 'khai.trinh@example.vn' })).json<Body>().contacts).toHaveLength(2);
  });

  it("erases a ward contact's name, title, phone and e-mail on every proposal naming them; the proposals stay; audited without the details", async () => {
    const res = await erase('wardAdmin', { email: 'khai.trinh@example.vn' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Body>()).toMatchObject({ changed: true });
    expect(res.json<Body>().erased.sort()).toEqual([`problem:${first}`, `problem:${second}`].sort());
    for (const code of [first, second]) {
      const p = (await server.app.inject({ method: 'GET', url: `/api/v1/problems/${code}`, headers: headers.wardAdmin })).json<Body>();
      expect(p.contact).toMatchObject({ title: null, phone: null, email: null });
      expect(p.contact?.name).not.toBe('Trịnh Văn Khải');
      expect(p.contact?.name).toMatch(/xoá|erased/);
      expect(p.name).toMatch(/^Lấn chiếm vỉa hè/);
    }
    const audit = (await listAuditEntries(server.ctx.db, { entity: 'problem', limit: 100, actorUnitRoots: null })).filter((a) => a.action === 'erase_contact_data');
    expect(audit.map((a) => a.entityId).sort()).toEqual([first, second].sort());
    const text = JSON.stringify(audit);
    for (const personal of ['Trịnh Văn Khải', 'khai.trinh', '0912 000 111', 'Công chức văn phòng']) expect(text).not.toContain(personal);
    // The person is gone from the registry's contacts: nothing to export by the e-mail any more.
    expect((await exportOf('cityAdmin', { email: 'khai.trinh@example.vn' })).statusCode).toBe(404);
  });

  it("erases a proposer's contact by its id (the agency's administrator); again changes nothing", async () => {
    const res = await erase('agencyAdmin', { contact: `solution:${solution}` });
    expect(res.statusCode).toBe(200);
    expect(res.json<Body>()).toEqual({ erased: [`solution:${solution}`], changed: true });
    const [c] = (await exportOf('agency', { contact: `solution:${solution}` })).json<Body>().contacts;
    expect(c).toMatchObject({ organisation: 'Công ty Cổ phần Bản đồ Phố', title: null, phone: null, email: null });
    expect(c!.name).not.toBe('Vũ Thị Mai');
    expect((await erase('agencyAdmin', { contact: `solution:${solution}` })).json<Body>()).toEqual({ erased: [`solution:${solution}`], changed: false });
    const audit = (await listAuditEntries(server.ctx.db, { entity: 'problem_solution', limit: 50, actorUnitRoots: null })).filter((a) => a.action === 'erase_contact_data');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('mai.vu');
  });
});
