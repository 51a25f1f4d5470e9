import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocxDocument } from '../../../importers/docx/read-docx-document.ts';
import { createIndicator, createUnit } from '../../../testing/factories.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

// Proposals written for this test (not the seeds' words), with headers as a ward might type them:
// some without diacritics, some in capitals, one column the importer does not know.
const HEADERS = ['Tên xã/phường', 'TEN BAI TOAN', 'Linh vuc quan ly', 'Mô tả vấn đề thực tiễn', 'Cach thuc dang xu ly hien nay', 'Nhu cầu quản lý đặt ra', 'Phạm vi thử nghiệm', 'Dữ liệu hiện có', 'Họ tên người liên hệ', 'Điện thoại', 'Ghi chú nội bộ'];
const ROW_A = ['P_A', 'Xe máy đỗ tràn vỉa hè quanh trường tiểu học', 'Quản lý đô thị', 'Giờ tan học phụ huynh đỗ xe kín vỉa hè, học sinh phải đi xuống lòng đường.', 'Công an phường nhắc nhở vào buổi sáng, buổi chiều không đủ người.', 'Biết giờ và đoạn phố đông nhất để bố trí người hướng dẫn.', 'Hai cổng trường trong một học kỳ.', 'Sổ trực của tổ an ninh.', 'Phan Thị Mai', '0912 000 111', 'x'];
const ROW_B = ['Phường Bình', 'Nước đọng ở ngõ sau mỗi trận mưa', 'moi truong', 'Sau mưa ngõ nhỏ ngập đến mắt cá chân suốt nửa ngày.', 'Tổ dân phố tự khơi rãnh thoát nước.', 'Xác định điểm tắc để ưu tiên nạo vét.', 'Ba ngõ trong mùa mưa.', '', 'Trần Văn Hùng', '0987 111 222', ''];

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('De xuat');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A filled Mẫu 01 as a ward would type it in Word: the form's labels, its numbered parts, one prompt kept. */
async function filledForm(): Promise<Buffer> {
  const lines = [
    'MẪU 01', 'ĐỀ XUẤT BÀI TOÁN QUẢN TRỊ XÃ/PHƯỜNG', '1. Thông tin chung', '- Tên xã/phường: Phường An',
    '- Tên bài toán: Hàng quán lấn chiếm lối đi chợ tạm', '- Lĩnh vực quản lý liên quan (chọn 1–2): ☒ Quản lý đô thị ☐ Y tế ☐ Giáo dục ☐ Môi trường',
    '- Đầu mối liên hệ (họ tên – chức danh – điện thoại): Vũ Thị Lan – Phó Chủ tịch UBND phường – 0903 222 333',
    '2. Mô tả vấn đề thực tiễn', '- Vấn đề phát sinh trong quá trình quản lý/vận hành là gì?', 'Buổi sáng các quầy hàng bày ra giữa lối đi, xe cứu thương không vào được khu dân cư phía sau chợ.',
    '3. Cách thức đang xử lý hiện nay', 'Đội trật tự đô thị dẹp hai lần một tuần, hàng quán bày lại ngay sau đó.',
    '4. Nhu cầu quản lý đặt ra', 'Theo dõi được lối đi bị chiếm vào giờ nào, đoạn nào để giữ thông suốt.',
    '5. Phạm vi và khả năng thử nghiệm', 'Lối đi quanh chợ tạm trong hai tháng.', '- Dữ liệu hiện có để đo (nếu có): biên bản của đội trật tự đô thị',
  ];
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((text) => new Paragraph({ text })) }] }));
}

function multipart(fileName: string, bytes: Uint8Array, auth: { authorization: string }) {
  const boundary = '----theodoi-problems-io';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface ImportBody { dryRun: boolean; format: string; proposals: { line: number; name: string; unit: string; code: string | null }[]; warnings: string[]; errors: { line: number; field: string; message: string }[] }

describe(`problems import and catalogue export on ${testEngine}`, () => {
  let server: TestServer;
  const h = {} as Record<'city' | 'wardA' | 'wardAViewer' | 'viewerB', { authorization: string }>;

  beforeAll(async () => {
    server = await startTestServer(async (ctx) => {
      const hn = await createUnit(ctx.db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
      await createUnit(ctx.db, { code: 'P_A', name: 'Phường An', kind: 'commune', parentId: hn.id });
      await createUnit(ctx.db, { code: 'P_B', name: 'Phường Bình', kind: 'commune', parentId: hn.id });
      await createIndicator(ctx.db, { code: 'XE_VIA_HE', name: 'Số lượt xe đỗ trên vỉa hè giờ tan học', measure: 'lượt', direction: 'down' });
      const token = async (unit: string, role: 'viewer' | 'reporter' | 'unit_admin') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role, scopes: [] })).token}` });
      h.city = await token('HN', 'unit_admin');
      h.wardA = await token('P_A', 'reporter');
      h.wardAViewer = await token('P_A', 'viewer');
      h.viewerB = await token('P_B', 'viewer');
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const count = async () => Number((await server.ctx.db.selectFrom('problems').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const post = (url: string, fileName: string, bytes: Uint8Array, who: keyof typeof h) => server.app.inject({ method: 'POST', url, ...multipart(fileName, bytes, h[who]) });

  it('XLSX: a dry run checks every row and stores nothing; headers are recognised without diacritics; units by code or name', async () => {
    const bytes = await workbook([HEADERS, ROW_A, ROW_B]);
    const dry = await post('/api/v1/problems/import?dryRun=true', 'de-xuat.xlsx', bytes, 'city');
    expect(dry.statusCode).toBe(200);
    const body = dry.json<ImportBody>();
    expect(body).toMatchObject({ dryRun: true, format: 'xlsx' });
    expect(body.proposals).toEqual([
      { sheet: 'De xuat', line: 2, name: ROW_A[1], unit: 'P_A', code: null },
      { sheet: 'De xuat', line: 3, name: ROW_B[1], unit: 'P_B', code: null },
    ]);
    expect(body.warnings.join(' ')).toContain('Ghi chú nội bộ');
    expect(await count()).toBe(0);
  });

  it('XLSX: one bad row refuses the file (422 naming row and field) and stores none of it', async () => {
    const bad = [...ROW_B];
    bad[3] = '';
    bad[5] = 'Cần mua phần mềm giám sát';
    const res = await post('/api/v1/problems/import', 'de-xuat.xlsx', await workbook([HEADERS, ROW_A, bad]), 'city');
    expect(res.statusCode).toBe(422);
    const errors = res.json<ImportBody>().errors;
    expect(errors.every((e) => e.line === 3)).toBe(true);
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['problem', 'managementNeed']));
    expect(errors.find((e) => e.field === 'managementNeed')!.message).toContain('phần mềm');
    expect(await count()).toBe(0);
  });

  it('XLSX: a ward reporter may not import for another ward (403); the file is stored in one go otherwise', async () => {
    expect((await post('/api/v1/problems/import', 'de-xuat.xlsx', await workbook([HEADERS, ROW_A, ROW_B]), 'wardA')).statusCode).toBe(403);
    expect((await post('/api/v1/problems/import', 'de-xuat.xlsx', await workbook([HEADERS, ROW_A]), 'wardAViewer')).statusCode).toBe(403);
    expect(await count()).toBe(0);
    const res = await post('/api/v1/problems/import', 'de-xuat.xlsx', await workbook([HEADERS, ROW_A, ROW_B]), 'city');
    expect(res.statusCode).toBe(200);
    const stored = res.json<ImportBody>().proposals;
    expect(stored.map((p) => p.code)).toEqual([expect.stringMatching(/^BT-\d{4}-\d{4}$/), expect.stringMatching(/^BT-\d{4}-\d{4}$/)]);
    const first = (await server.app.inject({ method: 'GET', url: `/api/v1/problems/${stored[0]!.code}`, headers: h.city })).json<{ fields: string[]; state: string; contact: { name: string; phone: string }; dataAvailable: string }>();
    expect(first).toMatchObject({ fields: ['urban_management'], state: 'proposed', contact: { name: 'Phan Thị Mai', phone: '0912 000 111' }, dataAvailable: 'Sổ trực của tổ an ninh.' });
  });

  it('DOCX: one filled Mẫu 01, its labelled fields and numbered parts, ticked field, combined contact line', async () => {
    const res = await post('/api/v1/problems/import', 'mau-01.docx', await filledForm(), 'wardA');
    expect(res.statusCode).toBe(200);
    const body = res.json<ImportBody>();
    expect(body.format).toBe('docx');
    expect(body.proposals).toHaveLength(1);
    const p = (await server.app.inject({ method: 'GET', url: `/api/v1/problems/${body.proposals[0]!.code}`, headers: h.wardA })).json<Record<string, unknown>>();
    expect(p).toMatchObject({
      name: 'Hàng quán lấn chiếm lối đi chợ tạm', fields: ['urban_management'], proposingUnit: { code: 'P_A' },
      problem: 'Buổi sáng các quầy hàng bày ra giữa lối đi, xe cứu thương không vào được khu dân cư phía sau chợ.',
      currentHandling: 'Đội trật tự đô thị dẹp hai lần một tuần, hàng quán bày lại ngay sau đó.',
      managementNeed: 'Theo dõi được lối đi bị chiếm vào giờ nào, đoạn nào để giữ thông suốt.',
      pilotScope: 'Lối đi quanh chợ tạm trong hai tháng.', dataAvailable: 'biên bản của đội trật tự đô thị',
      contact: { name: 'Vũ Thị Lan', title: 'Phó Chủ tịch UBND phường', phone: '0903 222 333' },
    });
  });

  it('exports the catalogue as XLSX and DOCX in the template layout, with a page per high-priority problem and no contacts', async () => {
    const list = (await server.app.inject({ method: 'GET', url: '/api/v1/problems', headers: h.city })).json<{ problems: { code: string; name: string }[] }>().problems;
    const sidewalk = list.find((p) => p.name === ROW_A[1])!.code;
    const call = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) => server.app.inject({ method, url, headers: h.city, payload });
    expect((await call('POST', `/api/v1/problems/${sidewalk}/transitions`, { to: 'consolidated' })).statusCode).toBe(200);
    expect((await call('PATCH', `/api/v1/problems/${sidewalk}`, { scaleClass: 'small_test', priority: 'high', dataInputs: 'Đếm xe hằng ngày ở hai cổng trường' })).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/problems/${sidewalk}/kpis`, { indicator: 'XE_VIA_HE', op: '<=', baseline: 40, goal: 10, due: '30/06/2027', unit: 'P_A' })).statusCode).toBe(201);

    const xlsx = await server.app.inject({ method: 'GET', url: '/api/v1/problems/catalogue.xlsx', headers: h.city });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rowText = (n: number) => Array.from({ length: 8 }, (_, i) => sheet.getRow(n).getCell(i + 1).text);
    expect(rowText(2)).toEqual(['STT', 'Tên bài toán', 'Lĩnh vực quản lý', 'Đơn vị đề xuất', 'Cơ quan tiếp nhận', 'Quy mô', 'Trạng thái', 'KPI']);
    const rows = [3, 4, 5].map(rowText);
    const row = rows.find((r) => r[1]!.includes(sidewalk))!;
    expect(row.slice(2, 7)).toEqual(['Quản lý đô thị', 'Phường An', 'Thành phố Hà Nội', 'Thử nghiệm nhỏ', 'Đã tổng hợp']);
    expect(row[7]).toBe('Số lượt xe đỗ trên vỉa hè giờ tan học ≤ 10 (ban đầu 40), đến 30/06/2027 — P_A');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Danh mục', sidewalk]);
    const page = wb.worksheets[1]!;
    expect(page.getCell('A2').text).toBe('1. Tên bài toán');
    const all: string[] = [];
    for (const s of wb.worksheets) s.eachRow((r) => r.eachCell((c) => void all.push(c.text)));
    for (const personal of ['Phan Thị Mai', '0912 000 111', 'Trần Văn Hùng', 'Vũ Thị Lan']) expect(all.join(' ')).not.toContain(personal);

    const docx = await server.app.inject({ method: 'GET', url: '/api/v1/problems/catalogue.docx?field=urban_management', headers: h.city });
    expect(docx.statusCode).toBe(200);
    const model = await readDocxDocument(new Uint8Array(docx.rawPayload), 'catalogue.docx');
    const texts = model.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.rows.map((r) => r.cells.join(' | ')).join('\n')));
    expect(texts[0]).toBe('DANH MỤC BÀI TOÁN ƯU TIÊN CỦA THÀNH PHỐ');
    const table = model.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(3); // header + the two urban-management problems
    const joined = texts.join('\n');
    expect(joined).toContain('7. KPI đo trước và sau thử nghiệm');
    expect(joined).toContain('Dữ liệu đầu vào: Đếm xe hằng ngày ở hai cổng trường');
    expect(joined).not.toContain('Nước đọng ở ngõ');
    for (const personal of ['Phan Thị Mai', '0912 000 111', 'Vũ Thị Lan', '0903 222 333']) expect(joined).not.toContain(personal);

    // Readers see what they may read: ward B's viewer gets ward B's proposal only; a bad filter is 422.
    const b = await server.app.inject({ method: 'GET', url: '/api/v1/problems/catalogue.xlsx', headers: h.viewerB });
    const wbB = new ExcelJS.Workbook();
    await wbB.xlsx.load(b.rawPayload as unknown as ArrayBuffer);
    expect(wbB.worksheets[0]!.rowCount).toBe(3);
    expect(wbB.worksheets[0]!.getRow(3).getCell(2).text).toContain('Nước đọng ở ngõ');
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/problems/catalogue.docx?state=xyz', headers: h.city })).statusCode).toBe(422);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/problems/catalogue.docx' })).statusCode).toBe(401);
  });
});
