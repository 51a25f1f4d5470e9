import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { createJobRunner } from '../../jobs/start-job-runner.ts';
import { smtpMailer } from '../../notifications/email.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../../notifications/webhook.ts';
import { listJobs } from '../../repositories/jobs.repository.ts';
import { listDeliveries } from '../../repositories/notifications.repository.ts';
import { createIndicator, createObservation, createPlan, createUnit, createUser } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { listUnitInbox } from '../notifications/list-inbox.ts';
import { notifyAlerts } from '../notifications/notify-alerts.ts';
import { scanReminders } from '../notifications/scan-reminders.ts';
import { subscribeWebhook } from '../notifications/subscribe-webhook.ts';
import { approveReport } from './approve-report.ts';
import { createObligationsFromPlan } from './create-obligations-from-plan.ts';
import { editSubmission } from './edit-submission.ts';
import { getTimeliness } from './get-timeliness.ts';
import { prepareSubmission } from './prepare-submission.ts';
import { LATE_REPORTS_INDICATOR, recordLateCounts } from './record-late-counts.ts';
import { returnReport } from './return-report.ts';
import { submitAsIs as submitReport } from '../../testing/submit-as-is.ts';

// The test's webhook receiver listens on loopback, which a real installation refuses unless allowed.
process.env.THEODOI_WEBHOOK_ALLOW_PRIVATE = '1';
import { unlockReport } from './unlock-report.ts';

// Hà Nội is UTC+7: "VN 15/03 09:00" is 2026-03-15T02:00Z.
const vn = (iso: string) => new Date(`${iso}+07:00`);

interface Mail { to: string[]; raw: string; notification: string }
interface Hook { body: string; headers: IncomingMessage['headers']; status: number }

describe(`a monthly reporting cycle end to end (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = vn('2026-03-01T09:00:00');
  let ctx: AppContext;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const mails: Mail[] = [];
  let hookServer: Server;
  let hookUrl: string;
  const hooks: Hook[] = [];
  const ids = { city: 0, ward: 0, vhxh: 0, vp: 0, kt: 0, indicator: 0, planId: 0, tasks: [] as number[], targets: [] as number[] };

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => clock);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (raw += chunk));
        stream.on('end', () => {
          const notification = /^X-TheoDoi-Notification: (\d+)/im.exec(raw)?.[1] ?? '';
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, notification });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    // Fails the first delivery, accepts every later one.
    hookServer = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const status = hooks.length === 0 ? 500 : 200;
        hooks.push({ body, headers: req.headers, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;

    const db = t.db;
    ids.city = (await createUnit(db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' })).id;
    ids.ward = (await createUnit(db, { code: 'P_VT', name: 'UBND phường Vĩnh Tuy', kind: 'commune', parentId: ids.city })).id;
    ids.vhxh = (await createUnit(db, { code: 'VT_VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'office', parentId: ids.ward })).id;
    ids.vp = (await createUnit(db, { code: 'VT_VP', name: 'Văn phòng HĐND và UBND', kind: 'office', parentId: ids.ward })).id;
    ids.kt = (await createUnit(db, { code: 'VT_KT', name: 'Phòng Kinh tế', kind: 'office', parentId: ids.ward })).id;
    for (const [unitId, name] of [[ids.vhxh, 'vhxh'], [ids.vp, 'vp'], [ids.kt, 'kt']] as const) {
      await createUser(db, { unitId, role: 'reporter', username: `${name}.cv`, email: `${name}.cv@vinhtuy.test` });
      await createUser(db, { unitId, role: 'approver', username: `${name}.tp`, email: `${name}.tp@vinhtuy.test` });
    }
    await createUser(db, { unitId: ids.ward, role: 'approver', username: 'ward.ct', email: 'ward.ct@vinhtuy.test' });
    await createUser(db, { unitId: ids.ward, role: 'reporter', username: 'ward.cv', email: 'ward.cv@vinhtuy.test' });
    await createUser(db, { unitId: ids.city, role: 'approver', username: 'city.ld', email: 'city.ld@hanoi.test' });

    ids.indicator = (await createIndicator(db, { code: 'DVC_TT', measure: '%' })).id;
    for (const [unitId, values] of [[ids.vhxh, [80, 85, 91.5]], [ids.vp, [60, 70, 75.25]], [ids.ward, [70, 78, 83.4]]] as const) {
      for (const [i, value] of values.entries()) await createObservation(db, { indicatorId: ids.indicator, unitId, period: `2026-0${i + 1}`, value, source: 'dvc' });
    }
    const plan = await createPlan(db, {
      code: '12/KH-UBND',
      ownerUnitId: ids.ward,
      targets: [
        { code: 'CT-1', indicatorId: ids.indicator, op: '>=', value: 90, leadUnitId: ids.vhxh },
        { code: 'CT-2', indicatorId: ids.indicator, op: '>=', value: 95, leadUnitId: ids.vp },
        { code: 'CT-3', op: 'qualitative', value: null, leadUnitId: ids.kt },
      ],
      tasks: [
        { code: 'NV-1', leadUnitId: ids.vhxh, status: 'in_progress', progress: 20 },
        { code: 'NV-2', leadUnitId: ids.vp },
        { code: 'NV-3', leadUnitId: ids.kt },
      ],
    });
    ids.planId = plan.planId;
    ids.tasks = plan.taskIds;
    ids.targets = plan.targetIds;
    await subscribeWebhook(ctx, { url: hookUrl, events: ['report.*'], unit: 'P_VT', secret: 'bi-mat' }, 'test');
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(resolve));
    await new Promise<void>((resolve) => hookServer.close(() => resolve()));
    await t.close();
  });

  const obligationOf = async (unitCode: string) => {
    const { obligations } = await createObligationsFromPlan(ctx, { planId: ids.planId, actor: 'test' });
    const o = obligations.find((x) => x.unit.code === unitCode);
    if (!o) throw new Error(unitCode);
    return o;
  };

  it('creates obligations from the plan in one step: lead units to the ward, the ward to the city', async () => {
    const first = await createObligationsFromPlan(ctx, { planId: ids.planId, actor: 'user:steering' });
    expect(first.created).toBe(4);
    expect(first.obligations.map((o) => [o.unit.code, o.recipient?.code, o.cycle, o.dueDay])).toEqual([
      ['P_VT', 'HN', 'monthly', 19],
      ['VT_KT', 'P_VT', 'monthly', 18],
      ['VT_VHXH', 'P_VT', 'monthly', 18],
      ['VT_VP', 'P_VT', 'monthly', 18],
    ]);
    expect(first.obligations.find((o) => o.unit.code === 'VT_VHXH')?.scope).toEqual({ targetIds: [ids.targets[0]], taskIds: [ids.tasks[0]] });
    expect(first.obligations.find((o) => o.unit.code === 'P_VT')?.scope.taskIds).toEqual(ids.tasks);
    const again = await createObligationsFromPlan(ctx, { planId: ids.planId, actor: 'user:steering' });
    expect(again).toMatchObject({ created: 0, existing: 4 });
  });

  it('pre-fills each report from the data: current values with sources, statuses, task progress', async () => {
    clock = vn('2026-03-10T09:00:00');
    const o = await obligationOf('VT_VHXH');
    const draft = await prepareSubmission(ctx, { obligationId: o.id, period: '2026-03', actor: 'user:vhxh.cv' });
    const content = draft.content as ReportContent;
    expect(draft.state).toBe('draft');
    expect(content.dueBefore).toBe('2026-03-18');
    expect(content.targets).toHaveLength(1);
    expect(content.targets[0]).toMatchObject({ code: 'CT-1', value: 91.5, valuePeriod: '2026-03', status: 'met', source: { system: 'dvc', origin: 'system' } });
    expect(content.tasks[0]).toMatchObject({ code: 'NV-1', progress: 20, status: 'in_progress', progressSource: 'register' });
    await expect(prepareSubmission(ctx, { obligationId: o.id, period: '2026-Q1', actor: 'x' })).rejects.toThrow(/chu kỳ/);
  });

  it('reminds three days before, exactly once, on a real SMTP server', async () => {
    clock = vn('2026-03-15T09:00:00');
    const runner = createJobRunner(ctx, { mailer: smtpMailer(smtpUrl), workerId: 'w1' });
    expect(await scanReminders(ctx)).toMatchObject({ sent: 3 });
    expect(await scanReminders(ctx)).toMatchObject({ sent: 0 });
    await runner.runDue();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['kt.cv@vinhtuy.test', 'vhxh.cv@vinhtuy.test', 'vp.cv@vinhtuy.test']);
    await runner.runDue();
    expect(mails).toHaveLength(3);
    await runner.stop();
  });

  it('the unit confirms, edits and submits; the ward returns one report, it is resubmitted', async () => {
    clock = vn('2026-03-16T10:00:00');
    const vhxh = await obligationOf('VT_VHXH');
    const s1 = await prepareSubmission(ctx, { obligationId: vhxh.id, period: '2026-03', actor: 'user:vhxh.cv' });
    await editSubmission(ctx, s1.id, {
      targets: [{ targetId: ids.targets[0] ?? 0, confirmed: true }],
      tasks: [{ taskId: ids.tasks[0] ?? 0, progress: 65, evidence: 'QĐ số 45/QĐ-UBND' }],
      difficulties: 'Thiếu cán bộ chuyên trách',
      proposals: 'Bổ sung 01 biên chế',
    }, 'user:vhxh.cv');
    await expect(editSubmission(ctx, s1.id, { tasks: [{ taskId: ids.tasks[0] ?? 0, progress: 140 }] }, 'x')).rejects.toThrow(/tiến độ phải từ 0 đến 100/);
    await expect(editSubmission(ctx, s1.id, { tasks: [{ taskId: 99999, progress: 1 }] }, 'x')).rejects.toThrow(/không có/);
    await submitReport(ctx, s1.id, 'user:vhxh.cv');

    clock = vn('2026-03-17T08:00:00');
    const vp = await obligationOf('VT_VP');
    const s2 = await prepareSubmission(ctx, { obligationId: vp.id, period: '2026-03', actor: 'user:vp.cv' });
    await submitReport(ctx, s2.id, 'user:vp.cv');
    await expect(returnReport(ctx, s2.id, 'user:ward.ct', '  ')).rejects.toThrow(/lý do/);
    const returned = await returnReport(ctx, s2.id, 'user:ward.ct', 'Bổ sung minh chứng nhiệm vụ NV-2');
    expect(returned.state).toBe('returned');
    clock = vn('2026-03-19T08:00:00');
    await editSubmission(ctx, s2.id, { tasks: [{ taskId: ids.tasks[1] ?? 0, progress: 100, status: 'done', evidence: 'Biên bản nghiệm thu' }] }, 'user:vp.cv');
    const resubmitted = await submitReport(ctx, s2.id, 'user:vp.cv');
    expect(resubmitted.state).toBe('submitted');
    expect(resubmitted.firstSubmittedAt?.toISOString()).toBe(vn('2026-03-17T08:00:00').toISOString());
  });

  it('survives a restart of the job runner: no reminder twice, escalations when late, webhook retried', async () => {
    clock = vn('2026-03-16T09:00:00');
    const second = createJobRunner(ctx, { mailer: smtpMailer(smtpUrl), workerId: 'w2' });
    // The ward's own 3-day reminder (its deadline is the 19th); nothing repeated for the offices.
    expect(await scanReminders(ctx)).toMatchObject({ sent: 1 });
    await second.runDue();
    clock = vn('2026-03-17T09:00:00');
    // One day before: only the units that have not sent (VHXH sent on the 16th, VP this morning).
    const oneDay = await scanReminders(ctx);
    expect(oneDay.sent).toBe(1);
    await second.runDue();
    await second.stop();

    const third = createJobRunner(ctx, { mailer: smtpMailer(smtpUrl), workerId: 'w3' });
    clock = vn('2026-03-18T09:00:00');
    // KT is late: escalation to the unit, its head and the ward; the ward's own 1-day reminder.
    expect(await scanReminders(ctx)).toMatchObject({ sent: 4 });
    expect(await scanReminders(ctx)).toMatchObject({ sent: 0 });
    await third.runDue();
    await third.stop();

    const perNotification = new Map<string, number>();
    for (const m of mails) for (const to of m.to) perNotification.set(`${m.notification}|${to}`, (perNotification.get(`${m.notification}|${to}`) ?? 0) + 1);
    expect([...perNotification.values()].every((n) => n === 1)).toBe(true);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([
      'kt.cv@vinhtuy.test', 'kt.cv@vinhtuy.test', 'kt.cv@vinhtuy.test', // 3-day, 1-day, escalation
      'kt.tp@vinhtuy.test', // head
      'vhxh.cv@vinhtuy.test',
      'vp.cv@vinhtuy.test',
      'ward.ct@vinhtuy.test', // escalation to the parent
      'ward.cv@vinhtuy.test', 'ward.cv@vinhtuy.test', // the ward's own 3-day and 1-day reminders
    ]);

    // The ward's 3-day reminder failed at the first try (16/3) and went through on the retry (17/3).
    expect(hooks.map((h) => h.status)).toEqual([500, 200, 200, 200]);
    for (const h of hooks) {
      expect(verifyWebhookSignature('bi-mat', String(h.headers[TIMESTAMP_HEADER]), h.body, String(h.headers[SIGNATURE_HEADER]))).toBe(true);
      expect(verifyWebhookSignature('sai', String(h.headers[TIMESTAMP_HEADER]), h.body, String(h.headers[SIGNATURE_HEADER]))).toBe(false);
    }
    const events = hooks.slice(1).map((h) => (JSON.parse(h.body) as { event: string }).event).sort();
    expect(events).toEqual(['report.escalation', 'report.reminder', 'report.reminder']);
    const webhookLog = await listDeliveries(t.db, { channel: 'webhook' });
    expect(webhookLog.map((d) => [d.state, d.attempts])).toEqual([['delivered', 2], ['delivered', 1], ['delivered', 1]]);
    expect(webhookLog[0]?.lastStatus).toBe(200);
    expect((await listJobs(t.db, { state: 'failed' }))).toEqual([]);

    const wardInbox = await listUnitInbox(ctx, 'P_VT');
    expect(wardInbox.map((n) => n.kind).sort()).toEqual(['report.escalation', 'report.reminder', 'report.reminder']);
  });

  it('the late unit submits; approvals lock the period; an audited unlock reopens one', async () => {
    clock = vn('2026-03-20T15:00:00');
    const kt = await obligationOf('VT_KT');
    const s3 = await prepareSubmission(ctx, { obligationId: kt.id, period: '2026-03', actor: 'user:kt.cv' });
    await editSubmission(ctx, s3.id, { tasks: [{ taskId: ids.tasks[2] ?? 0, progress: 30 }], difficulties: 'Chậm do thiếu kinh phí' }, 'user:kt.cv');
    await submitReport(ctx, s3.id, 'user:kt.cv');
    // NV-2 is overdue on the alert list until its report (done, 100 %) is approved; NV-3 stays open.
    for (const taskId of [ids.tasks[1] ?? 0, ids.tasks[2] ?? 0]) {
      await t.db.insertInto('alerts').values({ kind: 'task_overdue', task_id: taskId, severity: 'critical', since: '2026-03-01', reason: 'Quá hạn', reason_en: 'Overdue' }).execute();
    }
    for (const code of ['VT_VHXH', 'VT_VP', 'VT_KT']) {
      const o = await obligationOf(code);
      const s = await prepareSubmission(ctx, { obligationId: o.id, period: '2026-03', actor: 'x' });
      const approved = await approveReport(ctx, s.id, 'user:ward.ct');
      expect(approved).toMatchObject({ state: 'approved', locked: true });
      await expect(editSubmission(ctx, s.id, { difficulties: 'x' }, 'x')).rejects.toThrow(/khóa/);
    }
    // Approval makes each report's task progress the register's: what the task board, the public page
    // and the alerts read. NV-2 was reported done at 100 % with its acceptance record as evidence.
    const register = await t.db.selectFrom('tasks').select(['code', 'status', 'progress', 'evidence']).where('id', 'in', ids.tasks).orderBy('code').execute();
    expect(register).toEqual([
      { code: 'NV-1', status: 'in_progress', progress: 65, evidence: 'QĐ số 45/QĐ-UBND' },
      { code: 'NV-2', status: 'done', progress: 100, evidence: 'Biên bản nghiệm thu' },
      { code: 'NV-3', status: 'in_progress', progress: 30, evidence: null },
    ]);
    const openAlerts = await t.db.selectFrom('alerts').select('task_id').where('kind', '=', 'task_overdue').where('resolved_at', 'is', null).execute();
    expect(openAlerts.map((a) => a.task_id)).toEqual([ids.tasks[2]]);
    const approvals = await t.db.selectFrom('audit_log').select(['after']).where('entity', '=', 'report_submission').where('action', '=', 'approve').execute();
    expect(approvals.some((a) => JSON.stringify(a.after).includes('tasksUpdated'))).toBe(true);
    const vp = await prepareSubmission(ctx, { obligationId: (await obligationOf('VT_VP')).id, period: '2026-03', actor: 'x' });
    await expect(unlockReport(ctx, vp.id, 'user:admin', '')).rejects.toThrow();
    expect((await unlockReport(ctx, vp.id, 'user:admin', 'Sửa số liệu theo văn bản 45'))).toMatchObject({ state: 'returned', locked: false });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('entity', '=', 'report_submission').execute();
    expect(audit.filter((a) => a.action === 'unlock' && a.entity_id === String(vp.id))).toHaveLength(1);
    await submitReport(ctx, vp.id, 'user:vp.cv');
    await approveReport(ctx, vp.id, 'user:ward.ct');
  });

  it("builds the ward's consolidated report from its offices' approved reports", async () => {
    clock = vn('2026-03-20T16:00:00');
    const ward = await obligationOf('P_VT');
    const s = await prepareSubmission(ctx, { obligationId: ward.id, period: '2026-03', actor: 'user:ward.cv' });
    const content = s.content as ReportContent;
    expect(content.recipient?.code).toBe('HN');
    expect(content.children.map((c) => [c.unit.code, c.state, c.timeliness])).toEqual([
      ['VT_KT', 'approved', 'Chậm 3 ngày'],
      ['VT_VHXH', 'approved', 'Đúng hạn'],
      ['VT_VP', 'approved', 'Đúng hạn'],
    ]);
    expect(content.children.find((c) => c.unit.code === 'VT_VHXH')?.difficulties).toBe('Thiếu cán bộ chuyên trách');
    // Task progress comes from the offices' approved reports, not the register.
    expect(content.tasks.map((x) => [x.code, x.progress, x.progressSource])).toEqual([
      ['NV-1', 65, 'report:VT_VHXH'],
      ['NV-2', 100, 'report:VT_VP'],
      ['NV-3', 30, 'report:VT_KT'],
    ]);
    // The ward's own figures are its own series.
    expect(content.targets.map((x) => [x.code, x.value])).toEqual([['CT-1', 83.4], ['CT-2', 83.4], ['CT-3', null]]);
    await submitReport(ctx, s.id, 'user:ward.cv');
  });

  it('reports timeliness per unit and period, and writes the late count as an indicator value', async () => {
    const t1 = await getTimeliness(ctx, { periods: ['2026-03'], recipient: 'P_VT' });
    expect(t1.rows.map((r) => [r.unit.code, r.timeliness.status, 'daysLate' in r.timeliness ? r.timeliness.daysLate : 0])).toEqual([
      ['VT_KT', 'late', 3],
      ['VT_VHXH', 'on_time', 0],
      ['VT_VP', 'on_time', 0],
    ]);
    expect(t1.summary).toMatchObject({ expected: 3, onTime: 2, late: 1, missing: 0, lateCount: 1 });
    // The ward sent on the 20th, before the 19th it was not: late by 2 days.
    const t2 = await getTimeliness(ctx, { periods: ['2026-03', '2026-04'], unit: 'P_VT' });
    expect(t2.rows.map((r) => [r.period, r.timeliness.status])).toEqual([['2026-03', 'late'], ['2026-04', 'not_due']]);

    const counts = await recordLateCounts(ctx, '2026-03');
    expect(counts).toEqual([
      { unit: 'P_VT', lateCount: 1 },
      { unit: 'VT_KT', lateCount: 1 },
      { unit: 'VT_VHXH', lateCount: 0 },
      { unit: 'VT_VP', lateCount: 0 },
    ]);
    const stored = await t.db
      .selectFrom('observations as o')
      .innerJoin('indicators as i', 'i.id', 'o.indicator_id')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .select(['u.code', 'o.value', 'o.origin', 'o.period', 'o.version'])
      .where('i.code', '=', LATE_REPORTS_INDICATOR)
      .orderBy('u.code')
      .execute();
    expect(stored.map((r) => [r.code, r.value, r.origin, r.period])).toEqual([
      ['P_VT', 1, 'system', '2026-03'], ['VT_KT', 1, 'system', '2026-03'], ['VT_VHXH', 0, 'system', '2026-03'], ['VT_VP', 0, 'system', '2026-03'],
    ]);
    // Re-running with the same counts stores no new version.
    await recordLateCounts(ctx, '2026-03');
    const versions = await t.db.selectFrom('observations as o').innerJoin('indicators as i', 'i.id', 'o.indicator_id').select('o.id').where('i.code', '=', LATE_REPORTS_INDICATOR).execute();
    expect(versions).toHaveLength(4);
  });

  it("tells the unit about the evaluation engine's alerts once, in the inbox and by e-mail", async () => {
    await t.db.insertInto('alerts').values([
      { kind: 'target_at_risk', target_id: ids.targets[1] ?? null, task_id: null, unit_id: ids.vp, indicator_id: null, severity: 'warning', since: '2026-03-01', reason: 'Dự báo 80% < 95%', reason_en: 'Forecast 80% < 95%', data: '{}' },
      { kind: 'outlier', target_id: null, task_id: null, unit_id: ids.vp, indicator_id: ids.indicator, severity: 'info', since: '2026-03-01', reason: 'x', reason_en: 'x', data: '{}' },
    ]).execute();
    const before = mails.length;
    expect(await notifyAlerts(ctx)).toEqual({ sent: 1 });
    expect(await notifyAlerts(ctx)).toEqual({ sent: 0 });
    const runner = createJobRunner(ctx, { mailer: smtpMailer(smtpUrl), workerId: 'w4' });
    await runner.runDue();
    await runner.stop();
    expect(mails.slice(before).map((m) => m.to[0]).sort()).toEqual(['vp.cv@vinhtuy.test', 'vp.tp@vinhtuy.test']);
    const inbox = await listUnitInbox(ctx, 'VT_VP');
    const atRisk = inbox.filter((n) => n.kind === 'alert.target_at_risk');
    expect(atRisk).toHaveLength(1);
    // Each reader's language, the target by its wording and the unit by its name, never by code.
    const { text } = await t.db.selectFrom('targets').select('text').where('id', '=', ids.targets[1] ?? 0).executeTakeFirstOrThrow();
    expect(atRisk[0]).toMatchObject({
      title: 'Chỉ tiêu có nguy cơ không đạt — Văn phòng HĐND và UBND',
      body: `${text}: Dự báo 80% < 95% (từ ngày 01/03/2026)`,
      titleEn: 'Target at risk — Văn phòng HĐND và UBND',
      bodyEn: `${text}: Forecast 80% < 95% (since 01/03/2026)`,
    });
    expect(JSON.stringify(atRisk[0])).not.toMatch(/"(?:title|body)(?:En)?":"[^"]*(?:CT-2|VT_VP)/);
    // Where to act, for the inbox's link and for webhooks: the target and its unit.
    expect(atRisk[0]?.data).toMatchObject({ target: 'CT-2', unit: 'VT_VP' });
  });

  it('names neither a classified target nor why it is at risk in an inbox or an e-mail', async () => {
    await t.db.updateTable('targets').set({ classified: true }).where('id', '=', ids.targets[0] ?? 0).execute();
    const { text } = await t.db.selectFrom('targets').select('text').where('id', '=', ids.targets[0] ?? 0).executeTakeFirstOrThrow();
    await t.db.insertInto('alerts').values({ kind: 'target_at_risk', target_id: ids.targets[0] ?? null, task_id: null, unit_id: ids.vhxh, indicator_id: null, severity: 'critical', since: '2026-03-02', reason: 'Dự báo mật 10%', reason_en: 'Secret forecast 10%', data: '{}' }).execute();
    const before = mails.length;
    expect(await notifyAlerts(ctx)).toEqual({ sent: 1 });
    const runner = createJobRunner(ctx, { mailer: smtpMailer(smtpUrl), workerId: 'w5' });
    await runner.runDue();
    await runner.stop();
    const [entry] = (await listUnitInbox(ctx, 'VT_VHXH')).filter((n) => n.kind === 'alert.target_at_risk');
    expect(entry).toMatchObject({ title: '[Khẩn] Chỉ tiêu có nguy cơ không đạt — Phòng Văn hóa - Xã hội', titleEn: '[Urgent] Target at risk — Phòng Văn hóa - Xã hội' });
    expect(entry?.body).toContain('(từ ngày 02/03/2026)');
    expect(entry?.data).toMatchObject({ target: null, unit: 'VT_VHXH' });
    for (const secret of ['Dự báo mật', 'Secret forecast', text]) expect(`${entry?.body}\n${entry?.bodyEn}`).not.toContain(secret);
    // The e-mails are this inbox entry's words (deliver-notification sends its title and body).
    expect(mails.length).toBeGreaterThan(before);
    expect([...new Set(mails.slice(before).map((m) => m.notification))]).toEqual([String(entry?.id)]);
  });
});
