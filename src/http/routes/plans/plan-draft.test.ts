import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import type { Role } from '../../../db/tables/access.ts';
import type { PlanDraft } from '../../../importers/draft.ts';
import { createIndicator } from '../../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { seedBuiltInRegistry } from '../../../use-cases/units/seed-built-in-registry.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';
import { renderMessage } from '../../../domain/messages/message.ts';

const demoPlan = readFileSync(new URL('../../../registry/demo-plan.txt', import.meta.url));
const WARD = 'HN_P_VINH_TUY';

function multipart(fileName: string, bytes: Uint8Array, auth: Record<string, string>) {
  const boundary = '----theodoi-draft-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Issue #12, "import as a draft": importing stores a draft version nobody measures; the administrator
 * of the plan's unit corrects items and links targets to indicators on it; publishing is a separate,
 * audited step after which (and only after which) the targets count.
 */
describe(`a plan imported as a draft, corrected and published (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let planId = 0;
  let draft: PlanDraft;
  const as = async (role: Role, unit: string) => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role })).token}` });
  const evaluatedCount = async () => (await app.inject({ method: 'GET', url: `/api/v1/evaluation?unit=${WARD}&asOf=2026-06-30`, headers: await as('viewer', WARD) })).json<{ total: number }>().total;
  const overviewTotal = async () => (await app.inject({ method: 'GET', url: `/api/v1/overview?unit=${WARD}&asOf=2026-06-30`, headers: await as('viewer', WARD) })).json<{ targets: { total: number; counts: { no_data: number } } }>().targets;

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => new Date('2026-06-01T02:00:00Z'));
    await seedBuiltInRegistry(ctx);
    await createIndicator(t.db, { code: 'TY_LE_HO_SO_TRUC_TUYEN', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', measure: '%' });
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('stores the import as a draft that evaluation, the overview and the public never see', async () => {
    const before = { evaluated: await evaluatedCount(), overview: await overviewTotal() };
    const res = await app.inject({ method: 'POST', url: `/api/v1/plans/import?owner=${WARD}`, ...multipart('ke-hoach.txt', demoPlan, await as('unit_admin', WARD)) });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ planId: number; versionNo: number; published: boolean }>();
    expect(body).toMatchObject({ versionNo: 1, published: false });
    planId = body.planId;
    const stored = await app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/versions/1/draft`, headers: await as('unit_admin', WARD) });
    expect(stored.statusCode).toBe(200);
    draft = stored.json<{ status: string; draft: PlanDraft }>().draft;
    expect(stored.json<{ status: string }>().status).toBe('draft');
    expect(draft.targets.length).toBeGreaterThan(0);
    // The warnings beside the items come in the reader's language, from their codes.
    const english = (await app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/versions/1/draft`, headers: { ...(await as('unit_admin', WARD)), 'accept-language': 'en' } })).json<{ draft: PlanDraft }>().draft;
    expect(draft.warnings.length).toBeGreaterThan(0);
    expect(english.warnings.map((w) => [w.line, w.code])).toEqual(draft.warnings.map((w) => [w.line, w.code]));
    for (const [i, w] of english.warnings.entries()) {
      expect(w.said?.code).toMatch(/^plan_draft\./);
      expect(w.message).toBe(renderMessage(w.said!, 'en'));
      expect(draft.warnings[i]?.message).toBe(renderMessage(w.said!, 'vi'));
    }
    expect(await t.db.selectFrom('targets').select('id').execute()).toEqual([]);
    expect(await evaluatedCount()).toBe(before.evaluated);
    expect(await overviewTotal()).toEqual(before.overview);
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/plans/${planId}` })).statusCode).toBe(404);
  });

  it('corrects a due date and refuses a wrong one, naming the item and field', async () => {
    const auth = await as('unit_admin', WARD);
    const bad = await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/targets/0`, headers: auth, payload: { due: 'ngày mai nhé' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['targets[0].due']);
    const badUnit = await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/tasks/0`, headers: auth, payload: { lead: ['KHONG_CO_DON_VI'] } });
    expect(badUnit.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['tasks[0].lead']);
    const ok = await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/targets/0`, headers: auth, payload: { due: '30/11/2026' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ due: { end: string; kind: string }; edited: string[] }>()).toMatchObject({ due: { end: '2026-11-30', kind: 'date' }, edited: ['due'] });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'edit_draft').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).toContain('2026-11-30');
  });

  it('links a target to an indicator on the draft; an unknown indicator is named', async () => {
    const auth = await as('unit_admin', WARD);
    const index = draft.targets.findIndex((x) => ['>=', '>', '<=', '<', '='].includes(x.goal.op) && x.goal.value !== null);
    expect(index).toBeGreaterThanOrEqual(0);
    const unknown = await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/targets/${index}`, headers: auth, payload: { indicator: 'KHONG_CO', due: '31/12/2026' } });
    expect(unknown.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([`targets[${index}].indicator`]);
    // Target 0's due date was corrected above; any other gets one only if the plan gave none.
    const due = index === 0 || draft.targets[index]?.due.end ? {} : { due: '31/12/2026' };
    const linked = await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/targets/${index}`, headers: auth, payload: { indicator: 'TY_LE_HO_SO_TRUC_TUYEN', ...due } });
    expect(linked.statusCode).toBe(200);
    expect(linked.json<{ indicator: string }>().indicator).toBe('TY_LE_HO_SO_TRUC_TUYEN');
    // Still a draft: nothing measured yet.
    expect(await t.db.selectFrom('targets').select('id').execute()).toEqual([]);
    draft = (await app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/versions/1/draft`, headers: auth })).json<{ draft: PlanDraft }>().draft;
  });

  it('takes an importance weight for a target (0 < w ≤ 10), refusing others and tasks by item and field', async () => {
    const auth = await as('unit_admin', WARD);
    const patch = (kind: string, index: number, payload: object) => app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/${kind}/${index}`, headers: auth, payload });
    for (const weight of [0, 12]) {
      const bad = await patch('targets', 0, { weight });
      expect(bad.statusCode).toBe(422);
      expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['targets[0].weight']);
    }
    expect((await patch('tasks', 0, { weight: 2 })).json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['tasks[0].weight']);
    const ok = await patch('targets', 0, { weight: 4 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ weight: number }>().weight).toBe(4);
    expect(ok.json<{ edited: string[] }>().edited).toContain('weight');
  });

  it('lets only the administrator of the plan’s unit, or the system administrator, edit and publish', async () => {
    for (const [role, unit] of [['reporter', WARD], ['approver', WARD], ['unit_admin', 'HN_P_BA_DINH']] as const) {
      const auth = await as(role, unit);
      expect((await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/targets/0`, headers: auth, payload: { due: '31/12/2026' } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: auth })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/versions/1/draft`, headers: auth })).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/tasks/0`, headers: await as('system_admin', 'HN'), payload: { text: 'Nhiệm vụ đã sửa tên (kiểm thử)' } })).statusCode).toBe(200);
  });

  it('publishes as a separate, audited step: the corrections and the link are on the published targets, which then count', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: await as('unit_admin', WARD) });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ changed: boolean; targets: number }>()).toMatchObject({ changed: true, targets: draft.targets.length });
    const published = await t.db.selectFrom('targets as t').leftJoin('indicators as i', 'i.id', 't.indicator_id').select(['t.seq', 't.due_on', 'i.code as indicator']).orderBy('t.id').execute();
    expect(published[0]?.due_on).toBe('2026-11-30');
    expect(published.filter((p) => p.indicator !== null).map((p) => p.indicator)).toEqual(['TY_LE_HO_SO_TRUC_TUYEN']);
    // The weight set on the draft reaches its target; the others keep the default 1.
    const weights = await t.db.selectFrom('targets').select(['weight']).orderBy('id').execute();
    expect(weights.map((w) => Number(w.weight))).toEqual(draft.targets.map((_, i) => (i === 0 ? 4 : 1)));
    const audit = await t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'publish').where('entity', '=', 'plan_version').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ linked: 1 });
    expect(await evaluatedCount()).toBeGreaterThan(0);
    // A published version is history: correcting it is refused.
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/plans/${planId}/versions/1/targets/0`, headers: await as('unit_admin', WARD), payload: { due: '31/12/2026' } })).statusCode).toBe(409);
  });

  it('counts the published targets no indicator measures as "not linked", apart from missing data (issue #12: 7 → 124)', async () => {
    const published = await t.db.selectFrom('targets').select(['code', 'indicator_id']).execute();
    const unlinked = published.filter((p) => p.indicator_id === null).length;
    // The demo plan's targets minus the one linked on the draft; nothing has been observed yet.
    expect(unlinked).toBe(draft.targets.length - 1);
    const overview = await overviewTotal();
    const counts = (overview as unknown as { counts: Record<string, number> }).counts;
    expect(counts).toMatchObject({ met: 0, on_track: 0, at_risk: 0, missed: 0 });
    // Only the linked target (measured, no value yet) is missing data; every other one is "not linked".
    expect(counts.no_data).toBe(1);
    expect(counts.unlinked).toBe(overview.total - 1);
    const listed = await app.inject({ method: 'GET', url: `/api/v1/evaluation?unit=${WARD}&asOf=2026-06-30&status=unlinked`, headers: await as('viewer', WARD) });
    expect(listed.statusCode).toBe(200);
    const rows = listed.json<{ targets: { status: string; indicator: string | null }[] }>().targets;
    expect(rows.length).toBe(counts.unlinked);
    expect(rows.every((r) => r.status === 'unlinked' && r.indicator === null)).toBe(true);
  });
});
