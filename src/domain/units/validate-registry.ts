import { problem, type Problem } from '../errors.ts';
import { UNIT_KINDS, type RegistryUnit, type UnitKind } from './unit.ts';
import { message } from '../messages/message.ts';

/** A unit as read from a registry file, with the line it came from so problems can name it. */
export interface RegistryRow {
  line: number;
  unit: RegistryUnit;
}

/** The columns of a registry file, in order. */
export const REGISTRY_COLUMNS = ['code', 'name', 'kind', 'parent', 'aliases', 'valid_from', 'valid_to', 'successors'] as const;
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

const CODE = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

export function isUnitKind(text: string): text is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(text);
}

/**
 * Checks a whole registry file before anything is stored: codes well-formed and unique, kinds
 * known, dates valid and ordered, every parent and successor known (in the file or already
 * `known`), no unit its own ancestor. Returns every problem found, each naming its line and field.
 *
 * @example
 * validateRegistryRows([{ line: 2, unit: { code: 'A', parent: 'ZZ', … } }], new Set())
 * // → [{ line: 2, field: 'parent', message: 'Mã đơn vị cha "ZZ" không tồn tại / unknown parent code' }]
 */
export function validateRegistryRows(rows: RegistryRow[], known: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, unit } of rows) {
    if (!CODE.test(unit.code)) {
      problems.push(problem({ line, field: 'code' }, message('unit.code_must_upper_snake_case', { unitCode: unit.code })));
    }
    const earlier = firstLine.get(unit.code);
    if (earlier !== undefined) {
      problems.push(problem({ line, field: 'code' }, message('unit.duplicate_code_first_on_line', { unitCode: unit.code, earlier })));
    } else {
      firstLine.set(unit.code, line);
    }
    if (unit.name.trim() === '') problems.push(problem({ line, field: 'name' }, message('unit.name_required')));
    if (!isUnitKind(unit.kind)) {
      problems.push(problem({ line, field: 'kind' }, message('unit.unknown_kind', { kind: String(unit.kind), UNIT_KINDS: UNIT_KINDS.join(', ') })));
    }
    for (const field of ['valid_from', 'valid_to'] as const) {
      const value = field === 'valid_from' ? unit.validFrom : unit.validTo;
      if (value !== null && !isIsoDate(value)) {
        problems.push(problem({ line, field }, message('unit.invalid_date', { value })));
      }
    }
    if (unit.validFrom && unit.validTo && isIsoDate(unit.validFrom) && isIsoDate(unit.validTo) && unit.validTo < unit.validFrom) {
      problems.push(problem({ line, field: 'valid_to' }, message('unit.valid_to_before_valid_from')));
    }
    for (const successor of unit.successors) {
      if (!isIsoDate(successor.effectiveOn)) {
        problems.push(problem({ line, field: 'successors' }, message('unit.invalid_date_again', { effectiveOn: successor.effectiveOn, successorCode: successor.code })));
      }
      if (successor.code === unit.code) {
        problems.push(problem({ line, field: 'successors' }, message('unit.unit_cannot_succeed_itself')));
      }
    }
  }

  const inFile = new Set(firstLine.keys());
  const exists = (code: string) => inFile.has(code) || known.has(code);
  for (const { line, unit } of rows) {
    if (unit.parent !== null && !exists(unit.parent)) {
      problems.push(problem({ line, field: 'parent' }, message('unit.unknown_parent_code', { parent: unit.parent })));
    }
    if (unit.parent === unit.code) {
      problems.push(problem({ line, field: 'parent' }, message('unit.unit_cannot_own_parent')));
    }
    for (const successor of unit.successors) {
      if (!exists(successor.code)) {
        problems.push(problem({ line, field: 'successors' }, message('unit.unknown_successor_code', { successorCode: successor.code })));
      }
    }
  }

  // Cycles through parents longer than one step (A → B → A).
  const parentOf = new Map(rows.map(({ unit }) => [unit.code, unit.parent]));
  const reported = new Set<string>();
  for (const { line, unit } of rows) {
    const path = new Set<string>([unit.code]);
    let next = parentOf.get(unit.code) ?? null;
    while (next !== null && parentOf.has(next) && next !== unit.code) {
      if (path.has(next)) break;
      path.add(next);
      next = parentOf.get(next) ?? null;
    }
    if (next === unit.code && unit.parent !== unit.code && !reported.has(unit.code)) {
      for (const code of path) reported.add(code);
      problems.push(problem({ line, field: 'parent' }, message('unit.parent_cycle', { value: [...path, unit.code].join(' → ') })));
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
