import ExcelJS from 'exceljs';
import { InputError } from '../../domain/errors.ts';
import { message } from '../../domain/messages/message.ts';
import { assertZipWithinLimits } from '../zip-limits.ts';
import { cellText, type SheetLine } from './first-sheet-rows.ts';

/** One worksheet as text rows, with its name (the tab a person sees). */
export interface SheetRows {
  name: string;
  lines: SheetLine[];
}

/**
 * Reads every worksheet of an XLSX workbook as text rows, in the workbook's order — for files that
 * several people filled, one sheet each (a ward's Mẫu 01 proposals). Hidden sheets are read too: what
 * is in the file is what gets checked. An `InputError` when the bytes are not a workbook.
 *
 * @example
 * const sheets = await readWorkbookSheetRows(bytes); // [{ name: 'Phường An', lines: [{ line: 3, cells: [...] }] }, …]
 */
export async function readWorkbookSheetRows(bytes: Uint8Array): Promise<SheetRows[]> {
  assertZipWithinLimits(bytes, 'XLSX');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new InputError(message('import.xlsx_unreadable', { message: (error as Error).message }));
  }
  return workbook.worksheets.map((sheet) => {
    const lines: SheetLine[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      lines.push({ line, cells });
    });
    return { name: sheet.name, lines };
  });
}
