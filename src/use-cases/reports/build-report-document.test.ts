import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readDocxDocument } from '../../importers/docx/read-docx-document.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { formatNumberVi } from '../../domain/reporting/vietnamese-format.ts';
import { chromiumExecutable, pdfFirstPageToPng } from '../../reports/pdf-report.ts';
import { createIndicator, createObservation, createPlan, createUnit } from '../../testing/factories.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { approveReport } from '../reporting/approve-report.ts';
import { createObligationsFromPlan } from '../reporting/create-obligations-from-plan.ts';
import { editSubmission } from '../reporting/edit-submission.ts';
import { prepareSubmission } from '../reporting/prepare-submission.ts';
import { submitAsIs as submitReport } from '../../testing/submit-as-is.ts';
import { buildReportDocument } from './build-report-document.ts';
import { exportUpstream } from './export-upstream.ts';

const vn = (iso: string) => new Date(`${iso}+07:00`);

/** Paragraph and cell texts of word/document.xml, and each table row's cell texts. */
function readDocumentXml(xml: string) {
  const text = (fragment: string) => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => unescapeXml(text(c[0]))));
  return { rows, all: unescapeXml(text(xml)) };
}
const unescapeXml = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

describe(`report documents (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = vn('2026-03-10T09:00:00');
  let ctx: AppContext;
  const expected = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => clock);
    const db = t.db;
    const city = await createUnit(db, { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' });
    const ward = await createUnit(db, { code: 'P_VT', name: 'UBND phường Vĩnh Tuy', kind: 'commune', parentId: city.id });
    const vhxh = await createUnit(db, { code: 'VT_VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'office', parentId: ward.id });
    const kt = await createUnit(db, { code: 'VT_KT', name: 'Phòng Kinh tế', kind: 'office', parentId: ward.id });
    const rate = await createIndicator(db, { code: 'TL_HS', measure: '%' });
    const firms = await createIndicator(db, { code: 'SO_DN', measure: 'doanh nghiệp', aggregation: 'sum' });
    // Several versions: the report quotes the current one.
    await createObservation(db, { indicatorId: rate.id, unitId: vhxh.id, period: '2026-03', value: 88.1, source: 'dvc' });
    await createObservation(db, { indicatorId: rate.id, unitId: vhxh.id, period: '2026-03', value: 92.75, source: 'dvc' });
    await createObservation(db, { indicatorId: firms.id, unitId: kt.id, period: '2026-02', value: 1234.5, source: 'hanoiwork' });
    await createObservation(db, { indicatorId: rate.id, unitId: ward.id, period: '2026-03', value: 90.4, source: 'dvc' });
    await createObservation(db, { indicatorId: firms.id, unitId: ward.id, period: '2026-03', value: 2500, source: 'hanoiwork' });
    expected.set('VT_VHXH:CT-A', 92.75).set('VT_KT:CT-B', 1234.5).set('P_VT:CT-A', 90.4).set('P_VT:CT-B', 2500);
    const plan = await createPlan(db, {
      code: '34/KH-UBND',
      ownerUnitId: ward.id,
      targets: [
        { code: 'CT-A', text: 'Tỷ lệ hồ sơ trực tuyến toàn trình', indicatorId: rate.id, op: '>=', value: 90, measure: '%', leadUnitId: vhxh.id },
        { code: 'CT-B', text: 'Số doanh nghiệp số', indicatorId: firms.id, op: '>=', value: 3000, measure: 'doanh nghiệp', leadUnitId: kt.id },
      ],
      tasks: [
        { code: 'NV-A', title: 'Số hóa hồ sơ hộ tịch', leadUnitId: vhxh.id, dueRaw: 'Quý II/2026' },
        { code: 'NV-B', title: 'Hỗ trợ doanh nghiệp chuyển đổi số', leadUnitId: kt.id, dueRaw: 'Năm 2026' },
      ],
    });
    const { obligations } = await createObligationsFromPlan(ctx, { planId: plan.planId, actor: 'test' });
    clock = vn('2026-03-16T09:00:00');
    for (const o of obligations.filter((x) => x.unit.kind === 'office')) {
      const s = await prepareSubmission(ctx, { obligationId: o.id, period: '2026-03', actor: 'test' });
      await editSubmission(ctx, s.id, {
        tasks: [{ taskId: o.scope.taskIds[0] ?? 0, progress: o.unit.code === 'VT_VHXH' ? 75 : 40, evidence: `Minh chứng ${o.unit.code} & <đính kèm>` }],
        difficulties: `Khó khăn của ${o.unit.name}`,
        proposals: `Kiến nghị của ${o.unit.name}`,
      }, 'test');
      await submitReport(ctx, s.id, 'test');
      await approveReport(ctx, s.id, 'test');
    }
    clock = vn('2026-03-18T15:00:00');
  });

  afterAll(async () => {
    await t.close();
  });

  it('writes a DOCX in the layout of Nghị định 30/2020 whose figures equal the data', async () => {
    const doc = await buildReportDocument(ctx, { unit: 'P_VT', period: '2026-03', format: 'docx' });
    expect(doc.contentType).toMatch(/wordprocessingml/);
    const zip = await JSZip.loadAsync(doc.bytes);
    const xml = await zip.file('word/document.xml')?.async('string');
    if (!xml) throw new Error('no document.xml');
    // A4 and the margins (twips: 20 mm = 1134, 30 mm = 1701, 15 mm = 850).
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    expect(margins).toMatch(/w:top="1134"/);
    expect(margins).toMatch(/w:bottom="1134"/);
    expect(margins).toMatch(/w:left="1701"/);
    expect(margins).toMatch(/w:right="850"/);
    // Every run in Times New Roman, at 11–14 pt.
    const fonts = new Set([...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
    const sizes = new Set([...xml.matchAll(/<w:sz w:val="(\d+)"/g)].map((m) => Number(m[1])));
    for (const s of sizes) {
      expect(s).toBeGreaterThanOrEqual(22);
      expect(s).toBeLessThanOrEqual(28);
    }
    const styles = await zip.file('word/styles.xml')?.async('string');
    expect(styles).toMatch(/Times New Roman/);

    const { rows, all } = readDocumentXml(xml);
    expect(all).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(all).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(all).toContain('ỦY BAN NHÂN DÂN');
    expect(all).toContain('PHƯỜNG VĨNH TUY');
    expect(all).toContain('Số: ……/BC-UBND');
    expect(all).toContain('Vĩnh Tuy, ngày 18 tháng 03 năm 2026');
    expect(all).toContain('BÁO CÁO');
    expect(all).toContain('Kết quả thực hiện Kế hoạch số 34/KH-UBND tháng 3/2026 (tổng hợp)');
    expect(all).toContain('Nơi nhận:');
    expect(all).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(all).toContain('CHỦ TỊCH');
    expect(all).toContain('KHÓ KHĂN, VƯỚNG MẮC');
    expect(all).toContain('Phòng Văn hóa - Xã hội: Khó khăn của Phòng Văn hóa - Xã hội');
    expect(all).toContain('Minh chứng VT_VHXH & <đính kèm>');
    // The place-and-date line is italic; the issuer's name bold.
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>)[\s\S])*Vĩnh Tuy, ngày 18/);

    // Section I: one row per target, the result column equal to the current observation.
    const targetRows = rows.filter((r) => r.length === 7 && /^\d+$/.test(r[0] ?? ''));
    expect(targetRows.map((r) => r[3])).toEqual([`${formatNumberVi(expected.get('P_VT:CT-A') ?? 0)}%`, `${formatNumberVi(expected.get('P_VT:CT-B') ?? 0)} doanh nghiệp`]);
    expect(targetRows.map((r) => r[3])).toEqual(['90,4%', '2.500 doanh nghiệp']);
    expect(targetRows.map((r) => r[5])).toEqual(['dvc (' + targetRows[0]?.[5]?.slice(5), 'hanoiwork (' + targetRows[1]?.[5]?.slice(11)]);
    // Section II: progress from the offices' approved reports.
    const taskRows = rows.filter((r) => r.length === 6 && /^\d+$/.test(r[0] ?? ''));
    expect(taskRows.map((r) => [r[1], r[3]])).toEqual([['Số hóa hồ sơ hộ tịch', '75%'], ['Hỗ trợ doanh nghiệp chuyển đổi số', '40%']]);
    // Section III: the units' reports.
    const unitRows = rows.filter((r) => r.length === 4 && /^\d+$/.test(r[0] ?? ''));
    expect(unitRows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['Phòng Kinh tế', 'Đã phê duyệt', 'Đúng hạn'],
      ['Phòng Văn hóa - Xã hội', 'Đã phê duyệt', 'Đúng hạn'],
    ]);
    // A reader of ordinary Word documents (the plan importer's, which knows nothing of our writer) reads it.
    expect(await docxText(doc.bytes)).toContain('BÁO CÁO');
  });

  it("writes an office's report with its own issuer, symbol and signature", async () => {
    const doc = await buildReportDocument(ctx, { unit: 'VT_KT', period: '2026-03', format: 'docx' });
    const xml = (await (await JSZip.loadAsync(doc.bytes)).file('word/document.xml')?.async('string')) ?? '';
    const { rows, all } = readDocumentXml(xml);
    expect(all).toContain('UBND PHƯỜNG VĨNH TUY');
    expect(all).toContain('PHÒNG KINH TẾ');
    expect(all).toContain('Số: ……/BC-KT');
    expect(all).toContain('TRƯỞNG PHÒNG');
    expect(all).toContain('Vĩnh Tuy, ngày 16 tháng 03 năm 2026');
    const targetRows = rows.filter((r) => r.length === 7 && /^\d+$/.test(r[0] ?? ''));
    expect(targetRows.map((r) => [r[3], r[4]])).toEqual([[`${formatNumberVi(expected.get('VT_KT:CT-B') ?? 0)} doanh nghiệp`, '02/2026']]);
  });

  it('writes the appendix tables as XLSX with numeric figures', async () => {
    const doc = await buildReportDocument(ctx, { unit: 'VT_VHXH', period: '2026-03', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(doc.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phụ lục 01 - Chỉ tiêu', 'Phụ lục 02 - Nhiệm vụ']);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(4).getCell(3).value).toBe('Chỉ tiêu');
    expect(ws?.getRow(5).getCell(5).value).toBe(expected.get('VT_VHXH:CT-A'));
    expect(ws?.getRow(5).getCell(8).value).toBe('dvc');
    expect(wb.worksheets[1]?.getRow(5).getCell(5).value).toBe(75);
  });

  it('refuses unknown formats, periods and units with a named field', async () => {
    await expect(buildReportDocument(ctx, { unit: 'P_VT', period: '2026-03', format: 'odt' })).rejects.toMatchObject({ problems: [{ field: 'format' }] });
    await expect(buildReportDocument(ctx, { unit: 'P_VT', period: '03/2026', format: 'docx' })).rejects.toMatchObject({ problems: [{ field: 'period' }] });
    await expect(buildReportDocument(ctx, { unit: 'NOPE', period: '2026-03', format: 'docx' })).rejects.toThrow(/NOPE/);
    await expect(buildReportDocument(ctx, { unit: 'P_VT', period: '2026-Q1', format: 'docx' })).rejects.toThrow(/nghĩa vụ/);
  });

  it.skipIf(!chromiumExecutable())('prints a PDF and renders its first page to PNG', async () => {
    const doc = await buildReportDocument(ctx, { unit: 'P_VT', period: '2026-03', format: 'pdf' });
    expect(doc.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 in points, as the PDF's MediaBox states it.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(doc.bytes.toString('latin1'));
    expect(Number(box?.[1])).toBeCloseTo(595.3, -0.5);
    expect(Number(box?.[2])).toBeCloseTo(841.9, -0.5);
    const png = await pdfFirstPageToPng(doc.bytes);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const out = path.resolve('test-output/report-page1.png');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, png);
  });

  it('leaves the lines of classified targets out for a reader without the right, in the files and the upstream export', async () => {
    await t.db.updateTable('targets').set({ classified: true }).where('code', '=', 'CT-B').execute();
    try {
      const hidden = await buildReportDocument(ctx, { unit: 'P_VT', period: '2026-03', format: 'docx', classifiedVisible: false });
      const shown = await buildReportDocument(ctx, { unit: 'P_VT', period: '2026-03', format: 'docx', classifiedVisible: true });
      expect(shown.content.targets.map((l) => l.code)).toContain('CT-B');
      expect(hidden.content.targets.map((l) => l.code)).not.toContain('CT-B');
      expect(hidden.content.targets.map((l) => l.code)).toContain('CT-A');
      const text = await docxText(hidden.bytes);
      expect(text).not.toContain('Số doanh nghiệp số');
      expect(text).toContain('Tỷ lệ hồ sơ trực tuyến toàn trình');
      const upstream = await exportUpstream(ctx, 'P_VT', '2026-03', 'csv', { classifiedVisible: false });
      expect(upstream).not.toContain('CT-B');
      expect(await exportUpstream(ctx, 'P_VT', '2026-03', 'csv')).toContain('CT-B');
    } finally {
      await t.db.updateTable('targets').set({ classified: false }).where('code', '=', 'CT-B').execute();
    }
  });
});

/** The text of a DOCX as a plain Word reader sees it: its paragraphs and table cells, one per line. */
async function docxText(bytes: Uint8Array): Promise<string> {
  const model = await readDocxDocument(bytes, 'report.docx');
  return model.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.rows.map((r) => r.cells.join('\t')).join('\n'))).join('\n');
}
