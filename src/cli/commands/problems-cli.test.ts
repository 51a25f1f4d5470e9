import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.ts';
import { readDocxDocument } from '../../importers/docx/read-docx-document.ts';
import { createUnit } from '../../testing/factories.ts';
import { cliDatabase } from '../../testing/cli-database.ts';
import { runCli } from '../../testing/run-cli.ts';
import { testEngine } from '../../testing/test-database.ts';

async function seed(ctx: AppContext): Promise<void> {
  const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
  await createUnit(ctx.db, { code: 'P_X', name: 'Phường Xuân', kind: 'commune', parentId: hn.id });
}

// Written for this test.
const proposal = {
  unit: 'P_X', name: 'Chó thả rông trong công viên', fields: ['Quản lý đô thị'], problem: 'Buổi tối nhiều chó không rọ mõm chạy trong công viên, trẻ em bị đuổi.',
  currentHandling: 'Nhắc nhở qua loa phát thanh tổ dân phố.', managementNeed: 'Biết giờ và khu vực hay xảy ra để tuần tra đúng lúc.',
  pilotScope: 'Một công viên trong hai tháng.', contactName: 'Hà Minh Đức',
};

describe(`theodoi problems on ${testEngine}`, { timeout: 600_000 }, () => {
  const db = cliDatabase('theodoi-problems-cli-');
  const dir = db.dir;

  beforeAll(async () => {
    await db.open(seed);
  });
  afterAll(async () => {
    await db.close();
  });

  it('proposes from stdin, lists, moves, dry-runs an import and exports the catalogue', async () => {
    const proposed = await runCli(['problems', 'propose'], db.target, { input: JSON.stringify(proposal) });
    expect(proposed.stderr).toBe('');
    expect(proposed.code).toBe(0);
    const { code, state } = JSON.parse(proposed.stdout) as { code: string; state: string };
    expect(state).toBe('proposed');
    expect(code).toMatch(/^BT-\d{4}-\d{4}$/);

    const list = await runCli(['problems', 'list', '--json'], db.target);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual([code]);

    const moved = await runCli(['problems', 'transition', code, 'consolidated', '--note', 'Không trùng'], db.target);
    expect(moved.code).toBe(0);
    expect(moved.stdout.trim()).toBe(`${code}: consolidated`);
    const wrong = await runCli(['problems', 'transition', code, 'scaled'], db.target);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('"consolidated"');

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Mau 01');
    sheet.addRow(['Ten bai toan', 'Lĩnh vực', 'Mô tả vấn đề', 'Cách thức đang xử lý', 'Nhu cầu quản lý', 'Phạm vi thử nghiệm', 'Họ tên']);
    sheet.addRow(['Rác bỏ bên bờ mương', 'Môi trường', 'Người đi đường ném túi rác xuống bờ mương.', 'Tổ vệ sinh vớt rác mỗi tuần.', 'Biết đoạn nào hay bị ném.', 'Một đoạn mương dài 500 m.', 'Ngô Thị Bích']);
    const xlsx = path.join(dir, 'de-xuat.xlsx');
    writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
    const dry = await runCli(['problems', 'import', xlsx, '--unit', 'P_X', '--dry-run'], db.target);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, proposals: [{ line: 2, name: 'Rác bỏ bên bờ mương', unit: 'P_X', code: null }] });
    expect((JSON.parse((await runCli(['problems', 'list', '--json'], db.target)).stdout) as { total: number }).total).toBe(1);

    const out = path.join(dir, 'danh-muc.docx');
    const exported = await runCli(['problems', 'export', '--format', 'docx', '--out', out], db.target);
    expect(exported.code).toBe(0);
    const model = await readDocxDocument(new Uint8Array(readFileSync(out)), 'danh-muc.docx');
    const text = JSON.stringify(model.blocks);
    expect(text).toContain('Chó thả rông trong công viên');
    expect(text).not.toContain('Hà Minh Đức');
  });
});
