/** A column of an exported sheet: its header and how to read a cell from a row. */
export interface SheetColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
  /** Excel column width in characters. */
  width?: number;
}

/**
 * The cells of a sheet: the header row, then one row per record; empty values become null so
 * Excel shows blank cells rather than the text "undefined".
 *
 * @example
 * toSheetRows([{ header: 'Mã', value: (r: { code: string }) => r.code }], [{ code: 'HN' }]);
 * // → [['Mã'], ['HN']]
 */
export function toSheetRows<Row>(columns: readonly SheetColumn<Row>[], rows: readonly Row[]): (string | number | null)[][] {
  return [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row) ?? null))];
}

/**
 * A file name safe on every system: diacritics kept (NFC), path separators and reserved
 * characters replaced, and the .xlsx extension added once.
 *
 * @example
 * safeFileName('Xếp hạng: xã/phường') // → 'Xếp hạng- xã-phường.xlsx'
 */
export function safeFileName(name: string, extension = 'xlsx'): string {
  const base = name.normalize('NFC').replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, ' ').trim() || 'theodoi';
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

/** Hands a Blob to the browser as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Writes rows to an .xlsx workbook and downloads it. exceljs is large, so it is loaded only when
 * someone actually exports (it never weighs on the first screen).
 *
 * @example
 * await exportXlsx('xep-hang', 'Xếp hạng', columns, rows);
 */
export async function exportXlsx<Row>(fileName: string, sheetName: string, columns: readonly SheetColumn<Row>[], rows: readonly Row[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Theo Dõi';
  // Excel limits sheet names to 31 characters without []:*?/\
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  sheet.addRows(toSheetRows(columns, rows));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(10, c.header.length + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  downloadBlob(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), safeFileName(fileName));
}
