/**
 * The fields of a target link as people write them (one request, or one line of a links CSV
 * `plan,target,indicator,unit,op,value,due`), checked for syntax only. Pure: resolving the plan,
 * target, indicator and unit against the database is the use case's job.
 */
import { parse } from 'csv-parse/sync';
import { problem, type Problem } from '../../domain/errors.ts';
import { parseDate, parseNumber, parseTargetOp, parseTargetUnit } from '../../domain/evaluation/target-csv.ts';
import { TARGET_OPS, type TargetOp } from '../../domain/evaluation/target-spec.ts';
import { UNIT_KINDS, type UnitKind } from '../../domain/units/unit.ts';
import { message, type Message } from '../../domain/messages/message.ts';

/** A link as entered: every override optional. */
export interface TargetLinkRequest {
  /** Plan id ("3") or document code ("12/KH-UBND"). */
  plan: string;
  /** Target code in the published version ("3-T4"), or its short form after the plan id ("T4"). */
  target: string;
  /** Indicator code. */
  indicator: string;
  /** A unit code, or a set `*<kind>` (`*commune`: every ward, rolled up to the city). Default: the target's own scope. */
  unit?: string | null | undefined;
  /** Comparator overriding the plan's goal (`>= > <= < =`, `≥ ≤` accepted). */
  op?: string | null | undefined;
  /** Goal value overriding the plan's ("95", "95,5", "95%"). */
  value?: string | number | null | undefined;
  /** Due date when the plan gives none (dd/mm/yyyy or yyyy-mm-dd). */
  due?: string | null | undefined;
  /** Allows changing a link that already exists. */
  replace?: boolean | undefined;
}

/** A link whose fields are well-formed. */
export interface ParsedTargetLink {
  plan: string;
  target: string;
  indicator: string;
  unit: { code: string } | { kind: UnitKind } | null;
  op: TargetOp | null;
  value: number | null;
  due: string | null;
  replace: boolean;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,99}$/;

/**
 * Checks a link's fields; problems name the field (and carry `where`, e.g. `{ line: 3 }`).
 *
 * @example
 * parseTargetLink({ plan: '3', target: 'T4', indicator: 'DVC_DUNG_HAN', op: '≥', value: '97' })
 * // → { link: { plan: '3', target: 'T4', indicator: 'DVC_DUNG_HAN', unit: null, op: '>=', value: 97, due: null, replace: false }, problems: [] }
 */
export function parseTargetLink(input: TargetLinkRequest, where: Pick<Problem, 'line' | 'index'> = {}): { link: ParsedTargetLink | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (field: string, said: Message) => problems.push(problem({ ...where, field }, said));
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v).normalize('NFC').trim());
  const plan = text(input.plan);
  if (!plan) fail('plan', message('target.plan_required'));
  const target = text(input.target);
  if (!CODE.test(target)) fail('target', message('target.invalid_target_code', { target }));
  const indicator = text(input.indicator);
  if (!CODE.test(indicator)) fail('indicator', message('target.invalid_indicator_code', { indicator }));

  const unitText = text(input.unit);
  let unit: ParsedTargetLink['unit'] = null;
  if (unitText) {
    unit = parseTargetUnit(unitText);
    if (!unit) fail('unit', message('target.unit_code_or_set', { unitText, UNIT_KINDS: UNIT_KINDS.map((k) => `*${k}`).join(', ') }));
  }
  const opText = text(input.op);
  const op = opText ? parseTargetOp(opText) : null;
  if (opText && !op) fail('op', message('target.invalid_comparator', { opText, TARGET_OPS: TARGET_OPS.join(' ') }));
  const valueText = text(input.value);
  const value = valueText ? parseNumber(valueText) : null;
  if (valueText && value === null) fail('value', message('target.not_number', { valueText }));
  const dueText = text(input.due);
  const due = dueText ? parseDate(dueText) : null;
  if (dueText && !due) fail('due', message('target.invalid_date', { dueText }));
  if (problems.length) return { link: null, problems };
  return { link: { plan, target, indicator, unit, op, value, due, replace: input.replace === true }, problems };
}

export const TARGET_LINK_COLUMNS = ['plan', 'target', 'indicator', 'unit', 'op', 'value', 'due'] as const;
const REQUIRED_LINK_COLUMNS = ['plan', 'target', 'indicator'] as const;

/**
 * Parses a links CSV: header `plan,target,indicator,unit,op,value,due` (`unit`, `op`, `value`, `due`
 * may be left empty or left out; `replace` may be added as a column with `x`/`1`/`true`). Every
 * problem is returned with its line and field.
 *
 * @example
 * parseTargetLinkCsv('plan,target,indicator,unit,op,value,due\n12/KH-UBND,T4,DVC_DUNG_HAN,,>=,97,31/12/2026\n')
 * // → { rows: [{ line: 2, link: { plan: '12/KH-UBND', target: 'T4', … } }], problems: [] }
 */
export function parseTargetLinkCsv(csvText: string): { rows: { line: number; link: ParsedTargetLink }[]; problems: Problem[] } {
  let records: { record: string[]; line: number }[];
  try {
    const parsed = parse(csvText.replace(/^\uFEFF/, '').normalize('NFC'), { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as {
      record: string[];
      raw: string;
      info: { lines: number };
    }[];
    // `info.lines` is a record's last line; a quoted cell may span lines, and problems name the first.
    records = parsed.map((r) => ({ record: r.record, line: r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0) }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], problems: [problem({ ...(line ? { line } : {}) }, message('evaluation.unreadable_csv', { message: (error as Error).message }))] };
  }
  const header = records[0];
  if (!header) return { rows: [], problems: [problem({ line: 1 }, message('evaluation.file_empty'))] };
  const columns = header.record.map((h) => h.trim().toLowerCase());
  const problems: Problem[] = [];
  for (const c of REQUIRED_LINK_COLUMNS) {
    if (!columns.includes(c)) problems.push(problem({ line: header.line, field: c }, message('evaluation.missing_column', { c })));
  }
  for (const c of columns) {
    if (!(TARGET_LINK_COLUMNS as readonly string[]).includes(c) && c !== 'replace') problems.push(problem({ line: header.line, field: c }, message('evaluation.unknown_column', { c })));
  }
  if (problems.length) return { rows: [], problems };

  const rows: { line: number; link: ParsedTargetLink }[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of records.slice(1)) {
    const cell = (name: string) => (columns.includes(name) ? (record[columns.indexOf(name)] ?? '').trim() : '');
    const { link, problems: lineProblems } = parseTargetLink(
      { plan: cell('plan'), target: cell('target'), indicator: cell('indicator'), unit: cell('unit'), op: cell('op'), value: cell('value'), due: cell('due'), replace: /^(x|1|true|có|co|yes)$/i.test(cell('replace')) },
      { line },
    );
    problems.push(...lineProblems);
    if (!link) continue;
    const key = `${link.plan}\u0001${link.target}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push(problem({ line, field: 'target' }, message('target.already_linked_on_line_again', { target: link.target, other })));
      continue;
    }
    seen.set(key, line);
    rows.push({ line, link });
  }
  if (rows.length === 0 && problems.length === 0) problems.push(problem({ line: 2 }, message('target.no_rows')));
  return { rows, problems };
}
