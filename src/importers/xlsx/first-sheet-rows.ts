import ExcelJS from 'exceljs';
import { InputError } from '../../domain/errors.ts';
import { assertZipWithinLimits } from '../zip-limits.ts';
import { message } from '../../domain/messages/message.ts';

/** One non-empty spreadsheet row: its row number as the person editing it sees it, and its cells as text. */
export interface SheetLine {
  line: number;
  cells: string[];
}

/**
 * Reads the first worksheet of an XLSX workbook as text rows — the shape the tabular importers
 * (unit registry, observations) check line by line. Null when the workbook has no worksheet; an
 * `InputError` when the bytes are not a workbook. Rows are padded to `minColumns` cells.
 *
 * @example
 * const lines = await readFirstSheetRows(await readFile('don-vi.xlsx'));
 * lines?.[0] // → { line: 1, cells: ['code', 'name', …] }
 */
export async function readFirstSheetRows(bytes: Uint8Array, minColumns = 0): Promise<SheetLine[] | null> {
  assertZipWithinLimits(bytes, 'XLSX');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new InputError(message('import.unreadable_xlsx', { message: (error as Error).message }));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const lines: SheetLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, minColumns); c++) cells.push(cellText(row.getCell(c).value));
    lines.push({ line, cells });
  });
  return lines;
}

/** A cell as the text a person sees: formulas by their result, dates as yyyy-mm-dd, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value && value.result !== undefined && value.result !== null) return cellText(value.result);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  return '';
}
