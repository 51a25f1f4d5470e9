import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { InputError } from '../../domain/errors.ts';
import { parseCsvTable, tableFromCells, type Table } from '../../domain/observations/tabular-rows.ts';

/**
 * Reads a CSV or XLSX file (first worksheet) into a header and records with their line numbers, so
 * every later error can name the line a person sees in their spreadsheet.
 *
 * @example
 * const { header, rows } = await readTableFile('chi-so.xlsx');
 */
export async function readTableFile(file: string): Promise<Table> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return readXlsx(file);
  if (ext === '.csv' || ext === '.txt' || ext === '') return parseCsvTable(await readFile(file, 'utf8'));
  throw new InputError(`Không đọc được tệp ${ext}; dùng .csv hoặc .xlsx / unsupported file type ${ext}; use .csv or .xlsx`);
}

async function readXlsx(file: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputError(`Tệp XLSX hỏng / unreadable XLSX: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ line, cells });
  });
  return tableFromCells(rows);
}

function cellText(value: ExcelJS.CellValue): string {
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
