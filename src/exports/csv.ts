import { stringify, type Options } from 'csv-stringify/sync';

/** Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number ("-5", "+1.5", "2e3") is read as a number, never a formula: it stays as it is. */
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)(e[+-]?\d+)?$/i;

/**
 * A text cell made safe to open in a spreadsheet: one that begins with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading apostrophe, which spreadsheets show as text and never run.
 *
 * @example
 * neutraliseFormula('=HYPERLINK("http://x")') // → "'=HYPERLINK(\"http://x\")"
 * neutraliseFormula('-5')                     // → '-5'
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell.trim()) ? `'${cell}` : cell;
}

/** Undoes `neutraliseFormula` for files we read back (the registry's round trip). */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) && !PLAIN_NUMBER.test(cell.slice(1).trim()) ? cell.slice(1) : cell;
}

/**
 * Every CSV Theo Dõi writes goes through here, so no cell of ours can run as a formula in the
 * spreadsheet of whoever opens it. Numbers, booleans and dates keep their own casts.
 *
 * @example
 * toCsv([['chỉ số', 'ghi chú'], ['DVC', '=1+1']]) // → 'chỉ số,ghi chú\nDVC,\'=1+1\n'
 */
export function toCsv(rows: unknown[][], options: Options = {}): string {
  return stringify(
    rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell))),
    options,
  );
}
