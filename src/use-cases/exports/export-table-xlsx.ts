import { renderXlsxTable, xlsxFileNames, type XlsxCell } from '../../exports/xlsx-table.ts';

export interface ShownTable {
  /** File name without extension (Vietnamese allowed). */
  fileName: string;
  sheetName: string;
  columns: { header: string; width?: number | undefined }[];
  rows: XlsxCell[][];
}

/**
 * A table exactly as the dashboard shows it (sorted, searched), written as .xlsx on the server so
 * the browser carries no spreadsheet library. It writes back only the cells the caller sent, which
 * the caller could already read: no access rule is needed beyond the one that let them see the
 * table. Tables of data the caller has not loaded are exported by their own endpoints, which read
 * through the access rules (exportTargetsXlsx).
 *
 * @example
 * const file = await exportTableXlsx({ fileName: 'xep-hang', sheetName: 'Xếp hạng', columns: [{ header: 'Hạng' }], rows: [[1]] });
 */
export async function exportTableXlsx(table: ShownTable): Promise<{ fileName: string; asciiFileName: string; body: Buffer }> {
  const width = table.columns.length;
  // A row shorter than the header gets blank cells, a longer one is cut: the sheet stays a table.
  const rows = table.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  return { ...xlsxFileNames(table.fileName), body: await renderXlsxTable({ sheetName: table.sheetName, columns: table.columns, rows }) };
}
