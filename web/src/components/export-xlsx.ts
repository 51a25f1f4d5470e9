import { apiErrorOf, csrfTokenForWrites } from '../app/api.ts';

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
 * Has the server write rows to an .xlsx workbook and downloads it. The browser carries no
 * spreadsheet library (exceljs weighed 929 KB): it sends the cells exactly as shown, the server
 * (POST /api/v1/exports/table.xlsx) writes the workbook with formulas made harmless.
 *
 * @example
 * await exportXlsx('xep-hang', 'Xếp hạng', columns, rows);
 */
export async function exportXlsx<Row>(fileName: string, sheetName: string, columns: readonly SheetColumn<Row>[], rows: readonly Row[]): Promise<void> {
  const [, ...cells] = toSheetRows(columns, rows);
  const headers = new Headers({ 'content-type': 'application/json', 'accept-language': document.documentElement.lang || 'vi' });
  const csrf = csrfTokenForWrites();
  if (csrf) headers.set('x-csrf-token', csrf);
  const res = await fetch('/api/v1/exports/table.xlsx', {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify({
      fileName: safeFileName(fileName).replace(/\.xlsx$/i, ''),
      sheetName,
      columns: columns.map((c) => ({ header: c.header, ...(c.width ? { width: c.width } : {}) })),
      rows: cells,
    }),
  });
  if (!res.ok) throw await apiErrorOf(res);
  downloadBlob(await res.blob(), safeFileName(fileName));
}

/**
 * The address of the server's export of the targets behind an overview figure (scope and
 * classified rule applied there); a plain link, so the browser downloads it with the session.
 *
 * @example
 * targetsXlsxHref({ unit: 'HN', status: 'at_risk' }) // → '/api/v1/exports/targets.xlsx?unit=HN&status=at_risk'
 */
export function targetsXlsxHref(filter: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return `/api/v1/exports/targets.xlsx?${params.toString()}`;
}
