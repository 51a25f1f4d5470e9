import ExcelJS from 'exceljs';
import { InputError } from '../../domain/errors.ts';
import type { DocumentBlock, DocumentModel, TableBlock } from '../document-model.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Labels that mark an appendix's header row, compared without diacritics or case. A row holding at
 * least two of them is the header; what comes above it (the appendix number and title) is prose.
 */
const HEADER_LABELS = [
  'stt',
  'tt',
  'muc tieu',
  'chi tieu',
  'ten chi tieu',
  'ten nhiem vu',
  'ten nhom nhiem vu/nhiem vu',
  'nhiem vu',
  'noi dung',
  'don vi chu tri',
  'don vi chu tri thuc hien',
  'don vi phoi hop',
  'thoi han',
  'thoi han hoan thanh',
  'thoi gian hoan thanh',
  'can cu',
  'san pham',
  'san pham dau ra',
  'ket qua',
  'ket qua can dat',
];
/** How far down a sheet the header row may sit. */
const HEADER_SEARCH_ROWS = 30;
/** More columns than any plan has; a sheet claiming more is read only this far. */
const MAX_COLUMNS = 64;

/**
 * Reads an XLSX workbook of appendices into the document model: one table block per sheet, titled
 * with the sheet's name, starting at the header row (found by its labels: "STT", "Mục tiêu", "Tên
 * nhiệm vụ", "Đơn vị chủ trì"…); the rows above the header become paragraphs. `line` is the row
 * index across the workbook: on the first sheet the row number Excel shows, on each later sheet
 * that number plus the rows of the sheets before it — so lines rise through the document as the
 * extractor expects, and the table's title names the sheet.
 *
 * @example
 * const model = await readXlsxDocument(await readFile('phu-luc.xlsx'), 'phu-luc.xlsx');
 * model.blocks.find((b) => b.type === 'table')?.title // 'Phụ lục 01'
 */
export async function readXlsxDocument(bytes: Uint8Array, source: string): Promise<DocumentModel> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings predate Node's generic Buffer; it only reads the bytes.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new InputError(message('import.xlsx_file_cannot_read', { source }), [
      { field: 'file', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const blocks: DocumentBlock[] = [];
  let offset = 0;
  workbook.eachSheet((sheet) => {
    blocks.push(...sheetBlocks(sheet, offset));
    offset += sheet.rowCount;
  });
  return { source, blocks };
}

function sheetBlocks(sheet: ExcelJS.Worksheet, offset: number): DocumentBlock[] {
  const rows: { line: number; cells: string[] }[] = [];
  const width = Math.min(sheet.columnCount, MAX_COLUMNS);
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.some((c) => c.length > 0)) rows.push({ line: offset + rowNumber, cells });
  });
  if (rows.length === 0) return [];

  const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex(isHeaderRow);
  const title = sheet.name.normalize('NFC');
  const paragraph = (row: { line: number; cells: string[] }): DocumentBlock => ({
    type: 'paragraph',
    line: row.line,
    text: row.cells.filter((c) => c.length > 0).join(' '),
  });
  if (headerAt >= 0) {
    // Rows as wide as the header, as the text appendices have them (trailing empty cells kept).
    const headerWidth = rows[headerAt]?.cells.length ?? 0;
    const tableRows = rows.slice(headerAt).map((r) => ({ line: r.line, cells: pad(r.cells, headerWidth) }));
    return [...rows.slice(0, headerAt).map(paragraph), { type: 'table', line: tableRows[0]?.line ?? 1, rows: tableRows, title }];
  }
  // No appendix header: a sheet of prose (one text per row) with, perhaps, tables among it.
  const blocks: DocumentBlock[] = [];
  let table: TableBlock | null = null;
  for (const row of rows) {
    if (row.cells.filter((c) => c.length > 0).length <= 1) {
      blocks.push(paragraph(row));
      table = null;
    } else {
      if (!table) blocks.push((table = { type: 'table', line: row.line, rows: [], title }));
      table.rows.push(row);
    }
  }
  return blocks;
}

function pad(cells: string[], width: number): string[] {
  return cells.length >= width ? cells : [...cells, ...new Array<string>(width - cells.length).fill('')];
}

function isHeaderRow(row: { cells: string[] }): boolean {
  return row.cells.filter((c) => isHeaderLabel(foldLabel(c))).length >= 2;
}

/** "Đơn vị chủ trì theo dõi, hướng dẫn, tổng hợp" is still the "Đơn vị chủ trì" column. */
function isHeaderLabel(folded: string): boolean {
  return HEADER_LABELS.some((label) => folded === label || /^[ ,(:]/.test(folded.slice(label.length)) && folded.startsWith(label));
}

/** Lower case, no diacritics, đ → d, single spaces: how header labels are compared. */
function foldLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function cellText(cell: ExcelJS.Cell): string {
  // A merged range holds its value in the top-left cell; the others read as empty so that columns
  // line up with the header exactly as the text appendices do.
  if (cell.isMerged && cell.master !== cell) return '';
  return clean(valueText(cell.value));
}

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || typeof result === 'object' && result !== null && 'error' in result ? '' : valueText(result);
  }
  if ('hyperlink' in value) return valueText(value.text);
  if ('error' in value) return '';
  return '';
}

/** Dates in cells read as officials write them (dd/mm/yyyy), the form the deadline parser knows. */
function formatDate(date: Date): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}

function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}
