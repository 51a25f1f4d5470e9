import { parse, type Options } from 'csv-parse/sync';
import { restoreFormula, toCsv } from '../exports/csv.ts';
import { problem, type Problem } from '../domain/errors.ts';
import type { RegistryUnit, UnitKind } from '../domain/units/unit.ts';
import { REGISTRY_COLUMNS, type RegistryRow } from '../domain/units/validate-registry.ts';
import { message } from '../domain/messages/message.ts';

/**
 * The registry file format, shared by CSV and XLSX: one unit per row, columns
 * `code,name,kind,parent,aliases,valid_from,valid_to,successors`; aliases separated by `|`;
 * successors as `CODE@YYYY-MM-DD|…`; empty cells for "none".
 */
export interface ParsedRegistry {
  rows: RegistryRow[];
  problems: Problem[];
}

// Short rows are allowed (trailing empty cells); long ones are reported with their line.
const CSV_OPTIONS: Options = { relax_column_count: true, skip_empty_lines: false };

/** Turns the cells of one row (by column name) into a unit, recording malformed cells. */
export function rowToUnit(cells: Record<string, string>, line: number, problems: Problem[]): RegistryUnit {
  const cell = (column: string) => (cells[column] ?? '').normalize('NFC').trim();
  const successors = splitList(cell('successors')).map((entry) => {
    const at = entry.lastIndexOf('@');
    if (at <= 0) {
      problems.push(problem({ line, field: 'successors' }, message('unit.must_code_yyyy_mm_dd', { entry })));
      return { code: entry, effectiveOn: '' };
    }
    return { code: entry.slice(0, at).trim(), effectiveOn: entry.slice(at + 1).trim() };
  });
  return {
    code: cell('code'),
    name: cell('name'),
    kind: cell('kind') as UnitKind,
    parent: cell('parent') || null,
    aliases: splitList(cell('aliases')),
    validFrom: cell('valid_from') || null,
    validTo: cell('valid_to') || null,
    successors: successors.filter((s) => s.effectiveOn !== ''),
  };
}

/** Checks a header row names exactly the registry columns (in any order, nothing missing). */
export function checkHeader(header: string[], line = 1): Problem[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REGISTRY_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => n !== '' && !(REGISTRY_COLUMNS as readonly string[]).includes(n));
  return [
    ...missing.map((c) => (problem({ line, field: c }, message('unit.missing_column', { c })))),
    ...unknown.map((c) => (problem({ line, field: c }, message('unit.unknown_column', { c })))),
  ];
}

/**
 * Parses registry CSV text. Rows are returned with their 1-based line numbers (the header is line
 * 1); blank lines are skipped; problems name the line and column.
 *
 * @example
 * parseRegistryCsv('code,name,kind,parent,aliases,valid_from,valid_to,successors\nHN,Hà Nội,city,,,,,\n')
 * // → { rows: [{ line: 2, unit: { code: 'HN', … } }], problems: [] }
 */
export function parseRegistryCsv(text: string): ParsedRegistry {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), CSV_OPTIONS);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], problems: [problem({ ...(line ? { line } : {}) }, message('evaluation.unreadable_csv', { message: (error as Error).message }))] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [problem({ line: 1 }, message('unit.empty_file'))] };
  const problems = checkHeader(header);
  if (problems.length > 0) return { rows: [], problems };
  const columns = header.map((h) => h.trim().toLowerCase());
  const rows: RegistryRow[] = [];
  body.forEach((record, i) => {
    const line = i + 2;
    if (record.every((c) => c.trim() === '')) return;
    if (record.length > columns.length) {
      problems.push(problem({ line }, message('unit.too_many_columns', { recordCount: record.length, columnsCount: columns.length })));
      return;
    }
    const cells = Object.fromEntries(columns.map((c, j) => [c, restoreFormula(record[j] ?? '')]));
    rows.push({ line, unit: rowToUnit(cells, line, problems) });
  });
  return { rows, problems };
}

/** The cells of a unit, in column order, as written to CSV and XLSX. */
export function unitToCells(unit: RegistryUnit): string[] {
  return [
    unit.code,
    unit.name,
    unit.kind,
    unit.parent ?? '',
    unit.aliases.join('|'),
    unit.validFrom ?? '',
    unit.validTo ?? '',
    unit.successors.map((s) => `${s.code}@${s.effectiveOn}`).join('|'),
  ];
}

/** Writes units as registry CSV (header first, parents before children as given). */
export function formatRegistryCsv(units: RegistryUnit[]): string {
  return toCsv([[...REGISTRY_COLUMNS], ...units.map(unitToCells)]);
}

function splitList(text: string): string[] {
  return text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
