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

  it("exports and erases a contact who is not a user (contact-data, erase-contact --yes), by e-mail or id", async () => {
    // Written for this test: a ward's contact with an e-mail, not a user of the system.
    const proposed = await runCli(['problems', 'propose'], db.target, {
      input: JSON.stringify({ ...proposal, name: 'Đèn tín hiệu hỏng ở ngã tư', contactName: 'Lưu Thị Ngân', contactPhone: '0905 123 456', contactEmail: 'ngan.luu@example.vn' }),
    });
    expect(proposed.code).toBe(0);
    const { code } = JSON.parse(proposed.stdout) as { code: string };

    const byEmail = await runCli(['problems', 'contact-data', '--email', 'NGAN.LUU@example.vn'], db.target);
    expect(byEmail.code).toBe(0);
    const data = JSON.parse(byEmail.stdout) as { format: string; contacts: { contactId: string; name: string; phone: string | null; email: string | null }[] };
    expect(data.format).toBe('theodoi-contact-data/v1');
    expect(data.contacts).toEqual([expect.objectContaining({ contactId: `problem:${code}`, name: 'Lưu Thị Ngân', phone: '0905 123 456', email: 'ngan.luu@example.vn' })]);
    const byId = await runCli(['problems', 'contact-data', '--contact', `problem:${code}`], db.target);
    expect((JSON.parse(byId.stdout) as typeof data).contacts.map((c) => c.contactId)).toEqual([`problem:${code}`]);
    const neither = await runCli(['problems', 'contact-data'], db.target);
    expect(neither.code).not.toBe(0);
    expect(neither.stderr).toContain('email');

    const unconfirmed = await runCli(['problems', 'erase-contact', '--email', 'ngan.luu@example.vn'], db.target);
    expect(unconfirmed.code).not.toBe(0);
    expect(unconfirmed.stderr).toContain('--yes');
    const erased = await runCli(['problems', 'erase-contact', '--email', 'ngan.luu@example.vn', '--yes', '--json'], db.target);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toEqual({ erased: [`problem:${code}`], changed: true });
    const shown = JSON.parse((await runCli(['problems', 'show', code], db.target)).stdout) as { name: string; contact: { name: string; phone: string | null; email: string | null } };
    expect(shown.name).toBe('Đèn tín hiệu hỏng ở ngã tư');
    expect(shown.contact).toMatchObject({ phone: null, email: null });
    expect(shown.contact.name).not.toBe('Lưu Thị Ngân');
    expect((await runCli(['problems', 'contact-data', '--email', 'ngan.luu@example.vn'], db.target)).code).not.toBe(0);
    const again = await runCli(['problems', 'erase-contact', '--contact', `problem:${code}`, '--yes', '--json'], db.target);
    expect(JSON.parse(again.stdout)).toEqual({ erased: [`problem:${code}`], changed: false });
    const audit = await runCli(['audit', 'list', '--json', '--entity', 'problem'], db.target);
    expect(audit.stdout).toContain('erase_contact_data');
    expect(audit.stdout).not.toContain('Lưu Thị Ngân');
    expect(audit.stdout).not.toContain('ngan.luu');
  });
});
