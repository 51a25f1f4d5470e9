import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { createJobRunner } from '../../jobs/start-job-runner.ts';
import { smtpMailer } from '../../notifications/email.ts';
import { listAuditEntries } from '../../repositories/audit.repository.ts';
import { upsertOpenAlert } from '../../repositories/alerts.repository.ts';
import { createPlan, createUnit } from '../../testing/factories.ts';
import { readMail } from '../../testing/read-mail.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { acknowledgeAlert } from './acknowledge-alert.ts';
import { sendAlertDigests } from './send-alert-digests.ts';
import { subscribeAlertDigest } from './subscribe-alert-digest.ts';

// Hà Nội is UTC+7.
const vn = (iso: string) => new Date(`${iso}+07:00`);

interface Mail { to: string[]; subject: string; text: string }

describe(`the daily alert digest, sent by the job runner through a real SMTP server (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = vn('2026-12-03T08:00:00');
  let ctx: AppContext;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const mails: Mail[] = [];
  const ids = { ward: 0, office: 0, other: 0, targets: [] as number[], task: 0 };

  const raise = async (a: { severity: 'critical' | 'warning'; kind: 'target_at_risk' | 'task_overdue'; unitId: number; targetId?: number; taskId?: number; reason: string }) => {
    await upsertOpenAlert(ctx.db, {
      kind: a.kind, severity: a.severity, targetId: a.targetId ?? null, taskId: a.taskId ?? null, unitId: a.unitId, indicatorId: null,
      since: '2026-11-25', reason: a.reason, reasonEn: 'reason', data: {},
    }, null, clock);
    return (await ctx.db.selectFrom('alerts').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  };
  const runScheduled = async () => {
    const runner = createJobRunner(ctx, { mailer: smtpMailer(smtpUrl), workerId: `w-${clock.getTime()}` });
    await runner.runDue();
    await runner.stop();
  };

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
          const mail = readMail(raw);
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject, text: mail.text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

    const city = await createUnit(t.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    ids.ward = (await createUnit(t.db, { code: 'P_AK', name: 'Phường An Khánh', kind: 'commune', parentId: city.id })).id;
    ids.office = (await createUnit(t.db, { code: 'P_AK_VP', name: 'Văn phòng HĐND và UBND phường An Khánh', kind: 'office', parentId: ids.ward })).id;
    ids.other = (await createUnit(t.db, { code: 'P_TM', name: 'Phường Tương Mai', kind: 'commune', parentId: city.id })).id;
    const plan = await createPlan(t.db, {
      ownerUnitId: ids.ward,
      targets: [{ code: 'AK-CT1', text: 'Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 98%' }, { code: 'AK-CT2', text: 'Số hộ dùng thanh toán không tiền mặt tăng 20%' }],
      tasks: [{ code: 'AK-NV1', title: 'Số hóa sổ hộ tịch giai đoạn 2026' }],
    });
    ids.targets = plan.targetIds;
    ids.task = plan.taskIds[0] ?? 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(resolve));
    await t.close();
  });

  it('subscribes addresses to a unit (audited, once each)', async () => {
    expect(await subscribeAlertDigest(ctx, { unit: 'P_AK', email: ' ChuTich@AnKhanh.test ' }, 'test:admin')).toMatchObject({ email: 'chutich@ankhanh.test', changed: true });
    expect(await subscribeAlertDigest(ctx, { unit: 'P_AK', email: 'chutich@ankhanh.test' }, 'test:admin')).toMatchObject({ changed: false });
    expect(await subscribeAlertDigest(ctx, { unit: 'P_AK', email: 'vanphong@ankhanh.test' }, 'test:admin')).toMatchObject({ changed: true });
    await expect(subscribeAlertDigest(ctx, { unit: 'P_AK', email: 'khong-phai-thu' }, 'test:admin')).rejects.toThrow(/e-mail/);
    const audit = await listAuditEntries(ctx.db, { entity: 'alert_digest_subscription', limit: 10, actorUnitRoots: null });
    expect(audit.map((e) => e.action)).toEqual(['subscribe', 'subscribe']);
  });

  it('mails each subscriber the open, unacknowledged alerts of the ward and its offices, by severity and target, with names', async () => {
    await raise({ severity: 'critical', kind: 'target_at_risk', unitId: ids.ward, targetId: ids.targets[0], reason: 'Hiện 91%, theo lộ trình cần 96%' });
    await raise({ severity: 'warning', kind: 'task_overdue', unitId: ids.office, taskId: ids.task, reason: 'Quá hạn 9 ngày, tiến độ 40%' });
    await raise({ severity: 'critical', kind: 'target_at_risk', unitId: ids.other, targetId: ids.targets[1], reason: 'Chỉ tiêu của phường khác' });
    const seen = await raise({ severity: 'warning', kind: 'target_at_risk', unitId: ids.ward, targetId: ids.targets[1], reason: 'Đã có người xử lý' });
    await acknowledgeAlert(ctx, seen, 'user:ak.lanhdao', 'Đã giao phòng Kinh tế');

    await runScheduled();
    // Every mail of the system carries its name in front of the subject (the deliverer adds it).
    expect(mails.map((m) => m.to).sort()).toEqual([['chutich@ankhanh.test'], ['vanphong@ankhanh.test']]);
    const mail = mails[0]!;
    expect(mail.subject).toBe('[Theo Dõi] Tóm tắt cảnh báo — Phường An Khánh: 2 mới, 2 đang mở');
    expect(mail.text).toContain('Tóm tắt cảnh báo của Phường An Khánh và các đơn vị trực thuộc, ngày 03/12/2026.');
    expect(mail.text).toContain([
      'Nghiêm trọng: 1 cảnh báo (1 mới)',
      '  • Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 98% — 1 cảnh báo (1 mới)',
      '    - [Mới] Phường An Khánh: Hiện 91%, theo lộ trình cần 96% (từ ngày 25/11/2026)',
      '',
      'Cảnh báo: 1 cảnh báo (1 mới)',
      '  • Không gắn chỉ tiêu (nhiệm vụ, nguồn số liệu) — 1 cảnh báo (1 mới)',
      '    - [Mới] Văn phòng HĐND và UBND phường An Khánh — Nhiệm vụ quá hạn: Số hóa sổ hộ tịch giai đoạn 2026: Quá hạn 9 ngày, tiến độ 40% (từ ngày 25/11/2026)',
    ].join('\n'));
    // Another ward's alert and the acknowledged one stay out; no codes reach the reader.
    expect(mail.text).not.toContain('phường khác');
    expect(mail.text).not.toContain('Đã có người xử lý');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/P_AK|AK-CT|AK-NV|target_at_risk|task_overdue|alert\./);

    // The same slot again (a second run, another instance): nothing more, even when asked to send regardless.
    await runScheduled();
    expect(mails).toHaveLength(2);
    expect((await sendAlertDigests(ctx, { slot: new Date('2026-12-03T00:00:00Z'), always: true })).map((r) => r.outcome)).toEqual(['already_sent']);
  });

  it('the next day marks only what was raised since the last digest as new, and a day with nothing new sends nothing', async () => {
    clock = vn('2026-12-04T08:00:00');
    await raise({ severity: 'warning', kind: 'target_at_risk', unitId: ids.office, targetId: ids.targets[0], reason: 'Số liệu tháng 11 thấp hơn lộ trình' });
    await runScheduled();
    expect(mails).toHaveLength(4);
    const mail = mails[2]!;
    expect(mail.subject).toBe('[Theo Dõi] Tóm tắt cảnh báo — Phường An Khánh: 1 mới, 3 đang mở');
    expect(mail.text).toContain('trong đó 1 mới kể từ bản tóm tắt ngày 03/12/2026.');
    expect(mail.text).toContain('    - Phường An Khánh: Hiện 91%, theo lộ trình cần 96% (từ ngày 25/11/2026)');
    expect(mail.text).toContain('Cảnh báo: 2 cảnh báo (1 mới)\n  • Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 98% — 1 cảnh báo (1 mới)\n    - [Mới] Văn phòng HĐND và UBND phường An Khánh: Số liệu tháng 11 thấp hơn lộ trình');
    expect(mail.text.match(/\[Mới\]/g)).toHaveLength(1);

    clock = vn('2026-12-05T08:00:00');
    await runScheduled();
    expect(mails).toHaveLength(4);
    expect((await sendAlertDigests(ctx, { slot: new Date('2026-12-05T00:00:00Z') })).map((r) => [r.unitName, r.outcome, r.total, r.newCount])).toEqual([['Phường An Khánh', 'nothing_new', 3, 0]]);
  });
});
