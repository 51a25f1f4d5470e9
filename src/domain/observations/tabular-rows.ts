import { parse } from 'csv-parse/sync';
import { InputError, problem, type Problem } from '../errors.ts';
import { message } from '../messages/message.ts';

/** A record read from a table (CSV or a spreadsheet), with the 1-based line it came from. */
export interface TableRow {
  line: number;
  record: Record<string, string>;
}

/** A table: its lower-cased header names and its data rows. */
export interface Table {
  header: string[];
  rows: TableRow[];
}

/**
 * Parses CSV text with a header line into records keyed by lower-cased header names. Empty lines are
 * skipped; a line with too many cells is an InputError naming the line.
 *
 * @example
 * parseCsvTable('indicator,unit,period,value\nDVC,P_VT,2026-03,12\n')
 * // → { header: ['indicator', 'unit', 'period', 'value'],
//     rows: [{ line: 2, record: { indicator: 'DVC', unit: 'P_VT', period: '2026-03', value: '12' } }] }
 */
export function parseCsvTable(text: string): Table {
  let rows: string[][];
  try {
    const parsed: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, bom: true });
    rows = parsed;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new InputError(message('observation.unreadable_csv'), [{ ...(line ? { line } : {}), message: (error as Error).message }]);
  }
  return tableFromCells(rows.map((cells, i) => ({ line: i + 1, cells })));
}

/** Turns header + data rows (with their line numbers) into records; the shared step of CSV and XLSX reading. */
export function tableFromCells(rows: { line: number; cells: string[] }[]): Table {
  const header = rows[0];
  if (!header) return { header: [], rows: [] };
  const names = header.cells.map((h) => h.normalize('NFC').trim().toLowerCase());
  const out: TableRow[] = [];
  const problems: Problem[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (row.cells.length > names.length && row.cells.slice(names.length).some((c) => c.trim() !== '')) {
      problems.push(problem({ line: row.line }, message('observation.more_cells_than_header_columns', { cellsCount: row.cells.length, namesCount: names.length })));
      continue;
    }
    const record: Record<string, string> = {};
    names.forEach((name, i) => {
      if (name) record[name] = (row.cells[i] ?? '').normalize('NFC').trim();
    });
    out.push({ line: row.line, record });
  }
  if (problems.length) throw new InputError(message('observation.rows_with_extra_cells'), problems);
  return { header: names, rows: out };
}

/** Checks that the header has every required column; names the missing ones. */
export function requireColumns(table: Table, required: readonly string[]): void {
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length) {
    throw new InputError(message('observation.missing_required_columns'), missing.map((field) => (problem({ line: 1, field }, message('observation.missing_column')))));
  }
}

/** The columns of an observation table, in the order used when a CSV body comes without a header. */
export const OBSERVATION_COLUMNS = ['indicator', 'unit', 'period', 'value', 'numerator', 'denominator'] as const;

const FIELD_OF_COLUMN: Record<string, string> = { evidence_url: 'evidenceUrl', evidenceurl: 'evidenceUrl' };

/**
 * Observation rows from a table: column names become the JSON field names (`evidence_url` →
 * `evidenceUrl`) and empty cells are left out, so CSV and JSON batches validate alike.
 */
export function observationRowsFromTable(table: Table): Record<string, string>[] {
  return table.rows.map(({ record }) => {
    const row: Record<string, string> = {};
    for (const [column, value] of Object.entries(record)) if (value !== '') row[FIELD_OF_COLUMN[column] ?? column] = value;
    return row;
  });
}

/**
 * Rows of a `text/csv` observation batch. A first line starting with `indicator` is a header (and may
 * add `note`, `evidence_url`, `reason`); otherwise the columns are `indicator,unit,period,value[,numerator,denominator]`.
 *
 * @example
 * observationRowsFromCsv('DVC_TT,P_VT,2026-03,,45,50') // → [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-03', numerator: '45', denominator: '50' }]
 */
export function observationRowsFromCsv(text: string): Record<string, string>[] {
  const body = text.replace(/^\uFEFF/, '');
  const hasHeader = /^\s*"?indicator"?\s*,/i.test(body);
  return observationRowsFromTable(parseCsvTable(hasHeader ? body : `${OBSERVATION_COLUMNS.join(',')}\n${body}`));
}
