import ExcelJS from 'exceljs';
import type { AppContext } from '../../app-context.ts';
import { toCsv } from '../../exports/csv.ts';
import { TARGET_STATUS_VI, TASK_STATUS_VI } from '../../domain/reporting/report-content.ts';
import { getPublicPlanProgress, type PublicPlanProgress, type PublicTarget, type PublicTask } from './get-public-plan-progress.ts';

export type OpenDataFormat = 'csv' | 'json' | 'xlsx';

export interface OpenDataFile {
  /** Vietnamese file name ("dữ-liệu-mở-12-KH-UBND-v1.csv") and its ASCII fallback for old clients. */
  fileName: string;
  asciiFileName: string;
  contentType: string;
  body: Buffer;
}

interface Column<Row> {
  header: string;
  value: (row: Row, data: PublicPlanProgress) => string | number | null;
  /** How an XLSX cell shows it: an ISO date becomes a real date, a share a percentage. */
  kind?: 'date' | 'percent';
  width?: number;
}

const TARGET_COLUMNS: Column<PublicTarget>[] = [
  { header: 'Mã chỉ tiêu', value: (t) => t.code, width: 16 },
  { header: 'Lĩnh vực (trụ cột)', value: (t) => t.pillar, width: 28 },
  { header: 'Mục', value: (t) => t.sectionPath.join(' › '), width: 28 },
  { header: 'Chỉ tiêu', value: (t) => t.text, width: 60 },
  { header: 'Đơn vị chủ trì', value: (t) => t.responsibleUnit, width: 28 },
  { header: 'Mục tiêu (nguyên văn)', value: (t) => t.goal.raw, width: 24 },
  { header: 'Phép so sánh', value: (t) => t.goal.op },
  { header: 'Giá trị mục tiêu', value: (t) => t.goal.value },
  { header: 'Đơn vị đo', value: (t) => t.measure },
  { header: 'Hạn hoàn thành', value: (t) => t.due, kind: 'date' },
  { header: 'Tình trạng', value: (t) => (t.status ? TARGET_STATUS_VI[t.status] : 'Chưa đánh giá'), width: 20 },
  { header: 'Mã tình trạng', value: (t) => t.status },
  { header: 'Giá trị hiện tại', value: (t) => t.current },
  { header: 'Kỳ số liệu', value: (t) => t.currentPeriod },
  { header: 'Tiến độ', value: (t) => t.progress, kind: 'percent' },
  { header: 'Ngày đánh giá', value: (_t, d) => d.asOf, kind: 'date' },
  { header: 'Phiên bản kế hoạch', value: (_t, d) => d.plan.versionNo },
];

const TASK_COLUMNS: Column<PublicTask>[] = [
  { header: 'Mã nhiệm vụ', value: (t) => t.code, width: 16 },
  { header: 'Lĩnh vực (trụ cột)', value: (t) => t.pillar, width: 28 },
  { header: 'Nhiệm vụ', value: (t) => t.title, width: 60 },
  { header: 'Đơn vị chủ trì', value: (t) => t.responsibleUnit, width: 28 },
  { header: 'Kết quả cần đạt', value: (t) => t.result, width: 30 },
  { header: 'Sản phẩm đầu ra', value: (t) => t.product, width: 30 },
  { header: 'Thời hạn (nguyên văn)', value: (t) => t.dueRaw, width: 20 },
  { header: 'Hạn hoàn thành', value: (t) => t.due, kind: 'date' },
  { header: 'Trạng thái', value: (t) => (t.status ? TASK_STATUS_VI[t.status] ?? t.status : null), width: 18 },
  { header: 'Tiến độ (%)', value: (t) => t.progress },
  { header: 'Quá hạn', value: (t) => (t.overdue ? 'Có' : 'Không') },
];

/**
 * A published plan's public targets and tasks as an open-data file: CSV (UTF-8 with a BOM so Excel
 * reads Vietnamese; one row per target; ISO dates and "." decimals for machines), the JSON of
 * `getPublicPlanProgress`, or an XLSX workbook with a sheet of targets and one of tasks.
 *
 * @example
 * const file = await exportOpenData(ctx, '12/KH-UBND', 'csv');
 * file.asciiFileName // 'du-lieu-mo-12-KH-UBND-v1.csv'
 */
export async function exportOpenData(ctx: AppContext, ref: string | number, format: OpenDataFormat, options: { asOf?: string | undefined } = {}): Promise<OpenDataFile> {
  const data = await getPublicPlanProgress(ctx, ref, options);
  const base = `dữ-liệu-mở-${(data.plan.code ?? `ke-hoach-${data.plan.id}`).normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}-v${data.plan.versionNo}`;
  const names = { fileName: `${base}.${format}`, asciiFileName: `${asciiOf(base)}.${format}` };
  if (format === 'json') return { ...names, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(data, null, 2), 'utf8') };
  if (format === 'csv') {
    const csv = toCsv([TARGET_COLUMNS.map((c) => c.header), ...data.targets.map((t) => TARGET_COLUMNS.map((c) => c.value(t, data)))], { record_delimiter: 'windows' });
    return { ...names, contentType: 'text/csv; charset=utf-8', body: Buffer.from(`\uFEFF${csv}`, 'utf8') };
  }
  return { ...names, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await workbookOf(data) };
}

async function workbookOf(data: PublicPlanProgress): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Theo Dõi';
  workbook.title = data.plan.title;
  addSheet(workbook, 'Chỉ tiêu', TARGET_COLUMNS, data.targets, data);
  addSheet(workbook, 'Nhiệm vụ', TASK_COLUMNS, data.tasks, data);
  const about = workbook.addWorksheet('Thông tin');
  about.columns = [{ width: 24 }, { width: 80 }];
  const rows: [string, string | number | Date | null][] = [
    ['Kế hoạch', data.plan.title],
    ['Số hiệu', data.plan.code],
    ['Cơ quan ban hành', data.plan.issuer],
    ['Ngày ban hành', dateOf(data.plan.issuedOn)],
    ['Phiên bản', data.plan.versionNo],
    ['Ngày đánh giá', dateOf(data.asOf)],
    ['Ghi chú', 'Chỉ gồm các chỉ tiêu, nhiệm vụ không có yếu tố mật.'],
  ];
  for (const row of rows) about.addRow(row).getCell(1).font = { bold: true };
  about.eachRow((row) => {
    if (row.getCell(2).value instanceof Date) row.getCell(2).numFmt = 'dd/mm/yyyy';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet<Row>(workbook: ExcelJS.Workbook, name: string, columns: Column<Row>[], rows: Row[], data: PublicPlanProgress): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14, style: c.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.kind === 'percent' ? { numFmt: '0%' } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const row of rows) sheet.addRow(columns.map((c) => {
    const v = c.value(row, data);
    return c.kind === 'date' && typeof v === 'string' ? dateOf(v) : v;
  }));
}

/** An ISO date as a spreadsheet date (UTC midnight, so no time zone moves it a day). */
function dateOf(iso: string | null): Date | null {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
}

/** "dữ-liệu-mở-12-KH-UBND" → "du-lieu-mo-12-KH-UBND": for Content-Disposition's plain `filename`. */
export function asciiOf(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '-');
}
