import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import type { Role } from '../../../db/tables/access.ts';
import { HttpUpstreamConnector } from '../../../exports/upstream/connector.ts';
import { UPSTREAM_CSV_COLUMNS, UPSTREAM_FORMAT, type UpstreamExport } from '../../../exports/upstream/upstream-export.ts';
import { verifyWebhookSignature } from '../../../notifications/webhook.ts';
import { createIndicator, createObservation, createPlan, createUnit } from '../../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { pushUpstream } from '../../../use-cases/reports/export-upstream.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

const vn = (iso: string) => new Date(`${iso}+07:00`);

describe(`reporting, reports and notifications API (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let clock = vn('2026-03-10T09:00:00');
  let planId = 0;
  const tokens = new Map<string, string>();
  const as = async (role: Role, unit: string) => {
    const key = `${role}@${unit}`;
    let token = tokens.get(key);
    if (!token) tokens.set(key, (token = (await createToken(ctx, 'test', { unit, role })).token));
    return { authorization: `Bearer ${token}` };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => clock);
    const city = await createUnit(t.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    const ward = await createUnit(t.db, { code: 'P_VT', name: 'UBND phường Vĩnh Tuy', kind: 'commune', parentId: city.id });
    const office = await createUnit(t.db, { code: 'VT_VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'office', parentId: ward.id });
    await createUnit(t.db, { code: 'P_KHAC', name: 'UBND phường Khác', kind: 'commune', parentId: city.id });
    const ind = await createIndicator(t.db, { code: 'TL', measure: '%' });
    await createObservation(t.db, { indicatorId: ind.id, unitId: office.id, period: '2026-03', value: 97.5, source: 'dvc' });
    planId = (await createPlan(t.db, {
      code: '7/KH-UBND', ownerUnitId: ward.id,
      targets: [{ code: 'CT-9', indicatorId: ind.id, op: '>=', value: 95, leadUnitId: office.id }],
      tasks: [{ code: 'NV-9', leadUnitId: office.id }],
    })).planId;
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('walks a report through the API with role checks at every step', async () => {
    const denied = await app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/reporting-obligations`, headers: await as('reporter', 'P_VT'), payload: {} });
    expect(denied.statusCode).toBe(403);
    const created = await app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/reporting-obligations`, headers: await as('unit_admin', 'P_VT'), payload: {} });
    expect(created.statusCode).toBe(200);
    expect(created.json<{ created: number }>().created).toBe(2);

    const list = await app.inject({ method: 'GET', url: '/api/v1/reporting/obligations?recipient=P_VT', headers: await as('viewer', 'P_VT') });
    const [obligation] = list.json<{ obligations: { id: number; unit: { code: string } }[] }>().obligations;
    expect(obligation?.unit.code).toBe('VT_VHXH');
    expect((await app.inject({ method: 'GET', url: '/api/v1/reporting/obligations?recipient=P_VT', headers: await as('viewer', 'P_KHAC') })).statusCode).toBe(403);

    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/reporting/obligations/${obligation?.id}`, headers: await as('unit_admin', 'P_VT'), payload: { dueDay: 40 } });
    expect(patched.statusCode).toBe(400);

    const opened = await app.inject({ method: 'POST', url: `/api/v1/reporting/obligations/${obligation?.id}/submissions/2026-03`, headers: await as('reporter', 'VT_VHXH') });
    expect(opened.statusCode).toBe(200);
    const submission = opened.json<{ id: number; state: string; content: { targets: { value: number }[] } }>();
    expect(submission.content.targets[0]?.value).toBe(97.5);
    const bad = await app.inject({ method: 'PATCH', url: `/api/v1/reporting/submissions/${submission.id}`, headers: await as('reporter', 'VT_VHXH'), payload: { tasks: [{ taskId: 1, progress: -5 }] } });
    expect(bad.statusCode).toBe(422);
    // Said in one language — Vietnamese unless the reader asks for English — with a code to act on.
    type Refusal = { detail: string; code: string; errors: { index: number; field: string; code: string; message: string }[] };
    const vi = bad.json<Refusal>();
    expect(vi.code).toBe('report.edits_invalid');
    expect(vi.errors).toEqual([{ index: 0, field: 'tasks.progress', code: 'report.progress_out_of_range', params: {}, message: 'tiến độ phải từ 0 đến 100' }]);
    expect(vi.detail.split('\n')[0]).toBe('Nội dung báo cáo không hợp lệ');
    expect(vi.detail).not.toMatch(/ \/ /);
    const inEnglish = await app.inject({
      method: 'PATCH', url: `/api/v1/reporting/submissions/${submission.id}`,
      headers: { ...(await as('reporter', 'VT_VHXH')), 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' },
      payload: { tasks: [{ taskId: 1, progress: -5, status: 'xong' }] },
    });
    const en = inEnglish.json<Refusal>();
    expect(en.detail.split('\n')[0]).toBe('The report edits are not valid');
    expect(en.errors.map((e) => e.message)).toEqual(['progress must be between 0 and 100', 'unknown status "xong"']);
    const edited = await app.inject({ method: 'PATCH', url: `/api/v1/reporting/submissions/${submission.id}`, headers: await as('reporter', 'VT_VHXH'), payload: { difficulties: 'Thiếu máy quét' } });
    expect(edited.statusCode).toBe(200);
    // Proposals are left empty: the report goes only once the unit confirms that.
    const unconfirmed = await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submission.id}/submit`, headers: await as('reporter', 'VT_VHXH') });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ field: 'proposals', code: 'report.empty_unconfirmed' })]);
    expect((await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submission.id}/submit`, headers: await as('reporter', 'VT_VHXH'), payload: { confirmEmpty: ['proposals'] } })).json<{ state: string }>().state).toBe('submitted');
    // A reporter of the office cannot approve its own report; the ward's approver can.
    expect((await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submission.id}/approve`, headers: await as('approver', 'VT_VHXH'), payload: {} })).statusCode).toBe(403);
    const returned = await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submission.id}/return`, headers: await as('approver', 'P_VT'), payload: { comment: 'Bổ sung minh chứng' } });
    expect(returned.json<{ state: string }>().state).toBe('returned');
    await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submission.id}/submit`, headers: await as('reporter', 'VT_VHXH'), payload: { confirmEmpty: ['proposals'] } });
    const approved = await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submission.id}/approve`, headers: await as('approver', 'P_VT'), payload: {} });
    expect(approved.json<{ state: string; locked: boolean }>()).toMatchObject({ state: 'approved', locked: true });
    const again = await app.inject({ method: 'PATCH', url: `/api/v1/reporting/submissions/${submission.id}`, headers: await as('reporter', 'VT_VHXH'), payload: { difficulties: 'x' } });
    expect(again.statusCode).toBe(409);
    const history = await app.inject({ method: 'GET', url: `/api/v1/reporting/submissions/${submission.id}`, headers: await as('viewer', 'VT_VHXH') });
    expect(history.json<{ events: { event: string; comment: string | null }[] }>().events.map((e) => e.event)).toEqual(['prefilled', 'edited', 'submitted', 'returned', 'submitted', 'approved']);

    const timeliness = await app.inject({ method: 'GET', url: '/api/v1/reporting/timeliness?periods=2026-03&recipient=P_VT', headers: await as('viewer', 'P_VT') });
    expect(timeliness.json<{ summary: { onTime: number } }>().summary.onTime).toBe(1);
  });

  it("never puts back what a colleague saved meanwhile: a form's save based on an older read is refused whole", async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/reporting/obligations?recipient=P_VT', headers: await as('viewer', 'P_VT') });
    const [obligation] = list.json<{ obligations: { id: number }[] }>().obligations;
    type Report = { id: number; updatedAt: string; content: { difficulties: string; proposals: string } };
    const open = async () => (await app.inject({ method: 'POST', url: `/api/v1/reporting/obligations/${obligation?.id}/submissions/2026-02`, headers: await as('reporter', 'VT_VHXH') })).json<Report>();
    const save = async (id: number, payload: object) => app.inject({ method: 'PATCH', url: `/api/v1/reporting/submissions/${id}`, headers: await as('reporter', 'VT_VHXH'), payload });
    // Two colleagues open the same report; Lan saves first.
    const lan = await open();
    const minh = await open();
    clock = new Date(clock.getTime() + 60_000);
    const lanSaved = await save(lan.id, { difficulties: 'Lan: thiếu máy quét', proposals: '', basedOn: lan.updatedAt });
    expect(lanSaved.statusCode).toBe(200);
    // Minh's form still shows what it read: saving it would put Lan's lines back to empty.
    clock = new Date(clock.getTime() + 60_000);
    const refused = await save(minh.id, { difficulties: '', proposals: 'Minh: thêm đường truyền', basedOn: minh.updatedAt });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string; detail: string }>()).toMatchObject({ code: 'report.changed_meanwhile' });
    // Said with the time of Lan's save, in Hà Nội time (the clock is 09:01 there).
    expect(refused.json<{ detail: string }>().detail).toContain('09:01 ngày 10/03/2026');
    const stored = (await app.inject({ method: 'GET', url: `/api/v1/reporting/submissions/${lan.id}`, headers: await as('viewer', 'VT_VHXH') })).json<Report>();
    expect(stored.content).toMatchObject({ difficulties: 'Lan: thiếu máy quét', proposals: '' });
    // Read again, Minh adds his line on top of Lan's; or, knowingly, saves his own anyway.
    const again = await save(minh.id, { difficulties: stored.content.difficulties, proposals: 'Minh: thêm đường truyền', basedOn: stored.updatedAt });
    expect(again.json<Report>().content).toMatchObject({ difficulties: 'Lan: thiếu máy quét', proposals: 'Minh: thêm đường truyền' });
    const anyway = await save(minh.id, { difficulties: '', proposals: 'Minh' });
    expect(anyway.statusCode).toBe(200);
  });

  it('serves the report as DOCX, XLSX and the upstream export as JSON and CSV', async () => {
    clock = vn('2026-03-12T09:00:00');
    const docx = await app.inject({ method: 'GET', url: '/api/v1/reports/VT_VHXH/2026-03.docx', headers: await as('viewer', 'P_VT') });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('97,5%');
    const xlsx = await app.inject({ method: 'GET', url: '/api/v1/reports/VT_VHXH/2026-03.xlsx', headers: await as('viewer', 'P_VT') });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/VT_VHXH/2026-03.odt', headers: await as('viewer', 'P_VT') })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/VT_VHXH/2026-03.docx', headers: await as('viewer', 'P_KHAC') })).statusCode).toBe(403);
    const ranking = await app.inject({ method: 'GET', url: '/api/v1/reports/P_VT/ranking/2026-03.docx', headers: await as('viewer', 'P_VT') });
    expect(ranking.statusCode).toBe(200);

    const json = await app.inject({ method: 'GET', url: '/api/v1/exports/upstream/VT_VHXH/2026-03.json', headers: await as('viewer', 'VT_VHXH') });
    const e = json.json<UpstreamExport>();
    expect(e).toMatchObject({ format: UPSTREAM_FORMAT, unit: { code: 'VT_VHXH' }, recipient: { code: 'P_VT' }, submission: { state: 'approved', dueBefore: '2026-03-18' } });
    expect(e.figures).toEqual([expect.objectContaining({ target: 'CT-9', indicator: 'TL', value: 97.5, measure: '%', sourceSystem: 'dvc', status: 'met' })]);
    const csv = await app.inject({ method: 'GET', url: '/api/v1/exports/upstream/VT_VHXH/2026-03.csv', headers: await as('viewer', 'VT_VHXH') });
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...UPSTREAM_CSV_COLUMNS]);
    expect(rows.map((r) => [r.record, r.item, r.value])).toEqual([['figure', 'CT-9', '97.5'], ['task', 'NV-9', '']]);
  });

  it('pushes the upstream export through the generic HTTP connector, signed', async () => {
    const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: 'EMC-42' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/reports`;
      const receipt = await pushUpstream(ctx, new HttpUpstreamConnector({ name: 'emc', url, token: 'tok', signingSecret: 's' }), 'VT_VHXH', '2026-03', 'test');
      expect(receipt).toEqual({ accepted: true, status: 201, reference: 'EMC-42' });
      const [r] = received;
      expect(r?.headers.authorization).toBe('Bearer tok');
      expect(verifyWebhookSignature('s', String(r?.headers['x-theodoi-timestamp']), r?.body ?? '', String(r?.headers['x-theodoi-signature']))).toBe(true);
      expect((JSON.parse(r?.body ?? '{}') as UpstreamExport).figures[0]?.value).toBe(97.5);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('lists a unit inbox and registers webhooks with the right rights', async () => {
    const hook = await app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await as('unit_admin', 'P_VT'), payload: { url: 'https://example.test/hook', unit: 'P_VT', events: ['report.*'] } });
    expect(hook.statusCode).toBe(201);
    expect(hook.json<{ secret: string }>().secret.length).toBeGreaterThan(20);
    expect((await app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await as('unit_admin', 'P_VT'), payload: { url: 'https://example.test/all' } })).statusCode).toBe(403);
    const inbox = await app.inject({ method: 'GET', url: '/api/v1/notifications?unit=P_VT', headers: await as('viewer', 'P_VT') });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json<{ notifications: unknown[] }>().notifications).toEqual([]);
  });
});
