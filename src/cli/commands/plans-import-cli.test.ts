import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../db/connect-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { runCli, type CliTarget } from '../../testing/run-cli.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';

/** A small plan of our own: one target names a unit the (empty) registry does not hold. */
const PLAN = [
  'ỦY BAN NHÂN DÂN PHƯỜNG THỬ NGHIỆM',
  'Số: 9/KH-UBND',
  'KẾ HOẠCH',
  'Chuyển đổi số năm 2026 (bản thử)',
  'I. CHỈ TIÊU',
  '1. Tỷ lệ hồ sơ trực tuyến đạt 90% trước ngày 31/12/2026; Đội kiểm tra số chủ trì.',
].join('\n');

describe(`theodoi plans import --dry-run says its summary in the CLI's language (${testEngine})`, () => {
  let target: CliTarget;
  let file: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'theodoi-plans-cli-'));
    file = path.join(dir, 'ke-hoach-thu.txt');
    await writeFile(file, PLAN);
    if (testEngine === 'postgres') {
      const t = await createTestDatabase();
      target = { databaseUrl: t.url ?? '', dataDir: path.join(dir, 'unused') };
      cleanup = async () => { await t.close(); await rm(dir, { recursive: true, force: true }); };
    } else {
      const dataDir = path.join(dir, 'data');
      const h = await connectDatabase({ dataDir });
      await migrateToLatest(h.db);
      await h.close();
      target = { databaseUrl: null, dataDir };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  it('in Vietnamese by default, in English with THEODOI_LANG=en — each warning worded from its code, never both at once', async () => {
    const vi = await runCli(['plans', 'import', file, '--dry-run'], target);
    expect(vi.code, vi.stderr).toBe(0);
    expect(vi.stdout).toContain('Kế hoạch: ');
    expect(vi.stdout).toMatch(/Chỉ tiêu: 1 {2}Nhiệm vụ: 0 {2}Cảnh báo: [1-9]/);
    const warning = /^ {2}dòng \d+: \[([a-z_]+)\] (.+)$/m.exec(vi.stdout);
    expect(warning, vi.stdout).not.toBeNull();
    const en = await runCli(['plans', 'import', file, '--dry-run'], target, { env: { THEODOI_LANG: 'en' } });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/Targets: 1 {2}Tasks: 0 {2}Warnings: [1-9]/);
    const englishWarning = new RegExp(`^ {2}line \\d+: \\[${warning![1]}\\] (.+)$`, 'm').exec(en.stdout);
    expect(englishWarning, en.stdout).not.toBeNull();
    // The same warning, in the other language's words.
    expect(englishWarning![1]).not.toBe(warning![2]);
    for (const out of [vi.stdout, en.stdout]) expect(out).not.toMatch(/ \/ [a-z]/);
  });
});
