import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { ForbiddenError, InputError } from '../../domain/errors.ts';
import { listProblemRecords } from '../../repositories/problems.repository.ts';
import { createUnit } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { importProposals } from './import-proposals.ts';
import { operatorAccess, problemAccessFor } from './problem-access.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/invented');
const file = (name: string) => ({ bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))), fileName: name });

/**
 * Mẫu 01 laid out as a wide table, several wards in one workbook (LibreOffice-saved fixtures made by
 * test/fixtures/invented/make-mau-01-workbooks.py). Expectations are read off the fixture's source,
 * not off the importer: the instructions sheet has no header; "Phường An" has a title row, its header
 * on row 3 (the form's numbered headings), a row of column numbers on row 4 and proposals on rows 5–6;
 * "Phường Bình" has its header on row 1 without diacritics, in its own order, the contact in four
 * columns, and one proposal on row 2.
 */
describe(`import of a Mẫu 01 workbook several wards filled (${testEngine})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  const city = operatorAccess('test:city');

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-09-01T08:00:00Z'));
    const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    await createUnit(ctx.db, { code: 'P_A', name: 'Phường An', kind: 'commune', parentId: hn.id });
    await createUnit(ctx.db, { code: 'P_B', name: 'Phường Bình', kind: 'commune', parentId: hn.id });
  });
  afterAll(async () => database.close());

  it('reads one proposal per row on every ward sheet, headers by meaning; the instructions sheet and the column-number row are left out', async () => {
    const result = await importProposals(ctx, city, { ...file('mau-01-nhieu-phuong.xlsx'), dryRun: true });
    expect(result).toMatchObject({ dryRun: true, format: 'xlsx' });
    expect(result.proposals).toEqual([
      { sheet: 'Phường An', line: 5, name: 'Nước đọng ở hầm chui sau mưa', unit: 'P_A', code: null },
      { sheet: 'Phường An', line: 6, name: 'Trẻ em đi học qua nút giao đông xe', unit: 'P_A', code: null },
      { sheet: 'Phường Bình', line: 2, name: 'Hàng rong trên cầu đi bộ', unit: 'P_B', code: null },
    ]);
    expect(result.warnings.join('\n')).toContain('Hướng dẫn');
    expect(result.warnings.join('\n')).toContain('STT');
    expect(await listProblemRecords(ctx.db, {})).toEqual([]);
  });

  it('a ward may import only its own rows: a reporter of Phường An is refused the workbook (403) and nothing is stored', async () => {
    const wardA = problemAccessFor({ kind: 'user', actor: 'user:an', userId: 1, tokenId: null, grants: [{ unitCode: 'P_A', role: 'reporter' }] }, () => Promise.resolve((a, u) => a === u || a === 'HN'));
    await expect(importProposals(ctx, wardA, file('mau-01-nhieu-phuong.xlsx'))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await listProblemRecords(ctx.db, {})).toEqual([]);
  });

  it('a faulty workbook: every problem named by sheet, row and column (letter and header); nothing stored', async () => {
    const error = await importProposals(ctx, city, file('mau-01-nhieu-phuong-loi.xlsx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems;
    // Phường An row 3: "3. Nhu cầu quản lý đặt ra" (column G) names a technology and a budget.
    const an = problems.filter((p) => p.params?.sheet === 'Phường An');
    expect(an.length).toBeGreaterThanOrEqual(1);
    for (const p of an) expect(p).toMatchObject({ line: 3, field: 'managementNeed', code: 'proposal_import.at_cell', params: { sheet: 'Phường An', row: 3, column: 'G', header: '3. Nhu cầu quản lý đặt ra' } });
    expect(an.map((p) => p.message).join(' ')).toContain('phần mềm');
    // Phường Bình row 2: no field of management in "LINH VUC" (column C).
    const binh = problems.filter((p) => p.params?.sheet === 'Phường Bình');
    expect(binh).toHaveLength(1);
    expect(binh[0]).toMatchObject({ line: 2, field: 'fields', code: 'proposal_import.at_cell', params: { sheet: 'Phường Bình', row: 2, column: 'C', header: 'LINH VUC' } });
    expect(binh[0]!.message).toContain('Phường Bình');
    expect(binh[0]!.message).toContain('C');
    expect(problems).toHaveLength(an.length + binh.length);
    expect(await listProblemRecords(ctx.db, {})).toEqual([]);
  });

  it('stores the whole workbook in one go, each field where the form put it (contacts split or in columns)', async () => {
    const result = await importProposals(ctx, city, file('mau-01-nhieu-phuong.xlsx'));
    expect(result.proposals.map((p) => p.code)).toEqual([expect.stringMatching(/^BT-2026-\d{4}$/), expect.stringMatching(/^BT-2026-\d{4}$/), expect.stringMatching(/^BT-2026-\d{4}$/)]);
    const stored = await listProblemRecords(ctx.db, {});
    expect(stored).toHaveLength(3);
    const flood = stored.find((p) => p.name === 'Nước đọng ở hầm chui sau mưa')!;
    expect(flood).toMatchObject({
      proposingUnit: 'P_A', fields: ['urban_management', 'environment'], dataAvailable: 'Sổ trực ban ghi các lần báo ngập',
      pilotScope: 'Một hầm chui và hai tuyến phố dẫn vào, trong mùa mưa năm 2026.',
      contact: { name: 'Phan Thị Lụa', title: 'Công chức địa chính', phone: '0913 222 333' },
    });
    expect(flood.currentHandling).toMatch(/^Tổ dân phố báo qua điện thoại/);
    const vendors = stored.find((p) => p.proposingUnit === 'P_B')!;
    expect(vendors).toMatchObject({
      name: 'Hàng rong trên cầu đi bộ', fields: ['urban_management'],
      currentHandling: 'Đội trật tự nhắc nhở mỗi tuần một lần, hàng rong quay lại ngay hôm sau.',
      managementNeed: 'Biết khung giờ nào cầu bị chiếm nhiều nhất để bố trí lực lượng.',
      contact: { name: 'Đinh Quốc Bảo', title: 'Phó chủ tịch UBND phường', phone: '0977 444 555', email: 'bao.dinh@example.vn' },
    });
  });
});
