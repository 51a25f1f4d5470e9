import { stringify, type Options } from 'csv-stringify/sync';

/**
 * Cells that get an apostrophe: those a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return — OWASP, "CSV injection"), and those with apostrophes before
 * such a start ("'=x" as a person wrote it), so that taking one apostrophe off on reading always
 * gives back exactly what was written.
 */
const PREFIXED = /^'*[=+\-@\t\r]/;
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
  return PREFIXED.test(cell) && !PLAIN_NUMBER.test(cell.trim()) ? `'${cell}` : cell;
}

/** Undoes `neutraliseFormula` for files we read back (the registry's round trip). */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && PREFIXED.test(cell.slice(1)) ? cell.slice(1) : cell;
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
