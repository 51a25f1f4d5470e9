import ExcelJS from 'exceljs';
import { TARGET_STATUS_VI, TASK_STATUS_VI, type ReportContent } from '../domain/reporting/report-content.ts';

const FONT = { name: 'Times New Roman', size: 12 };
// Vietnamese number format in the sheet itself: Excel shows separators by locale, the cells stay numbers.
const NUMBER_FORMAT = '#,##0.##';

/**
 * The report's appendix tables as XLSX: "Phụ lục 01" targets with figures and sources, "Phụ lục 02"
 * task progress, and for a consolidated report "Phụ lục 03" the units' reports. Figures are numeric
 * cells (not text) so they can be summed and checked.
 *
 * @example const bytes = await renderXlsxAppendix(content);
 */
export async function renderXlsxAppendix(content: ReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Theo Dõi';
  const heading = (ws: ExcelJS.Worksheet, title: string, columns: number) => {
    ws.mergeCells(1, 1, 1, columns);
    ws.getCell(1, 1).value = title;
    ws.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.mergeCells(2, 1, 2, columns);
    ws.getCell(2, 1).value = `${content.unit.name} — ${content.period.label}`;
    ws.getCell(2, 1).font = { ...FONT, italic: true };
    ws.getCell(2, 1).alignment = { horizontal: 'center' };
  };
  const table = (ws: ExcelJS.Worksheet, header: string[], widths: number[], rows: (string | number | null)[][]) => {
    ws.addRow([]);
    const h = ws.addRow(header);
    h.eachCell((c) => {
      c.font = { ...FONT, bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = thin;
    });
    for (const r of rows) {
      const row = ws.addRow(r);
      row.eachCell({ includeEmpty: true }, (c) => {
        c.font = FONT;
        c.alignment = { vertical: 'top', wrapText: true };
        c.border = thin;
        if (typeof c.value === 'number') c.numFmt = NUMBER_FORMAT;
      });
    }
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.views = [{ state: 'frozen', ySplit: 4 }];
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  };

  const targets = wb.addWorksheet('Phụ lục 01 - Chỉ tiêu');
  heading(targets, 'PHỤ LỤC 01. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', 9);
  table(
    targets,
    ['STT', 'Mã', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đơn vị tính', 'Kỳ số liệu', 'Nguồn số liệu', 'Đánh giá'],
    [6, 12, 50, 14, 12, 12, 12, 18, 16],
    content.targets.map((t, i) => [i + 1, t.code, t.text, t.goal, t.value, t.measure, t.valuePeriod, t.source?.system ?? null, TARGET_STATUS_VI[t.status]]),
  );

  const tasks = wb.addWorksheet('Phụ lục 02 - Nhiệm vụ');
  heading(tasks, 'PHỤ LỤC 02. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ', 8);
  table(
    tasks,
    ['STT', 'Mã', 'Nhiệm vụ', 'Thời hạn', 'Tiến độ (%)', 'Tình trạng', 'Minh chứng', 'Ghi chú'],
    [6, 12, 55, 16, 12, 16, 24, 24],
    content.tasks.map((t, i) => [i + 1, t.code, t.title, t.due, t.progress, TASK_STATUS_VI[t.status] ?? t.status, t.evidence || null, t.note || null]),
  );

  if (content.children.length) {
    const units = wb.addWorksheet('Phụ lục 03 - Đơn vị');
    heading(units, 'PHỤ LỤC 03. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ', 6);
    table(
      units,
      ['STT', 'Mã đơn vị', 'Đơn vị', 'Trạng thái', 'Thời hạn', 'Khó khăn, vướng mắc'],
      [6, 14, 40, 16, 18, 50],
      content.children.map((c, i) => [i + 1, c.unit.code, c.unit.name, c.state, c.timeliness, c.difficulties || null]),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
