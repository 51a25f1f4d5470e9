/**
 * The targets CSV: header `code,indicator,unit,op,value,due` with optional `start`, `baseline` and
 * `text`. `unit` is a unit code, or a set written `*<kind>` (`*commune` = every ward and commune,
 * `*agency` = every department): each member gets its own target `<code>.<unit code>`, and `<code>`
 * itself becomes the city target computed by rolling the indicator up the tree. Dates are
 * dd/mm/yyyy or yyyy-mm-dd. Pure: resolving codes against the database is the use case's job.
 */
import { parse } from 'csv-parse/sync';
import { problem, type Problem } from '../errors.ts';
import { UNIT_KINDS, type UnitKind } from '../units/unit.ts';
import { TARGET_OPS, type TargetOp } from './target-spec.ts';
import { message, type Message } from '../messages/message.ts';

export const REQUIRED_TARGET_COLUMNS = ['code', 'indicator', 'unit', 'op', 'value', 'due'] as const;
export const OPTIONAL_TARGET_COLUMNS = ['start', 'baseline', 'text'] as const;

export interface TargetCsvRow {
  /** 1-based line in the file. */
  line: number;
  code: string;
  indicator: string;
  unit: { code: string } | { kind: UnitKind };
  op: TargetOp;
  value: number;
  due: string;
  start: string | null;
  baseline: number | null;
  text: string | null;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,99}$/;

/**
 * Parses and checks the syntax of every line; all problems are returned together, each naming its
 * line and field.
 *
 * @example
 * parseTargetCsv('code,indicator,unit,op,value,due\nCT1,DVC_TT,*commune,>=,80,31/12/2026\n')
 * // → { rows: [{ line: 2, code: 'CT1', unit: { kind: 'commune' }, op: '>=', value: 80, due: '2026-12-31', … }], problems: [] }
 */
export function parseTargetCsv(text: string): { rows: TargetCsvRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const parsed = parse(text.replace(/^\uFEFF/, '').normalize('NFC'), { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
    // `info.lines` is the record's last line; a quoted cell may span lines, and errors name the first.
    records = parsed.map((r) => ({ record: r.record, info: { lines: r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0) } }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], problems: [problem({ ...(line ? { line } : {}) }, message('evaluation.unreadable_csv', { message: (error as Error).message }))] };
  }
  const header = records[0];
  if (!header) return { rows: [], problems: [problem({ line: 1 }, message('evaluation.file_empty'))] };
  const columns = header.record.map((h) => h.toLowerCase());
  for (const c of REQUIRED_TARGET_COLUMNS) {
    if (!columns.includes(c)) problems.push(problem({ line: header.info.lines, field: c }, message('evaluation.missing_column', { c })));
  }
  for (const c of columns) {
    if (!(REQUIRED_TARGET_COLUMNS as readonly string[]).includes(c) && !(OPTIONAL_TARGET_COLUMNS as readonly string[]).includes(c)) {
      problems.push(problem({ line: header.info.lines, field: c }, message('evaluation.unknown_column', { c })));
    }
  }
  if (problems.length) return { rows: [], problems };

  const rows: TargetCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (name: string) => (record[columns.indexOf(name)] ?? '').trim();
    const fail = (field: string, said: Message) => problems.push(problem({ line, field }, said));
    const before = problems.length;
    const code = cell('code');
    if (!CODE.test(code)) fail('code', message('evaluation.invalid_target_code', { code }));
    else if (seen.has(code)) fail('code', message('evaluation.duplicate_of_line', { code, seen: String(seen.get(code)) }));
    else seen.set(code, line);
    const indicator = cell('indicator');
    if (!indicator) fail('indicator', message('evaluation.indicator_required'));
    const unit = parseTargetUnit(cell('unit'));
    if (!unit) fail('unit', message('evaluation.unit_code_or_set', { cell: cell('unit'), UNIT_KINDS: UNIT_KINDS.map((k) => `*${k}`).join(', ') }));
    const op = parseTargetOp(cell('op'));
    if (!op) fail('op', message('evaluation.invalid_comparator', { cell: cell('op'), TARGET_OPS: TARGET_OPS.join(' ') }));
    const value = parseNumber(cell('value'));
    if (value === null) fail('value', message('evaluation.not_number', { cell: cell('value') }));
    const due = parseDate(cell('due'));
    if (!due) fail('due', message('evaluation.invalid_date', { cell: cell('due') }));
    const startText = columns.includes('start') ? cell('start') : '';
    const start = startText ? parseDate(startText) : null;
    if (startText && !start) fail('start', message('evaluation.invalid_date_again', { startText }));
    if (start && due && start >= due) fail('start', message('evaluation.start_must_before_due'));
    const baselineText = columns.includes('baseline') ? cell('baseline') : '';
    const baseline = baselineText ? parseNumber(baselineText) : null;
    if (baselineText && baseline === null) fail('baseline', message('evaluation.not_number_again', { baselineText }));
    if (problems.length > before || !unit || !op || value === null || !due) continue;
    rows.push({ line, code, indicator, unit, op, value, due, start, baseline, text: columns.includes('text') ? cell('text') || null : null });
  }
  if (rows.length === 0 && problems.length === 0) problems.push(problem({ line: 2 }, message('evaluation.no_target_rows')));
  return { rows, problems };
}

/** A unit code, or a set of units of one kind ("*commune"); null when it is neither. */
export function parseTargetUnit(text: string): TargetCsvRow['unit'] | null {
  if (text.startsWith('*')) {
    const kind = text.slice(1).trim();
    return (UNIT_KINDS as readonly string[]).includes(kind) ? { kind: kind as UnitKind } : null;
  }
  return CODE.test(text) ? { code: text } : null;
}

/** A goal's comparison as people write it ("≥", ">=", "> ="); null when it is none of TARGET_OPS. */
export function parseTargetOp(text: string): TargetOp | null {
  const t = text.replace('≥', '>=').replace('≤', '<=').replace(/\s+/g, '');
  return (TARGET_OPS as readonly string[]).includes(t) ? (t as TargetOp) : null;
}

/** "95", "95.5", "95,5", "95%" → number; anything else → null. */
export function parseNumber(text: string): number | null {
  const t = text.replace(/%$/, '').trim();
  if (!/^-?\d+(?:[.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

/** dd/mm/yyyy or yyyy-mm-dd → ISO date, null when not a real date. */
export function parseDate(text: string): string | null {
  let y: number, m: number, d: number;
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (vi) [d, m, y] = [Number(vi[1]), Number(vi[2]), Number(vi[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
