import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import type { AlertKind, AlertSeverity } from '../../domain/alerts/alert-rules.ts';
import { listAuditEntries } from '../../repositories/audit.repository.ts';
import { resolveAlerts, upsertOpenAlert } from '../../repositories/alerts.repository.ts';
import { createIndicator, createPlan, createUnit } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { createUser } from '../users/create-user.ts';
import { erasePersonalData } from '../users/erase-personal-data.ts';
import { acknowledgeAlert } from './acknowledge-alert.ts';
import { browseAlerts } from './browse-alerts.ts';
import { listAlerts } from './list-alerts.ts';

describe(`alert filters, groups, paging and acknowledgement on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  const ids: Record<string, number> = {};

  const raise = async (name: string, a: { kind: AlertKind; severity: AlertSeverity; unitId: number | null; targetId?: number; taskId?: number; indicatorId?: number }) => {
    await upsertOpenAlert(ctx.db, {
      kind: a.kind, severity: a.severity, targetId: a.targetId ?? null, taskId: a.taskId ?? null, unitId: a.unitId, indicatorId: a.indicatorId ?? null,
      since: '2026-08-01', reason: `Lý do ${name}`, reasonEn: `Reason ${name}`, data: {},
    }, null, ctx.now());
    const all = await listAlerts(ctx, {});
    ids[name] = Math.max(...all.map((x) => x.id));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    const a = await createUnit(ctx.db, { code: 'P_A', name: 'Phường An', kind: 'commune', parentId: hn.id });
    const b = await createUnit(ctx.db, { code: 'P_B', name: 'Phường Bình', kind: 'commune', parentId: hn.id });
    const plan = await createPlan(ctx.db, {
      targets: [{ code: 'CT-1', text: 'Tỷ lệ hồ sơ trực tuyến đạt 90%' }, { code: 'CT-2', text: 'Phủ sóng 5G toàn phường' }, { code: 'CT-3', text: 'Chỉ tiêu toàn thành phố' }],
      tasks: [{ code: 'NV-1', title: 'Triển khai hệ thống một cửa', leadUnitId: b.id }],
    });
    const online = await createIndicator(ctx.db, { code: 'HS_TT', name: 'Tỷ lệ hồ sơ trực tuyến' });
    const coverage = await createIndicator(ctx.db, { code: 'PHU_SONG', name: 'Tỷ lệ phủ sóng 5G' });
    await raise('a1', { kind: 'target_at_risk', severity: 'critical', unitId: a.id, targetId: plan.targetIds[0]!, indicatorId: online.id });
    await raise('a2', { kind: 'target_at_risk', severity: 'warning', unitId: a.id, targetId: plan.targetIds[1]!, indicatorId: coverage.id });
    await raise('b1', { kind: 'task_overdue', severity: 'critical', unitId: b.id, taskId: plan.taskIds[0]! });
    await raise('b2', { kind: 'stale_source', severity: 'info', unitId: b.id, indicatorId: online.id });
    await raise('b3', { kind: 'outlier', severity: 'warning', unitId: b.id, targetId: plan.targetIds[0]!, indicatorId: online.id });
    await raise('city', { kind: 'target_at_risk', severity: 'info', unitId: null, targetId: plan.targetIds[2]! });
    await raise('old', { kind: 'outlier', severity: 'critical', unitId: a.id });
    await resolveAlerts(ctx.db, [ids.old!], ctx.now());
  });
  afterAll(async () => {
    await database.close();
  });

  it('filters by severity, kind, unit and open', async () => {
    const open = await browseAlerts(ctx, { open: true });
    expect(open.total).toBe(6);
    expect(open.alerts.map((a) => a.severity)).toEqual(['critical', 'critical', 'warning', 'warning', 'info', 'info']);
    expect((await browseAlerts(ctx, { open: true, severities: ['critical'] })).alerts.map((a) => a.id).sort()).toEqual([ids.a1, ids.b1].sort());
    expect((await browseAlerts(ctx, { open: true, kinds: ['stale_source', 'outlier'] })).alerts.map((a) => a.id).sort()).toEqual([ids.b2, ids.b3].sort());
    expect((await browseAlerts(ctx, { unit: 'P_A', open: true, severities: ['warning', 'info'] })).alerts.map((a) => a.id)).toEqual([ids.a2]);
    expect((await browseAlerts(ctx, { open: false })).alerts.map((a) => a.id)).toEqual([ids.old]);
  });

  it('groups by unit, target and kind with names and counts per severity', async () => {
    const byUnit = await browseAlerts(ctx, { open: true, groupBy: 'unit' });
    expect(byUnit.groups).toEqual([
      { key: 'P_B', name: 'Phường Bình', nameEn: 'Phường Bình', total: 3, counts: { critical: 1, warning: 1, info: 1 }, units: 1 },
      { key: 'P_A', name: 'Phường An', nameEn: 'Phường An', total: 2, counts: { critical: 1, warning: 1, info: 0 }, units: 1 },
      { key: null, name: 'Toàn thành phố (không gắn đơn vị)', nameEn: 'City-wide (no unit)', total: 1, counts: { critical: 0, warning: 0, info: 1 }, units: 0 },
    ]);
    // The page runs through the groups in turn, most severe first inside each.
    expect(byUnit.alerts.map((a) => a.id)).toEqual([ids.b1, ids.b3, ids.b2, ids.a1, ids.a2, ids.city]);

    const byTarget = await browseAlerts(ctx, { open: true, groupBy: 'target' });
    expect(byTarget.groups!.map((g) => [g.name, g.total])).toEqual([
      ['Tỷ lệ hồ sơ trực tuyến đạt 90%', 2], ['Phủ sóng 5G toàn phường', 1], ['Chỉ tiêu toàn thành phố', 1], ['Không gắn chỉ tiêu (nhiệm vụ, nguồn số liệu)', 2],
    ]);
    // A leader's view: one group per indicator, naming how many units it touches; the alerts with no
    // indicator (tasks, a city-wide target of none) in one group last; nothing lost.
    const byIndicator = await browseAlerts(ctx, { open: true, groupBy: 'indicator' });
    expect(byIndicator.groups).toEqual([
      { key: 'HS_TT', name: 'Tỷ lệ hồ sơ trực tuyến', nameEn: 'Tỷ lệ hồ sơ trực tuyến', total: 3, counts: { critical: 1, warning: 1, info: 1 }, units: 2 },
      { key: 'PHU_SONG', name: 'Tỷ lệ phủ sóng 5G', nameEn: 'Tỷ lệ phủ sóng 5G', total: 1, counts: { critical: 0, warning: 1, info: 0 }, units: 1 },
      { key: null, name: 'Không gắn chỉ số (nhiệm vụ)', nameEn: 'No indicator (tasks)', total: 2, counts: { critical: 1, warning: 0, info: 1 }, units: 1 },
    ]);
    expect(byIndicator.groups!.reduce((sum, g) => sum + g.total, 0)).toBe(byIndicator.total);
    const byKind = await browseAlerts(ctx, { open: true, groupBy: 'kind' });
    expect(byKind.groups!.find((g) => g.key === 'target_at_risk')).toMatchObject({ name: 'Chỉ tiêu có nguy cơ không đạt', nameEn: 'Target at risk', total: 3, counts: { critical: 1, warning: 1, info: 1 } });
  });

  it('pages with limit and offset, the total and the groups covering every page', async () => {
    const first = await browseAlerts(ctx, { open: true, groupBy: 'unit', limit: 2 });
    const second = await browseAlerts(ctx, { open: true, groupBy: 'unit', limit: 2, offset: 2 });
    const last = await browseAlerts(ctx, { open: true, groupBy: 'unit', limit: 2, offset: 4 });
    expect([first.total, second.total, last.total]).toEqual([6, 6, 6]);
    expect(first.groups).toEqual(last.groups);
    expect([...first.alerts, ...second.alerts, ...last.alerts].map((a) => a.id)).toEqual([ids.b1, ids.b3, ids.b2, ids.a1, ids.a2, ids.city]);
    expect((await browseAlerts(ctx, { open: true, limit: 0 })).alerts).toEqual([]);
  });

  it('counts only what the caller may read', async () => {
    const page = await browseAlerts(ctx, { open: true, groupBy: 'unit' }, () => Promise.resolve((unit) => unit === 'P_A'));
    expect(page.total).toBe(2);
    expect(page.groups).toEqual([expect.objectContaining({ key: 'P_A', total: 2 })]);
  });

  it('acknowledges an open alert with a note: stored, audited, still open; filters by acknowledged', async () => {
    // People act as their user id; the list names them as the users table does now.
    const lanId = await createUser(ctx, 'test', { username: 'lan', displayName: 'Nguyễn Thị Lan', unit: 'P_A', role: 'reporter' }).then((u) => u.id);
    const minhId = await createUser(ctx, 'test', { username: 'minh', displayName: 'Trần Văn Minh', unit: 'P_A', role: 'approver' }).then((u) => u.id);
    const lan = `user:${lanId}`;
    await expect(acknowledgeAlert(ctx, ids.a1!, lan, '   ')).rejects.toMatchObject({ name: 'InputError' });
    await expect(acknowledgeAlert(ctx, ids.a1!, lan, 'x'.repeat(2001))).rejects.toMatchObject({ name: 'InputError' });
    await expect(acknowledgeAlert(ctx, 999_999, lan, 'ghi chú')).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(acknowledgeAlert(ctx, ids.old!, lan, 'ghi chú')).rejects.toMatchObject({ name: 'ConflictError' });

    const ack = await acknowledgeAlert(ctx, ids.a1!, lan, '  Đã giao phòng VH-XH rà soát  ');
    expect(ack).toEqual({ actor: lan, at: '2026-08-05T08:00:00.000Z', note: 'Đã giao phòng VH-XH rà soát' });
    const acknowledged = await browseAlerts(ctx, { open: true, acknowledged: true });
    expect(acknowledged.alerts).toEqual([expect.objectContaining({ id: ids.a1, resolvedAt: null, acknowledged: { ...ack, actorName: 'Nguyễn Thị Lan' } })]);
    const pending = await browseAlerts(ctx, { open: true, acknowledged: false });
    expect(pending.total).toBe(5);
    expect(pending.alerts.every((a) => a.acknowledged === null)).toBe(true);

    const audit = await listAuditEntries(ctx.db, { entity: 'alert', entityId: String(ids.a1), limit: 10, actorUnitRoots: null });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: lan, action: 'acknowledge', after: { note: 'Đã giao phòng VH-XH rà soát' } });

    // A later acknowledgement is the one shown; once its author is erased, by "deleted user" in the reader's language.
    await acknowledgeAlert(ctx, ids.a1!, `user:${minhId}`, 'Đã họp, giao hạn 15/9');
    const shown = async (lang: 'vi' | 'en') => (await listAlerts(ctx, { open: true, lang })).find((a) => a.id === ids.a1)!.acknowledged;
    expect(await shown('vi')).toMatchObject({ actor: `user:${minhId}`, actorName: 'Trần Văn Minh', note: 'Đã họp, giao hạn 15/9' });
    await erasePersonalData(ctx, 'test', 'minh');
    expect(await shown('vi')).toMatchObject({ actor: `user:${minhId}`, actorName: 'Người dùng đã xóa', note: 'Đã họp, giao hạn 15/9' });
    expect(await shown('en')).toMatchObject({ actor: `user:${minhId}`, actorName: 'Deleted user' });
    // One recorded before ids, by username, still reads as the person.
    await acknowledgeAlert(ctx, ids.a1!, 'user:lan', 'Ghi nhận trước khi đổi cách ghi');
    expect(await shown('vi')).toMatchObject({ actor: 'user:lan', actorName: 'Nguyễn Thị Lan' });
  });

  it('an alert resolved and raised again is a new alert, not acknowledged', async () => {
    const before = (await listAlerts(ctx, { open: true })).find((a) => a.id === ids.a1)!;
    await resolveAlerts(ctx.db, [ids.a1!], ctx.now());
    await upsertOpenAlert(ctx.db, {
      kind: 'target_at_risk', severity: 'critical', taskId: null, indicatorId: null,
      since: '2026-08-05', reason: 'lại', reasonEn: 'again', data: {}, ...(await subjectOf(before.id)),
    }, null, ctx.now());
    const open = (await listAlerts(ctx, { open: true, kinds: ['target_at_risk'], severities: ['critical'] }));
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(ids.a1);
    expect(open[0]!.acknowledged).toBeNull();
    expect((await listAlerts(ctx, { open: false, acknowledged: true })).map((a) => a.id)).toContain(ids.a1);
  });

  async function subjectOf(id: number) {
    const row = await ctx.db.selectFrom('alerts').select(['target_id', 'unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
    return { targetId: row.target_id, unitId: row.unit_id };
  }
});
