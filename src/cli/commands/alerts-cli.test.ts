import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/connect-database.ts';
import type { Database } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { upsertOpenAlert } from '../../repositories/alerts.repository.ts';
import { createPlan, createUnit } from '../../testing/factories.ts';
import { runCli, type CliTarget } from '../../testing/run-cli.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';

async function seed(db: Kysely<Database>): Promise<void> {
  const hn = await createUnit(db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
  const ward = await createUnit(db, { code: 'P_LB', name: 'Phường Long Biên', kind: 'commune', parentId: hn.id });
  const plan = await createPlan(db, { targets: [{ code: 'LB-1', text: 'Tỷ lệ người dân có tài khoản định danh mức 2 đạt 90%' }] });
  await upsertOpenAlert(db, {
    kind: 'target_at_risk', severity: 'warning', targetId: plan.targetIds[0] ?? null, taskId: null, unitId: ward.id, indicatorId: null,
    since: '2026-11-15', reason: 'Hiện 72%, theo lộ trình cần 84%', reasonEn: 'reason', data: {},
  }, null, new Date());
}

describe(`theodoi alerts digest / subscribe (${testEngine})`, () => {
  let target: CliTarget;
  let open: () => Promise<DatabaseHandle>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'theodoi-alerts-cli-'));
    if (testEngine === 'postgres') {
      const t = await createTestDatabase();
      await seed(t.db);
      const url = t.url ?? '';
      target = { databaseUrl: url, dataDir: path.join(dir, 'unused') };
      open = () => connectDatabase({ url });
      cleanup = async () => { await t.close(); await rm(dir, { recursive: true, force: true }); };
    } else {
      const dataDir = path.join(dir, 'data');
      const h = await connectDatabase({ dataDir });
      await migrateToLatest(h.db);
      await seed(h.db);
      await h.close();
      target = { databaseUrl: null, dataDir };
      open = () => connectDatabase({ dataDir });
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  it('prints the digest in Vietnamese with names, subscribes an address, and --send queues the mail', async () => {
    const printed = await runCli(['alerts', 'digest', '--unit', 'P_LB'], target);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('Tóm tắt cảnh báo của Phường Long Biên và các đơn vị trực thuộc');
    expect(printed.stdout).toContain('Cảnh báo: 1 cảnh báo (1 mới)\n  • Tỷ lệ người dân có tài khoản định danh mức 2 đạt 90% — 1 cảnh báo (1 mới)\n    - [Mới] Phường Long Biên: Hiện 72%, theo lộ trình cần 84% (từ ngày 15/11/2026)');
    expect(printed.stdout).not.toMatch(/P_LB|LB-1|target_at_risk/);

    // No subscriber yet: --send says so and fails.
    const nobody = await runCli(['alerts', 'digest', '--unit', 'P_LB', '--send'], target);
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain('chưa có ai nhận bản tóm tắt cảnh báo');

    const sub = await runCli(['alerts', 'subscribe', '--unit', 'P_LB', '--email', 'LanhDao@LongBien.test'], target);
    expect(sub.code).toBe(0);
    expect(sub.stdout.trim()).toBe('Đã đăng ký: lanhdao@longbien.test — Phường Long Biên');
    const sent = await runCli(['alerts', 'digest', '--unit', 'P_LB', '--send'], target);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('Đã xếp hàng gửi cho 1 người nhận');

    const h = await open();
    try {
      const deliveries = await h.db.selectFrom('notification_deliveries as d').innerJoin('notifications as n', 'n.id', 'd.notification_id')
        .select(['n.kind', 'n.title', 'd.channel', 'd.address']).execute();
      expect(deliveries).toEqual([{ kind: 'alert.digest', title: 'Tóm tắt cảnh báo — Phường Long Biên: 1 mới, 1 đang mở', channel: 'email', address: 'lanhdao@longbien.test' }]);
    } finally {
      await h.close();
    }
    // After a digest went out, the same alert is no longer new.
    const again = await runCli(['alerts', 'digest', '--unit', 'P_LB'], target);
    expect(again.stdout).toContain('Cảnh báo: 1 cảnh báo (0 mới)');
  });

  it('says the digest and the inbox in English when THEODOI_LANG=en', async () => {
    const english = { env: { THEODOI_LANG: 'en' } };
    const digest = await runCli(['alerts', 'digest', '--unit', 'P_LB'], target, english);
    expect(digest.code).toBe(0);
    expect(digest.stdout).toContain('Alert digest of Phường Long Biên and the units below it');
    expect(digest.stdout).toContain('Warning: 1 alert (0 new)');
    expect(digest.stdout).not.toMatch(/cảnh báo|từ ngày/);
    // The digest sent above is in the unit's inbox, in both languages.
    const inboxEn = await runCli(['notify', 'inbox', '--unit', 'P_LB'], target, english);
    expect(inboxEn.stdout).toContain('Alert digest — Phường Long Biên: 1 new, 1 open');
    const inboxVi = await runCli(['notify', 'inbox', '--unit', 'P_LB'], target);
    expect(inboxVi.stdout).toContain('Tóm tắt cảnh báo — Phường Long Biên: 1 mới, 1 đang mở');
  });
});
