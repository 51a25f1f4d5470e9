import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../domain/errors.ts';
import { readFirstSheetRows } from '../../importers/xlsx/first-sheet-rows.ts';
import { parseCsvTable, tableFromCells, type Table } from '../../domain/observations/tabular-rows.ts';
import { message } from '../../domain/messages/message.ts';

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
  throw new InputError(message('observation.unsupported_file_type_use_csv', { ext }));
}

async function readXlsx(file: string): Promise<Table> {
  const lines = await readFirstSheetRows(await readFile(file));
  return lines ? tableFromCells(lines) : { header: [], rows: [] };
}
