import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { listInbox } from '../../repositories/notifications.repository.ts';
import { createUnit } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { splitBilingualAlertBodies } from './20261205T0110-notification-english.ts';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;
let unitId: number;

/** Notifications as they were stored before each language had its own words. */
const OLD = [
  { kind: 'alert.target_at_risk', title: 'Chỉ tiêu có nguy cơ không đạt — Phường An', body: 'Có nguy cơ không đạt: hiện 40% (Tháng 5/2026) (từ ngày 03/06/2026) / At risk of missing: now 40% (May 2026)' },
  { kind: 'alert.outlier', title: 'Số liệu bất thường — Phường An', body: 'Giá trị bất thường / lệch nhiều' },
  { kind: 'report.reminder', title: 'Nhắc hạn báo cáo', body: 'Phường An cần gửi báo cáo (từ ngày 01/06/2026) / sớm' },
];

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = contextFor(t);
  unitId = (await createUnit(ctx.db, { code: 'P_AN', name: 'Phường An', kind: 'commune' })).id;
  for (const [i, n] of OLD.entries()) {
    await ctx.db.insertInto('notifications').values({ unit_id: unitId, user_id: null, kind: n.kind, title: n.title, body: n.body, data: '{}', dedupe_key: `old:${i}`, created_at: new Date(Date.UTC(2026, 5, 3, 0, i)), read_at: null }).execute();
  }
  await splitBilingualAlertBodies(ctx.db as never);
});
afterAll(async () => t.close());

describe(`stored notifications get their English apart (${testEngine})`, () => {
  it("splits an old alert's two-language body, and leaves every other text as it was", async () => {
    const inbox = await listInbox(ctx.db, { unitIds: [unitId] });
    const byKind = new Map(inbox.map((n) => [n.kind, n]));
    expect(byKind.get('alert.target_at_risk')).toMatchObject({
      body: 'Có nguy cơ không đạt: hiện 40% (Tháng 5/2026) (từ ngày 03/06/2026)',
      bodyEn: 'At risk of missing: now 40% (May 2026) (since 03/06/2026)',
      title: OLD[0]?.title, titleEn: null,
    });
    // No "(từ ngày …) / " in it: not the old alert shape, so not guessed at.
    expect(byKind.get('alert.outlier')).toMatchObject({ body: OLD[1]?.body, bodyEn: null });
    // Not an alert: kept whole.
    expect(byKind.get('report.reminder')).toMatchObject({ body: OLD[2]?.body, bodyEn: null });
  });
});
