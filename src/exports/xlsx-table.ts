import ExcelJS from 'exceljs';
import { neutraliseFormula } from './csv.ts';

export type XlsxCell = string | number | null;

export interface XlsxTable {
  /** The sheet's name; Excel allows 31 characters without []:*?/\ and the rest is cut. */
  sheetName: string;
  columns: readonly { header: string; /** width in characters */ width?: number | undefined }[];
  rows: readonly (readonly XlsxCell[])[];
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One table as an .xlsx workbook: a bold, frozen header row, then one row per record; numbers stay
 * numeric cells, empty values blank cells. Text goes through the same formula neutralisation as our
 * CSV files, so a cell never runs in whichever spreadsheet opens it (formulas are never written).
 * The dashboard's "Xuất Excel" is built here, so the browser never loads a spreadsheet library.
 *
 * @example
 * const bytes = await renderXlsxTable({ sheetName: 'Xếp hạng', columns: [{ header: 'Hạng' }], rows: [[1]] });
 */
export async function renderXlsxTable(table: XlsxTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Theo Dõi';
  const sheet = workbook.addWorksheet(sheetNameOf(table.sheetName));
  sheet.addRow(table.columns.map((c) => c.header));
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell.normalize('NFC')) : cell)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(10, c.header.length + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * @example sheetNameOf('Chỉ tiêu: xã/phường') // → 'Chỉ tiêu  xã phường'
 */
export function sheetNameOf(name: string): string {
  return name.normalize('NFC').replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}

/**
 * A download's file name in both forms a Content-Disposition needs: the Vietnamese one (NFC, path
 * separators and reserved characters replaced) and a plain ASCII fallback.
 *
 * @example
 * xlsxFileNames('Xếp hạng: xã/phường') // → { fileName: 'Xếp hạng- xã-phường.xlsx', asciiFileName: 'Xep-hang-xa-phuong.xlsx' }
 */
export function xlsxFileNames(name: string): { fileName: string; asciiFileName: string } {
  const base = name.normalize('NFC').replace(/\.xlsx$/i, '').replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').replace(/\s+/g, ' ').trim().slice(0, 120) || 'theodoi';
  const ascii = base.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'theodoi';
  return { fileName: `${base}.xlsx`, asciiFileName: `${ascii}.xlsx` };
}

/** The Content-Disposition of a download named `names` (RFC 6266: ASCII fallback, then UTF-8). */
export function attachmentHeader(names: { fileName: string; asciiFileName: string }): string {
  return `attachment; filename="${names.asciiFileName}"; filename*=UTF-8''${encodeURIComponent(names.fileName)}`;
}
