import ExcelJS from 'exceljs';
import { InputError, problem, type Problem } from '../domain/errors.ts';
import type { RegistryUnit } from '../domain/units/unit.ts';
import { REGISTRY_COLUMNS, type RegistryRow } from '../domain/units/validate-registry.ts';
import { readFirstSheetRows, type SheetLine } from '../importers/xlsx/first-sheet-rows.ts';
import { checkHeader, rowToUnit, unitToCells, type ParsedRegistry } from './registry-csv.ts';
import { message } from '../domain/messages/message.ts';

const SHEET_NAME = 'units';

/**
 * Reads the registry from the first worksheet of an XLSX workbook, in the same columns as the CSV
 * format. Line numbers are the spreadsheet's row numbers, as the person editing it sees them.
 *
 * @example
 * const { rows, problems } = await parseRegistryXlsx(await readFile('don-vi.xlsx'));
 */
export async function parseRegistryXlsx(content: Uint8Array): Promise<ParsedRegistry> {
  let lines: SheetLine[] | null;
  try {
    lines = await readFirstSheetRows(content, REGISTRY_COLUMNS.length);
  } catch (error) {
    if (error instanceof InputError) return { rows: [], problems: [{ message: error.message }] };
    throw error;
  }
  if (!lines) return { rows: [], problems: [problem({ line: 1 }, message('unit.no_worksheet'))] };
  const [header, ...body] = lines;
  if (!header) return { rows: [], problems: [problem({ line: 1 }, message('unit.empty_file'))] };
  const columns = header.cells.map((h) => h.trim().toLowerCase());
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop();
  const problems: Problem[] = checkHeader(columns, header.line);
  if (problems.length > 0) return { rows: [], problems };
  const rows: RegistryRow[] = [];
  for (const { line, cells } of body) {
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.slice(columns.length).some((c) => c.trim() !== '')) {
      problems.push(problem({ line }, message('unit.data_beyond_registry_columns', { columnsCount: columns.length })));
      continue;
    }
    const byColumn = Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
    rows.push({ line, unit: rowToUnit(byColumn, line, problems) });
  }
  return { rows, problems };
}

/** Writes units as an XLSX workbook with one sheet, header in bold, every cell as text. */
export async function formatRegistryXlsx(units: RegistryUnit[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Theo Dõi';
  const sheet = workbook.addWorksheet(SHEET_NAME);
  sheet.addRow([...REGISTRY_COLUMNS]).font = { bold: true };
  for (const unit of units) {
    const row = sheet.addRow(unitToCells(unit));
    // Text format keeps codes and dates exactly as written (Excel would turn 2025-07-01 into a date).
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = '@';
    });
  }
  sheet.columns.forEach((column, i) => {
    column.width = [22, 48, 16, 22, 40, 12, 12, 40][i] ?? 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
