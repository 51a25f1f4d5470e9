import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import type { Role } from '../../../db/tables/access.ts';
import { createIndicator, createObservation, createPlan, createUnit } from '../../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

const vn = (iso: string) => new Date(`${iso}+07:00`);
interface Problem { field: string; code?: string; message: string }
interface Evaluated { code: string; status: string; current: number | null; indicator: string | null; unit: string | null }

/**
 * Issue #12, "reports close the loop": a target no system measures takes a typed figure with
 * evidence; the report goes only when every figure is there (or declared missing with a reason) and
 * every empty part is confirmed; approval makes the figure the target's value, flagged as manual.
 */
describe(`a unit types the figure of a target no system measures (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  const clock = vn('2026-03-12T09:00:00');
  let submissionId = 0;
  const tokens = new Map<string, { token: string; actor: string }>();
  const as = async (role: Role, unit: string) => {
    const key = `${role}@${unit}`;
    let entry = tokens.get(key);
    if (!entry) {
      const created = await createToken(ctx, 'test', { unit, role });
      entry = { token: created.token, actor: `token:${created.id}` };
      tokens.set(key, entry);
    }
    return { authorization: `Bearer ${entry.token}` };
  };
  const evaluation = async (code: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/evaluation?target=${code}&asOf=2026-03-31`, headers: await as('viewer', 'P_VT') });
    return res.json<{ targets: Evaluated[] }>().targets.find((x) => x.code === code);
  };
  const submit = async (confirmEmpty?: string[]) =>
    app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submissionId}/submit`, headers: await as('reporter', 'VT_VHXH'), ...(confirmEmpty ? { payload: { confirmEmpty } } : {}) });
  const edit = async (payload: object) => app.inject({ method: 'PATCH', url: `/api/v1/reporting/submissions/${submissionId}`, headers: await as('reporter', 'VT_VHXH'), payload });
  let ids: number[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => clock);
    const city = await createUnit(t.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    const ward = await createUnit(t.db, { code: 'P_VT', name: 'UBND phường Vĩnh Tuy', kind: 'commune', parentId: city.id });
    const office = await createUnit(t.db, { code: 'VT_VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'office', parentId: ward.id });
    await createUnit(t.db, { code: 'P_KHAC', name: 'UBND phường Khác', kind: 'commune', parentId: city.id });
    const ind = await createIndicator(t.db, { code: 'TL', measure: '%' });
    await createObservation(t.db, { indicatorId: ind.id, unitId: office.id, period: '2026-03', value: 97.5, source: 'dvc' });
    const plan = await createPlan(t.db, {
      code: '8/KH-UBND', ownerUnitId: ward.id,
      targets: [
        { code: 'CT-HT', indicatorId: ind.id, op: '>=', value: 95, leadUnitId: office.id },
        { code: 'CT-TAY', text: 'Tỷ lệ hộ gia đình dùng ví điện tử', indicatorId: null, op: '>=', value: 50, measure: '%', dueOn: '2026-12-31', leadUnitId: office.id },
        { code: 'CT-CHUA', text: 'Số điểm phát sóng công cộng', indicatorId: null, op: '>=', value: 20, measure: 'điểm', leadUnitId: office.id },
      ],
      tasks: [{ code: 'NV-1', leadUnitId: office.id }],
    });
    ids = plan.targetIds;
    app = await buildServer(ctx);
    expect((await app.inject({ method: 'POST', url: `/api/v1/plans/${plan.planId}/reporting-obligations`, headers: await as('unit_admin', 'P_VT'), payload: {} })).statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/v1/reporting/obligations?unit=VT_VHXH', headers: await as('viewer', 'VT_VHXH') });
    const [obligation] = list.json<{ obligations: { id: number }[] }>().obligations;
    submissionId = (await app.inject({ method: 'POST', url: `/api/v1/reporting/obligations/${obligation?.id}/submissions/2026-03`, headers: await as('reporter', 'VT_VHXH') })).json<{ id: number }>().id;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('refuses the untouched report in one click, naming each missing figure and each empty part', async () => {
    const res = await submit();
    expect(res.statusCode).toBe(422);
    const { errors, detail } = res.json<{ errors: Problem[]; detail: string }>();
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['targets.CT-TAY.value', 'report.figure_required'],
      ['targets.CT-CHUA.value', 'report.figure_required'],
      ['difficulties', 'report.empty_unconfirmed'],
      ['proposals', 'report.empty_unconfirmed'],
    ]);
    // The field names the target; the message says what it lacks; the detail reads as both.
    expect(errors[0]?.message).toBe('cần số liệu, hoặc đánh dấu "Chưa có số liệu" kèm lý do');
    expect(detail).toContain('targets.CT-TAY.value');
    // The target a system measures needs nothing from the unit.
    expect(errors.some((e) => e.field.startsWith('targets.CT-HT'))).toBe(false);
  });

  it('takes a figure typed the Vietnamese way, but not without evidence, and not together with "no data"', async () => {
    const both = await edit({ targets: [{ targetId: ids[1], manual: { value: 50.5, evidence: 'x' }, noDataReason: 'chưa thống kê' }] });
    expect(both.statusCode).toBe(422);
    expect(both.json<{ errors: Problem[] }>().errors[0]).toMatchObject({ field: 'targets.noDataReason', code: 'report.figure_and_no_data' });
    const saved = await edit({ targets: [{ targetId: ids[1], manual: { value: 50.5, evidence: '' } }, { targetId: ids[2], noDataReason: 'Chưa có thống kê của doanh nghiệp viễn thông' }], difficulties: 'Thiếu nhân lực thống kê' });
    expect(saved.statusCode).toBe(200);
    const res = await submit(['targets.CT-CHUA', 'proposals']);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: Problem[] }>().errors.map((e) => [e.field, e.code])).toEqual([['targets.CT-TAY.evidence', 'report.manual_evidence_required']]);
  });

  it('asks to confirm exactly the parts left empty, the "no data" target among them', async () => {
    expect((await edit({ targets: [{ targetId: ids[1], manual: { value: 50.5, evidence: 'https://vinhtuy.hanoi.gov.vn/bien-ban-khao-sat-2026-03.pdf' } }] })).statusCode).toBe(200);
    const partial = await submit(['proposals']);
    expect(partial.statusCode).toBe(422);
    expect(partial.json<{ errors: Problem[] }>().errors.map((e) => [e.field, e.code])).toEqual([['targets.CT-CHUA', 'report.empty_unconfirmed']]);
    const sent = await submit(['targets.CT-CHUA', 'proposals']);
    expect(sent.statusCode).toBe(200);
    expect(sent.json<{ state: string }>().state).toBe('submitted');
  });

  it('keeps the typed figure pending until approval: evaluation does not use it, the figures list shows it waiting', async () => {
    const before = await evaluation('CT-TAY');
    expect(before?.current ?? null).toBeNull();
    const figures = await app.inject({ method: 'GET', url: '/api/v1/reporting/manual-figures?target=CT-TAY', headers: await as('viewer', 'P_VT') });
    expect(figures.statusCode).toBe(200);
    const body = figures.json<{ approved: unknown[]; pending: { value: number; reporter: string; evidence: string; label: string }[] }>();
    expect(body.approved).toEqual([]);
    expect(body.pending).toEqual([expect.objectContaining({ value: 50.5, reporter: tokens.get('reporter@VT_VHXH')?.actor, label: 'số liệu tự khai (chờ duyệt)' })]);
    expect(await t.db.selectFrom('observations').select('id').where('origin', '=', 'manual').execute()).toEqual([]);
  });

  it('makes the figure the target’s value at approval: a manual observation with its evidence and reporter, evaluated and audited', async () => {
    const approved = await app.inject({ method: 'POST', url: `/api/v1/reporting/submissions/${submissionId}/approve`, headers: await as('approver', 'P_VT'), payload: {} });
    expect(approved.statusCode).toBe(200);
    const after = await evaluation('CT-TAY');
    expect(after).toMatchObject({ current: 50.5, currentPeriod: '2026-03', status: 'met', indicator: 'TUKHAI.CT-TAY', unit: 'VT_VHXH' });
    const rows = await t.db.selectFrom('observations').select(['origin', 'actor', 'evidence_url', 'period', 'source']).where('origin', '=', 'manual').execute();
    expect(rows).toEqual([{ origin: 'manual', actor: tokens.get('reporter@VT_VHXH')?.actor, evidence_url: 'https://vinhtuy.hanoi.gov.vn/bien-ban-khao-sat-2026-03.pdf', period: '2026-03', source: `report:${submissionId}` }]);
    const figures = (await app.inject({ method: 'GET', url: '/api/v1/reporting/manual-figures?target=CT-TAY', headers: await as('viewer', 'P_VT') })).json<{ manualOnly: boolean; approved: { value: number; label: string; evidence: string }[]; pending: unknown[] }>();
    expect(figures).toMatchObject({ manualOnly: true, pending: [], approved: [{ value: 50.5, label: 'số liệu tự khai', evidence: 'https://vinhtuy.hanoi.gov.vn/bien-ban-khao-sat-2026-03.pdf' }] });
    // The target declared without data stays without a value.
    expect((await evaluation('CT-CHUA'))?.current ?? null).toBeNull();
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity', 'after']).where('entity', '=', 'report_submission').where('action', '=', 'approve').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('TUKHAI.CT-TAY');
    // Another ward's reader does not see the figures.
    expect((await app.inject({ method: 'GET', url: '/api/v1/reporting/manual-figures?target=CT-TAY', headers: await as('viewer', 'P_KHAC') })).statusCode).toBe(403);
  });
});
