import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import type { Role } from '../../../db/tables/access.ts';
import { createIndicator, createPlan, createUnit } from '../../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import type { ReportContent } from '../../../domain/reporting/report-content.ts';
import { submitAsIs as submitReport } from '../../../testing/submit-as-is.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { createUser } from '../../../use-cases/users/create-user.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

const vn = (iso: string) => new Date(`${iso}+07:00`);

interface QueueItem {
  submissionId: number;
  unit: { code: string; name: string };
  reviewer: { code: string; name: string };
  period: { code: string; label: string; labelEn: string };
  submittedAt: string;
  submitter: { actor: string; name: string | null } | null;
  daysWaiting: number;
}

describe(`GET /api/v1/reporting/queue (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let clock = vn('2026-10-05T09:00:00');
  let lanId = 0;
  const tokens = new Map<string, string>();
  const as = async (role: Role, unit: string) => {
    const key = `${role}@${unit}`;
    let token = tokens.get(key);
    if (!token) tokens.set(key, (token = (await createToken(ctx, 'test', { unit, role })).token));
    return { authorization: `Bearer ${token}` };
  };
  const queue = async (role: Role, unit: string, query = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/reporting/queue${query}`, headers: await as(role, unit) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: QueueItem[] }>().items;
  };
  /** Opens and submits the October report of an office's obligation at the current clock. */
  const submitted = new Map<string, number>();
  const submit = async (office: string, ward: string, actor?: string) => {
    const list = await app.inject({ method: 'GET', url: `/api/v1/reporting/obligations?recipient=${ward}`, headers: await as('viewer', ward) });
    const obligation = list.json<{ obligations: { id: number; unit: { code: string } }[] }>().obligations.find((o) => o.unit.code === office);
    const opened = await app.inject({ method: 'POST', url: `/api/v1/reporting/obligations/${obligation?.id}/submissions/2026-10`, headers: await as('reporter', office) });
    const id = opened.json<{ id: number }>().id;
    if (actor) await submitReport(ctx, id, actor);
    else {
      const content = opened.json<{ content: ReportContent }>().content;
      const figureless = content.targets.filter((t) => t.value === null && t.status !== 'qualitative');
      if (figureless.length) await app.inject({ method: 'PATCH', url: `/api/v1/reporting/submissions/${id}`, headers: await as('reporter', office), payload: { targets: figureless.map((t) => ({ targetId: t.targetId, noDataReason: 'Chưa có số liệu từ hệ thống' })) } });
      const confirmEmpty = [...figureless.map((t) => `targets.${t.code}`), 'difficulties', 'proposals'];
      expect((await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${id}/submit`, headers: await as('reporter', office), payload: { confirmEmpty } })).statusCode).toBe(200);
    }
    submitted.set(office, id);
    return id;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => clock);
    const city = await createUnit(t.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    const wardA = await createUnit(t.db, { code: 'P_A', name: 'UBND phường A', kind: 'commune', parentId: city.id });
    const a1 = await createUnit(t.db, { code: 'A_VHXH', name: 'Phòng Văn hóa - Xã hội A', kind: 'office', parentId: wardA.id });
    const a2 = await createUnit(t.db, { code: 'A_KT', name: 'Phòng Kinh tế A', kind: 'office', parentId: wardA.id });
    const wardB = await createUnit(t.db, { code: 'P_B', name: 'UBND phường B', kind: 'commune', parentId: city.id });
    const b1 = await createUnit(t.db, { code: 'B_VHXH', name: 'Phòng Văn hóa - Xã hội B', kind: 'office', parentId: wardB.id });
    const ind = await createIndicator(t.db, { code: 'TL', measure: '%' });
    app = await buildServer(ctx);
    for (const [ward, offices] of [[wardA, [a1, a2]], [wardB, [b1]]] as const) {
      const { planId } = await createPlan(t.db, {
        ownerUnitId: ward.id,
        targets: offices.map((o) => ({ indicatorId: ind.id, op: '>=' as const, value: 95, leadUnitId: o.id })),
      });
      const created = await app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/reporting-obligations`, headers: await as('unit_admin', ward.code), payload: {} });
      expect(created.statusCode).toBe(200);
    }
    lanId = (await createUser(ctx, 'test', { username: 'lan', displayName: 'Nguyễn Thị Lan', unit: 'A_VHXH', role: 'reporter', password: 'mat-khau-thu-nghiem-2026' })).id;

    clock = vn('2026-11-02T08:00:00');
    await submit('A_KT', 'P_A');
    clock = vn('2026-11-03T16:00:00');
    // Lan is recorded by her id; B's report as if sent before ids were recorded, under her username.
    await submit('A_VHXH', 'P_A', `user:${lanId}`);
    await submit('B_VHXH', 'P_B', 'user:lan');
    clock = vn('2026-11-05T10:00:00');
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('shows a ward reviewer its offices’ submitted reports, oldest first, and not another ward’s', async () => {
    const items = await queue('approver', 'P_A');
    expect(items.map((i) => i.unit.code)).toEqual(['A_KT', 'A_VHXH']);
    expect(items[1]).toMatchObject({
      unit: { code: 'A_VHXH', name: 'Phòng Văn hóa - Xã hội A' },
      reviewer: { code: 'P_A', name: 'UBND phường A' },
      period: { code: '2026-10', label: 'Tháng 10/2026', labelEn: 'October 2026' },
      submittedAt: vn('2026-11-03T16:00:00').toISOString(),
      submitter: { actor: `user:${lanId}`, name: 'Nguyễn Thị Lan' },
      daysWaiting: 2,
    });
    expect(items[0]?.daysWaiting).toBe(3);
    expect(items[0]?.submitter?.actor).toMatch(/^token:/);

    expect((await queue('approver', 'P_B')).map((i) => [i.unit.code, i.submitter])).toEqual([['B_VHXH', { actor: 'user:lan', name: 'Nguyễn Thị Lan' }]]);
    // The city's reviewers may decide for every ward below the city; a reporter decides nothing.
    expect((await queue('approver', 'HN')).map((i) => i.unit.code)).toEqual(['A_KT', 'A_VHXH', 'B_VHXH']);
    expect((await queue('system_admin', 'HN')).length).toBe(3);
    expect(await queue('reporter', 'A_VHXH')).toEqual([]);
    expect(await queue('approver', 'A_VHXH')).toEqual([]);
  });

  it('filters by unit subtree and period, and refuses the anonymous and unknown units', async () => {
    expect((await queue('approver', 'HN', '?unit=P_A')).map((i) => i.unit.code)).toEqual(['A_KT', 'A_VHXH']);
    expect((await queue('approver', 'HN', '?unit=A_VHXH')).map((i) => i.unit.code)).toEqual(['A_VHXH']);
    // Filtering by another ward narrows nothing into view: the caller's scope still applies.
    expect(await queue('approver', 'P_A', '?unit=P_B')).toEqual([]);
    expect((await queue('approver', 'P_A', '?period=2026-10')).length).toBe(2);
    expect(await queue('approver', 'P_A', '?period=2026-09')).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reporting/queue' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reporting/queue?unit=KHONG_CO', headers: await as('approver', 'P_A') })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reporting/queue?period=thang-10', headers: await as('approver', 'P_A') })).statusCode).toBe(400);
  });

  it('drops reports once returned or approved, and takes a resubmitted one back', async () => {
    const a1 = submitted.get('A_VHXH');
    const a2 = submitted.get('A_KT');
    const headers = await as('approver', 'P_A');
    expect((await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${a1}/return`, headers, payload: { comment: 'Bổ sung minh chứng' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${a2}/approve`, headers, payload: {} })).statusCode).toBe(200);
    expect(await queue('approver', 'P_A')).toEqual([]);
    expect((await queue('approver', 'HN')).map((i) => i.unit.code)).toEqual(['B_VHXH']);

    clock = vn('2026-11-06T09:00:00');
    const returnedReport = (await app.inject({ method: 'GET', url: `/api/v1/reporting/submissions/${a1}`, headers: await as('reporter', 'A_VHXH') })).json<{ content: ReportContent }>().content;
    const confirmEmpty = [...returnedReport.targets.filter((t) => t.noData).map((t) => `targets.${t.code}`), 'difficulties', 'proposals'];
    expect((await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${a1}/submit`, headers: await as('reporter', 'A_VHXH'), payload: { confirmEmpty } })).statusCode).toBe(200);
    const back = await queue('approver', 'P_A');
    expect(back.map((i) => [i.unit.code, i.daysWaiting])).toEqual([['A_VHXH', 0]]);
    expect(back[0]?.submitter?.actor).toMatch(/^token:/);
    // Oldest first across wards: B's report has waited since the 3rd.
    expect((await queue('approver', 'HN')).map((i) => i.unit.code)).toEqual(['B_VHXH', 'A_VHXH']);
  });

  it('names an erased submitter "deleted user" in the reader\'s language, keeping the recorded actor', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/users/lan/erase', headers: await as('unit_admin', 'HN') })).statusCode).toBe(200);
    expect((await queue('approver', 'P_B')).map((i) => i.submitter)).toEqual([{ actor: 'user:lan', name: 'Người dùng đã xóa' }]);
    const en = await app.inject({ method: 'GET', url: '/api/v1/reporting/queue', headers: { ...(await as('approver', 'P_B')), 'accept-language': 'en' } });
    expect(en.json<{ items: QueueItem[] }>().items.map((i) => i.submitter)).toEqual([{ actor: 'user:lan', name: 'Deleted user' }]);
    // The report's history names her the same way; the raw actor stays for auditors.
    const events = (await app.inject({ method: 'GET', url: `/api/v1/reporting/submissions/${submitted.get('B_VHXH')}`, headers: await as('approver', 'P_B') })).json<{ events: { event: string; actor: string; actorName: string }[] }>().events;
    expect(events.filter((e) => e.event === 'submitted').map((e) => [e.actor, e.actorName])).toEqual([['user:lan', 'Người dùng đã xóa']]);
  });
});
